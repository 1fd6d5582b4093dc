"""POST /api/users/login: trade an email and password for a token."""

from conduit import accounts
from conduit.auth import unauthorized
from conduit.db import DbSession
from conduit.passwords import password_matches
from conduit.schemas import LoginUserRequest, UserResponse

meta = {
    "operation_id": "Login",
    "summary": "Existing user login",
    "responses": {401: {"description": "Unauthorized"}},
}


def handler(body: LoginUserRequest, session: DbSession) -> UserResponse:
    """Login for existing user"""
    user = accounts.find_by_email(session, body.user.email)
    session.commit()  # the lookup's transaction ends before the slow hash check
    password_hash = user.password_hash if user else None
    if not password_matches(password_hash, body.user.password) or user is None:
        raise unauthorized("email or password is invalid")
    return accounts.present(user)
