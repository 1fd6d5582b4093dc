"""Deleting a comment needs a token: only its author may."""

from fastapi import Depends

from conduit.auth import current_user

dependencies = [Depends(current_user)]
responses = {401: {"description": "Unauthorized"}}
