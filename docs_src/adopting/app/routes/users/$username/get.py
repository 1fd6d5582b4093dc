meta = {
    "name": "read_user",
    "tags": ["users"],
}


async def read_user(username: str):
    return {"username": username}


handler = read_user
