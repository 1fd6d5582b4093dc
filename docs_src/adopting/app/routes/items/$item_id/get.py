from fastapi import HTTPException

from app.routes._app_routers_items import fake_items_db

meta = {
    "name": "read_item",
}


async def read_item(item_id: str):
    if item_id not in fake_items_db:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"name": fake_items_db[item_id]["name"], "item_id": item_id}


handler = read_item
