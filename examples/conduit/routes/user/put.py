"""PUT /api/user: change the logged-in user's details."""

from typing import Annotated

from fastapi import Depends

from conduit import accounts
from conduit.auth import current_user, presented_token, still_signed_in
from conduit.db import DbSession, writing
from conduit.errors import invalid
from conduit.models import User
from conduit.passwords import hash_password
from conduit.schemas import UpdateUserRequest, UserResponse

meta = {"operation_id": "UpdateCurrentUser", "summary": "Update current user"}


def handler(
    body: UpdateUserRequest,
    user: Annotated[User, Depends(current_user)],
    token: Annotated[str | None, Depends(presented_token)],
    session: DbSession,
) -> UserResponse:
    """Updated user information for current user"""
    changes = body.user
    session.commit()  # no transaction stays open while the password is hashed
    password_hash = hash_password(changes.password) if changes.password else None
    with writing(session, refusal=invalid(accounts.TAKEN)):
        still_signed_in(session, user)
        accounts.ensure_available(session, changes.username, changes.email, user)
        if changes.username is not None:
            user.username = changes.username
        if changes.email is not None:
            user.email = changes.email
        if password_hash is not None:
            user.password_hash = password_hash
            # Every token issued before is revoked, by concurrent changes too.
            user.token_version = User.token_version + 1
            token = None
        if changes.bio is not None:
            user.bio = changes.bio
        if changes.image is not None:
            user.image = changes.image
    return accounts.present(user, token)
