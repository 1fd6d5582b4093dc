from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel

from .items import ITEMS, Item

router = APIRouter()


class User(BaseModel):
    username: str
    full_name: str | None = None


USERS: dict[int, User] = {1: User(username="ada", full_name="Ada Lovelace")}


def get_user_or_404(user_id: int) -> User:
    if user_id not in USERS:
        raise HTTPException(status_code=404, detail="User not found")
    return USERS[user_id]


@router.post("/", status_code=status.HTTP_201_CREATED)
def create_user(user: User) -> dict[str, int]:
    user_id = max(USERS, default=0) + 1
    USERS[user_id] = user
    return {"id": user_id}


@router.get("/{user_id}")
def read_user(user_id: int) -> User:
    return get_user_or_404(user_id)


@router.get("/{user_id}/items")
def read_user_items(user_id: int) -> list[Item]:
    """The items a user owns."""
    get_user_or_404(user_id)
    return [item for item in ITEMS.values() if item.owner_id == user_id]
