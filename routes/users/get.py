"""GET /users: every user."""

from routes.users._store import USERS, User

meta = {"summary": "List users", "tags": ["users"]}


async def handler() -> list[User]:
    return list(USERS.values())
