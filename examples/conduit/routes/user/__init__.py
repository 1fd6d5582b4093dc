"""The logged-in user's own account."""

tags = ["User and Authentication"]
responses = {401: {"description": "Unauthorized"}}
