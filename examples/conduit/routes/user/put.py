"""PUT /api/user: change the logged-in user's details."""

from conduit import accounts
from conduit.auth import CurrentUser, PresentedToken
from conduit.db import DbSession, commit
from conduit.passwords import hash_password
from conduit.schemas import UpdateUserRequest, UserResponse

meta = {"operation_id": "UpdateCurrentUser", "summary": "Update current user"}


def handler(
    body: UpdateUserRequest,
    user: CurrentUser,
    token: PresentedToken,
    session: DbSession,
) -> UserResponse:
    """Updated user information for current user"""
    changes = body.user
    accounts.ensure_available(session, changes.username, changes.email, owner=user)
    if changes.username is not None:
        user.username = changes.username
    if changes.email is not None:
        user.email = changes.email
    if changes.password is not None:
        user.password_hash = hash_password(changes.password)
        user.token_version += 1  # every token issued before is revoked
        token = None
    if changes.bio is not None:
        user.bio = changes.bio
    if changes.image is not None:
        user.image = changes.image
    commit(session, accounts.TAKEN)
    return accounts.present(user, token)
