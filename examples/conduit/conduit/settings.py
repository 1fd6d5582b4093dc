"""Settings from the environment, read once when the app starts.

It fails closed: without `CONDUIT_SECRET_KEY` anyone who reads this file
could sign tokens for any user, so the server refuses to start, unless
development mode is asked for by name (`CONDUIT_DEVELOPMENT=1`, which
`nox -s conduit` sets), and then says at every start that it is on.
"""

from __future__ import annotations

import logging

from pydantic import AliasChoices, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

logger = logging.getLogger(__name__)

DEVELOPMENT_SECRET = "conduit-development-secret-do-not-use-in-production"
SHORTEST_SECRET = 32  # bytes: RFC 7518's minimum for the HS256 key


class Settings(BaseSettings):
    """`DATABASE_URL`, and the `CONDUIT_` variables."""

    model_config = SettingsConfigDict(env_prefix="CONDUIT_", frozen=True)

    database_url: str = Field(
        default="sqlite:///conduit.db", validation_alias=AliasChoices("DATABASE_URL")
    )
    secret_key: SecretStr | None = None
    development: bool = False
    token_days: int = 60
    # Migrate the database when the server starts; in production with several
    # workers, turn it off and run `alembic upgrade head` before starting them.
    migrate_on_start: bool = True
    # Connections each worker keeps to the database; a request beyond them waits.
    database_pool_size: int = Field(default=10, ge=1)
    # argon2id passes over memory per hash (RFC 9106's second choice is 3).
    password_time_cost: int = Field(default=3, ge=1)

    @model_validator(mode="after")
    def has_a_key(self) -> Settings:
        if self.secret_key is None and not self.development:
            raise ValueError(
                "CONDUIT_SECRET_KEY is not set: set it to a random key of at"
                f" least {SHORTEST_SECRET} bytes, or set CONDUIT_DEVELOPMENT=1 to"
                " sign tokens with the development key, which anyone can read"
            )
        if len(self.key.encode()) < SHORTEST_SECRET:
            raise ValueError(
                f"CONDUIT_SECRET_KEY must be at least {SHORTEST_SECRET} bytes"
            )
        return self

    @property
    def key(self) -> str:
        """The key tokens are signed with."""
        if self.secret_key is None:
            return DEVELOPMENT_SECRET
        return self.secret_key.get_secret_value()


def from_environment() -> Settings:
    """The settings, or the server stops at start, saying what is wrong."""
    try:
        settings = Settings()
    except ValidationError as error:
        reasons = "; ".join(
            problem["msg"].removeprefix("Value error, ") for problem in error.errors()
        )
        raise SystemExit(reasons) from None
    if settings.secret_key is None:
        logger.warning(
            "development mode (CONDUIT_DEVELOPMENT=1): tokens are signed with the"
            " development key, which anyone can read; never use it in production"
        )
    return settings


settings = from_environment()
