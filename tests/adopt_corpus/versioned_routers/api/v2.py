from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(prefix="/v2", tags=["v2"], responses={410: {"description": "Gone"}})


class Item(BaseModel):
    id: int
    version: int = 2


@router.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    return Item(id=item_id)
