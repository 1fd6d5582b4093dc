"""GET /api/user: the logged-in user."""

from typing import Annotated

from fastapi import Depends

from conduit import accounts
from conduit.auth import current_user, presented_token
from conduit.models import User
from conduit.schemas import UserResponse

meta = {"operation_id": "GetCurrentUser", "summary": "Get current user"}


def handler(
    user: Annotated[User, Depends(current_user)],
    token: Annotated[str | None, Depends(presented_token)],
) -> UserResponse:
    """Gets the currently logged-in user"""
    return accounts.present(user, token)
