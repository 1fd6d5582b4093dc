from typing import Annotated

from fastapi import Header, HTTPException

TOKENS = {"fake-super-secret-token": "alice", "other-token": "bob"}
ADMINS = {"alice"}


def verify_token(x_token: Annotated[str, Header()]) -> str:
    """The user the `X-Token` header belongs to."""
    if x_token not in TOKENS:
        raise HTTPException(status_code=401, detail="X-Token header invalid")
    return TOKENS[x_token]


def is_admin(username: str) -> bool:
    return username in ADMINS
