"""GET /users/me: the signed-in user.

A static folder: it is matched before `$user_id`, whatever the disk order.
"""

from routes.users._store import CURRENT_USER_ID, NOT_FOUND, User, get_user

meta = {"summary": "The signed-in user", "tags": ["users"], "responses": NOT_FOUND}


async def handler() -> User:
    return get_user(CURRENT_USER_ID)
