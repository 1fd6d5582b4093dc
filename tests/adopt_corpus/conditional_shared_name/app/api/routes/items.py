from fastapi import APIRouter, HTTPException

from app import crud
from app.models import ItemCreate, ItemPublic

router = APIRouter(prefix="/items", tags=["items"])


@router.get("/", response_model=list[ItemPublic])
def read_items(skip: int = 0, limit: int = 100):
    return list(crud.items.values())[skip : skip + limit]


@router.post("/", response_model=ItemPublic)
def create_item(item_in: ItemCreate, owner_id: int):
    if owner_id not in crud.users:
        raise HTTPException(status_code=404, detail="Owner not found")
    return crud.create_item(item_create=item_in, owner_id=owner_id)


@router.get("/{id}", response_model=ItemPublic)
def read_item(id: int):
    if id not in crud.items:
        raise HTTPException(status_code=404, detail="Item not found")
    return crud.items[id]
