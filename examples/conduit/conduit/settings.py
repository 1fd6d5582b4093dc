"""Settings from the environment, read once when the app starts."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

logger = logging.getLogger(__name__)

DEVELOPMENT_SECRET = "conduit-development-secret-do-not-use-in-production"
SHORTEST_SECRET = 32  # bytes: RFC 7518's minimum for the HS256 key


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    token_days: int = 60


def from_environment() -> Settings:
    """`DATABASE_URL` and `CONDUIT_SECRET_KEY`, with development defaults.

    Without `CONDUIT_SECRET_KEY` anyone who reads this file can forge tokens,
    so the default is announced every time it is used.
    """
    secret_key = os.environ.get("CONDUIT_SECRET_KEY", "")
    if not secret_key:
        logger.warning(
            "CONDUIT_SECRET_KEY is not set: tokens are signed with a development"
            " key; set it in production"
        )
        secret_key = DEVELOPMENT_SECRET
    if len(secret_key.encode()) < SHORTEST_SECRET:
        raise SystemExit(f"CONDUIT_SECRET_KEY must be at least {SHORTEST_SECRET} bytes")
    return Settings(
        database_url=os.environ.get("DATABASE_URL", "sqlite:///conduit.db"),
        secret_key=secret_key,
    )


settings = from_environment()
