"""Accounts: unique usernames and emails, and the user body with its token."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from conduit import schemas
from conduit.auth import issue_token
from conduit.errors import invalid
from conduit.models import User

TAKEN = "username or email has already been taken"


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def ensure_available(
    session: Session,
    username: str | None,
    email: str | None,
    owner: User | None = None,
) -> None:
    """422 when another account has the username or the email.

    The unique constraints settle a race between two registrations; this
    check gives the usual case a message that says which field is taken.
    """
    taken = session.execute(
        select(User.username, User.email).where(
            or_(User.username == username, User.email == email),
            User.id != (owner.id if owner else -1),
        )
    )
    messages = []
    for other_username, other_email in taken:
        if other_username == username:
            messages.append("username has already been taken")
        if other_email == email:
            messages.append("email has already been taken")
    if messages:
        raise invalid(", ".join(sorted(set(messages))))


def present(user: User, token: str | None = None) -> schemas.UserResponse:
    """The user's body, with the token given (the one the request came with),
    or a new one."""
    return schemas.UserResponse(
        user=schemas.User(
            email=user.email,
            token=token or issue_token(user),
            username=user.username,
            bio=user.bio,
            image=user.image,
        )
    )
