"""GET /items/{item_id}: a plain `def` handler with a typed path parameter."""

from fastapi import HTTPException, status

meta = {
    "summary": "Get an item",
    "tags": ["items"],
    "responses": {404: {"description": "No item has this id"}},
}


def handler(item_id: int) -> dict[str, int | str]:
    if not 1 <= item_id <= 50:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "item not found")
    return {"id": item_id, "name": f"item {item_id}"}
