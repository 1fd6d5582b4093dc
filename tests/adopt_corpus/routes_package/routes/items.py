from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()


class Item(BaseModel):
    name: str
    price: float
    owner_id: int | None = None


ITEMS: dict[int, Item] = {
    1: Item(name="Hammer", price=9.5, owner_id=1),
    2: Item(name="Saw", price=14.0),
}


def get_item_or_404(item_id: int) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@router.get("/")
def list_items(max_price: float | None = None) -> list[Item]:
    return [
        item for item in ITEMS.values() if max_price is None or item.price <= max_price
    ]


@router.get("/{item_id}")
def read_item(item_id: int) -> Item:
    return get_item_or_404(item_id)


@router.put("/{item_id}")
def update_item(item_id: int, item: Item) -> Item:
    get_item_or_404(item_id)
    ITEMS[item_id] = item
    return item
