meta = {
    "name": "read_user_me",
    "tags": ["users"],
}


async def read_user_me():
    return {"username": "fakecurrentuser"}


handler = read_user_me
