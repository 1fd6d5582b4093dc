"""DELETE /users/{user_id}: remove a user."""

from fastapi import Response, status

from routes.users._store import NOT_FOUND, USERS, get_user

meta = {
    "summary": "Delete a user",
    "tags": ["users"],
    "status_code": status.HTTP_204_NO_CONTENT,
    "response_class": Response,
    "responses": NOT_FOUND,
}


async def handler(user_id: int) -> None:
    get_user(user_id)
    del USERS[user_id]
