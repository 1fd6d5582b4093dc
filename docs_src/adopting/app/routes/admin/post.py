trailing_slash = True
meta = {
    "name": "update_admin",
}


async def update_admin():
    return {"message": "Admin getting schwifty"}


handler = update_admin
