"""POST /api/users: register."""

from fastapi import status

from conduit import accounts
from conduit.db import DbSession, writing
from conduit.errors import invalid
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
    password_hash = hash_password(new.password)  # slow on purpose: before any lock
    with writing(session, refusal=invalid(accounts.TAKEN)):
        accounts.ensure_available(session, new.username, new.email)
        user = User(username=new.username, email=new.email, password_hash=password_hash)
        session.add(user)
    return accounts.present(user)
