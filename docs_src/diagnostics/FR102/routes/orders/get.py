handler = lambda: []
