"""Favoriting is personal: it needs a token."""

from fastapi import Depends

from conduit.auth import current_user

dependencies = [Depends(current_user)]
tags = ["Favorites"]
responses = {401: {"description": "Unauthorized"}}
