from fastapi import APIRouter

router = APIRouter(prefix="/v1", tags=["v1"])


@router.get("/items/{item_id}")
def read_item(item_id: int):
    return {"version": 1, "item_id": item_id}
