"""The logged-in user's own account: every route here needs a token."""

from fastapi import Depends

from conduit.auth import current_user

dependencies = [Depends(current_user)]
tags = ["User and Authentication"]
responses = {401: {"description": "Unauthorized"}}
