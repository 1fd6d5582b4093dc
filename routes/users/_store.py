"""The users' models and an in-memory store shared by the users routes."""

from typing import Any

from fastapi import HTTPException, status
from pydantic import BaseModel


class NewUser(BaseModel):
    name: str
    email: str


class User(NewUser):
    id: int


class Post(BaseModel):
    id: int
    title: str


USERS: dict[int, User] = {
    1: User(id=1, name="Ada Lovelace", email="ada@example.com"),
    2: User(id=2, name="Alan Turing", email="alan@example.com"),
}
POSTS: dict[int, list[Post]] = {
    1: [Post(id=1, title="Notes on the Analytical Engine")],
    2: [Post(id=2, title="On Computable Numbers")],
}
CURRENT_USER_ID = 1
# The answer every users route gives for an unknown id, for the OpenAPI document.
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No user has this id"}
}


def get_user(user_id: int) -> User:
    """The user, or a 404 that every users route answers the same way."""
    try:
        return USERS[user_id]
    except KeyError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "user not found") from None
