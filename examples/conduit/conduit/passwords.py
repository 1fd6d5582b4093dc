"""Password hashes: argon2id, with argon2-cffi's parameters (RFC 9106's
low-memory choice); `CONDUIT_PASSWORD_TIME_COST` raises the passes."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from conduit.settings import settings

hasher = PasswordHasher(time_cost=settings.password_time_cost)


def hash_password(password: str) -> str:
    return hasher.hash(password)


# The hash of a password nobody knows, checked when a login names no account,
# so that a login takes as long whether its email has an account or not.
NO_ACCOUNT = hasher.hash(secrets.token_urlsafe(32))


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether `password` is the one hashed; always False without a hash,
    after the same work."""
    try:
        matches = hasher.verify(password_hash or NO_ACCOUNT, password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None
