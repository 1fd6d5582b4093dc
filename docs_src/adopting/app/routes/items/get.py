from app.routes._app_routers_items import fake_items_db

trailing_slash = True
meta = {
    "name": "read_items",
}


async def read_items():
    return fake_items_db


handler = read_items
