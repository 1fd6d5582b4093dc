"""`Authorization: Token <jwt>`: who makes a request, if anyone.

`optional_user` is the user or None for endpoints where a token is optional;
`current_user` refuses a request without one (401). A token that is present
but wrong is a 401 either way, as the spec lists for optional endpoints too.
Each handler declares the one it needs, once, written out in its signature
(`user: Annotated[User, Depends(current_user)]`) rather than behind an alias,
so that `python -m codegen --list` shows it for every route.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, Security, status
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from conduit.db import DbSession
from conduit.models import User
from conduit.settings import settings

ALGORITHM = "HS256"
SCHEME = "Token"

authorization_header = APIKeyHeader(
    name="Authorization",
    scheme_name=SCHEME,
    description="`Token <jwt>`, with the token from registering or logging in.",
    auto_error=False,
)


def issue_token(user: User) -> str:
    """A token for the user, valid until it expires or the password changes
    (`ver`, the user's token version, moves with each change)."""
    expires = datetime.now(UTC) + timedelta(days=settings.token_days)
    claims = {"sub": str(user.id), "exp": expires, "ver": user.token_version}
    return jwt.encode(claims, settings.key, algorithm=ALGORITHM)


def unauthorized(reason: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, reason, headers={"WWW-Authenticate": SCHEME}
    )


def presented_token(
    authorization: Annotated[str | None, Security(authorization_header)],
) -> str | None:
    """The token of the `Authorization` header, if it has the spec's form."""
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme != SCHEME or not token:
        raise unauthorized("the Authorization header must be 'Token <jwt>'")
    return token


def claims_of(token: str) -> dict[str, object]:
    try:
        return jwt.decode(
            token,
            settings.key,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub"]},  # a token without them never expires
        )
    except jwt.InvalidTokenError as error:
        raise unauthorized("the token is invalid or has expired") from error


def optional_user(
    session: DbSession,
    token: Annotated[str | None, Depends(presented_token)],
) -> User | None:
    if token is None:
        return None
    claims = claims_of(token)
    try:
        user = session.get(User, int(str(claims["sub"])))
    except ValueError as error:
        raise unauthorized("the token is invalid or has expired") from error
    if user is None:
        raise unauthorized("the token's user no longer exists")
    if claims.get("ver", 0) != user.token_version:  # tokens from before `ver` are 0
        raise unauthorized("the token was revoked by a password change")
    return user


def still_signed_in(session: Session, user: User) -> None:
    """Lock the user's row for the rest of the transaction and read it again:
    a password change since authentication revoked the request's token (401).
    """
    authenticated = user.token_version
    session.refresh(user, with_for_update=True)
    if user.token_version != authenticated:
        raise unauthorized("the token was revoked by a password change")


def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise unauthorized("this endpoint needs an Authorization header")
    return user
