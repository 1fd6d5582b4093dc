"""POST /users: create a user from a JSON body."""

from fastapi import status

from routes.users._store import USERS, NewUser, User

meta = {
    "summary": "Create a user",
    "tags": ["users"],
    "status_code": status.HTTP_201_CREATED,
    "response_model": User,
}


async def handler(new_user: NewUser) -> User:
    user = User(id=max(USERS, default=0) + 1, **new_user.model_dump())
    USERS[user.id] = user
    return user
