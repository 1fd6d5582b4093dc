"""A one-module app, as in FastAPI's tutorial: items in a fake database."""

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel

app = FastAPI(title="Items")


class Item(BaseModel):
    name: str
    price: float
    tags: list[str] = []


# The database, shared by every route (and by the tests).
fake_db: dict[int, Item] = {1: Item(name="Foo", price=3.5)}


def next_id() -> int:
    return max(fake_db, default=0) + 1


@app.get("/")
async def root():
    return {"message": "Hello World"}


@app.get("/items/")
async def read_items(skip: int = 0, limit: int = 10) -> list[Item]:
    """List the items, a page at a time."""
    return list(fake_db.values())[skip : skip + limit]


@app.post("/items/", status_code=status.HTTP_201_CREATED)
async def create_item(item: Item) -> dict[str, int]:
    item_id = next_id()
    fake_db[item_id] = item  # stored as given
    return {"id": item_id}


@app.get("/items/{item_id}", responses={404: {"description": "No such item"}})
def read_item(item_id: int, q: str | None = None) -> Item:
    if item_id not in fake_db:
        raise HTTPException(status_code=404, detail="Item not found")
    return fake_db[item_id]


@app.delete("/items/{item_id}", status_code=204, summary="Delete an item")
def delete_item(item_id: int) -> None:
    fake_db.pop(item_id, None)
