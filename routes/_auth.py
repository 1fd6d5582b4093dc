"""A shared dependency. `_` files are helpers, never routes."""

from typing import Annotated

from fastapi import Header, HTTPException, status

DEMO_TOKEN = "demo-token"


def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
    """Accept only `Authorization: Bearer demo-token` (a stand-in for real auth)."""
    if authorization != f"Bearer {DEMO_TOKEN}":
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="missing or wrong bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
