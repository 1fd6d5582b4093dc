"""POST /api/users: register."""

from fastapi import status

from conduit import accounts
from conduit.db import DbSession, commit
from conduit.models import User
from conduit.passwords import hash_password
from conduit.schemas import NewUserRequest, UserResponse

meta = {
    "operation_id": "CreateUser",
    "status_code": status.HTTP_201_CREATED,
}


def handler(body: NewUserRequest, session: DbSession) -> UserResponse:
    """Register a new user"""
    new = body.user
    accounts.ensure_available(session, new.username, new.email)
    user = User(
        username=new.username,
        email=new.email,
        password_hash=hash_password(new.password),
    )
    session.add(user)
    commit(session, accounts.TAKEN)
    return accounts.present(user)
