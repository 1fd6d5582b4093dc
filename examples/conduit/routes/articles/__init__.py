"""Articles, their comments and favorites: a token, optional or required,
that is invalid is a 401 on every route here."""

responses = {401: {"description": "Unauthorized"}}
