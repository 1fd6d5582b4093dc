from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict

DEFAULT_LIMIT = 2


class Settings(BaseModel):
    app_name: str = "Awesome API"
    admin_email: str = "admin@example.com"
    items_per_user: int = 50


@lru_cache
def get_settings() -> Settings:
    return Settings()


class Color(StrEnum):
    red = "red"
    green = "green"
    blue = "blue"


@dataclass
class Item:
    name: str
    price: float
    tags: list[str] = field(default_factory=list)


class ItemOut(BaseModel, frozen=True):
    id: int
    name: str
    price: float
    tags: tuple[str, ...] = ()


class Paint(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    color: Color
    finish: str = "matte"


app = FastAPI()
items: dict[int, Item] = {}


@app.get("/info")
def info(settings: Annotated[Settings, Depends(get_settings)]):
    return {
        "app_name": settings.app_name,
        "admin_email": settings.admin_email,
        "items_per_user": settings.items_per_user,
    }


@app.post("/items/", status_code=201)
def create_item(item: "Item") -> Item:
    items[len(items) + 1] = item
    return item


@app.get("/items/")
def list_items(limit: int = DEFAULT_LIMIT) -> list[Item]:
    return list(items.values())[:limit]


@app.get("/items/{item_id}")
def read_item(item_id: int) -> "ItemOut":
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found")
    item = items[item_id]
    return ItemOut(id=item_id, name=item.name, price=item.price, tags=tuple(item.tags))


@app.get("/colors/{color}")
def read_color(color: Color):
    if color is Color.red:
        return {"color": color, "message": "Warm"}
    return {"color": color, "message": "Cool"}


@app.post("/paint")
def mix_paint(paint: Paint) -> Paint:
    return paint
