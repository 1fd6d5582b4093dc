from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

from app.auth import dependencies

app = FastAPI(title="Inventory")

responses = {404: {"description": "Not found"}}
tags = ["items"]
status_code = 201
summary = "Add an item to the inventory"


class Item(BaseModel):
    name: str
    owner: str | None = None


items: dict[str, Item] = {"plumbus": Item(name="Plumbus", owner="alice")}


@app.get("/")
def root():
    return {"app": app.title, "sections": tags}


@app.get("/items/", tags=tags, dependencies=[Depends(dependencies.verify_token)])
def list_items() -> list[Item]:
    return list(items.values())


@app.get(
    "/items/{item_id}",
    tags=tags,
    responses=responses,
    dependencies=[Depends(dependencies.verify_token)],
)
def read_item(item_id: str) -> Item:
    if item_id not in items:
        raise HTTPException(status_code=404, detail=responses[404]["description"])
    return items[item_id]


@app.post("/items/{item_id}", tags=tags, status_code=status_code, summary=summary)
def create_item(
    item_id: str, item: Item, user: Annotated[str, Depends(dependencies.verify_token)]
) -> Item:
    items[item_id] = Item(name=item.name, owner=user)
    return items[item_id]


@app.delete("/items/{item_id}", tags=tags, responses=responses, status_code=204)
def delete_item(
    item_id: str, user: Annotated[str, Depends(dependencies.verify_token)]
) -> None:
    if item_id not in items:
        raise HTTPException(status_code=404, detail=responses[404]["description"])
    if items[item_id].owner != user and not dependencies.is_admin(user):
        raise HTTPException(status_code=403, detail="Not your item")
    del items[item_id]
