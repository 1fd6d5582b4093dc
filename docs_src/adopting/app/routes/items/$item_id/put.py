from fastapi import HTTPException

meta = {
    "name": "update_item",
    "tags": ["custom"],
    "responses": {403: {"description": "Operation forbidden"}},
}


async def update_item(item_id: str):
    if item_id != "plumbus":
        raise HTTPException(
            status_code=403, detail="You can only update the item: plumbus"
        )
    return {"item_id": item_id, "name": "The great Plumbus"}


handler = update_item
