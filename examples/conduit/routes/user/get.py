"""GET /api/user: the logged-in user."""

from conduit import accounts
from conduit.auth import CurrentUser, PresentedToken
from conduit.schemas import UserResponse

meta = {"operation_id": "GetCurrentUser", "summary": "Get current user"}


def handler(user: CurrentUser, token: PresentedToken) -> UserResponse:
    """Gets the currently logged-in user"""
    return accounts.present(user, token)
