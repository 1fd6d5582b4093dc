"""GET /users/{user_id}: one user."""

from routes.users._store import NOT_FOUND, User, get_user

meta = {"summary": "Get a user", "tags": ["users"], "responses": NOT_FOUND}


async def handler(user_id: int) -> User:
    return get_user(user_id)
