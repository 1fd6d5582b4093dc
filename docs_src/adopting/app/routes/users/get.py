trailing_slash = True
meta = {
    "name": "read_users",
    "tags": ["users"],
}


async def read_users():
    return [{"username": "Rick"}, {"username": "Morty"}]


handler = read_users
