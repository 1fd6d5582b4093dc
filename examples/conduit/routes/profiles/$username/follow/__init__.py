"""Following and unfollowing: only a logged-in user follows anyone."""

from fastapi import Depends

from conduit.auth import current_user

dependencies = [Depends(current_user)]
responses = {401: {"description": "Unauthorized"}}
