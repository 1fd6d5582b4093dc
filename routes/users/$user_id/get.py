"""GET /users/{user_id}: one user."""

from routes.users._store import User, get_user

NOT_FOUND = {404: {"description": "No user has this id"}}

meta = {"summary": "Get a user", "tags": ["users"], "responses": NOT_FOUND}


async def handler(user_id: int) -> User:
    return get_user(user_id)
