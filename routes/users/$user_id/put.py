"""PUT /users/{user_id}: replace a user's details."""

from routes.users._store import NOT_FOUND, USERS, NewUser, User, get_user

meta = {"summary": "Replace a user", "tags": ["users"], "responses": NOT_FOUND}


async def handler(user_id: int, details: NewUser) -> User:
    get_user(user_id)
    USERS[user_id] = User(id=user_id, **details.model_dump())
    return USERS[user_id]
