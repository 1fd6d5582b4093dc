"""GET /users/{user_id}/posts: a nested resource."""

from routes.users._store import NOT_FOUND, POSTS, Post, get_user

meta = {
    "summary": "List a user's posts",
    "tags": ["users", "posts"],
    "responses": NOT_FOUND,
}


async def handler(user_id: int) -> list[Post]:
    get_user(user_id)
    return POSTS.get(user_id, [])
