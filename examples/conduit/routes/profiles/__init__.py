"""Profiles of other users, and following them."""

tags = ["Profile"]
responses = {401: {"description": "Unauthorized"}}
