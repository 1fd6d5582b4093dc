tag = ["orders"]
