"""An in-memory store, standing in for the database."""

import hashlib

from app.core.config import settings
from app.models import ItemCreate, ItemPublic, UserCreate, UserPublic

users: dict[int, tuple[UserPublic, str]] = {}
items: dict[int, ItemPublic] = {}


def hash_password(password: str) -> str:
    return hashlib.sha256((settings.SECRET_KEY + password).encode()).hexdigest()


def get_user_by_email(email: str) -> UserPublic | None:
    return next((user for user, _ in users.values() if user.email == email), None)


def create_user(user_create: UserCreate, is_verified: bool = False) -> UserPublic:
    user = UserPublic(
        id=len(users) + 1,
        email=user_create.email,
        full_name=user_create.full_name,
        is_verified=is_verified,
    )
    users[user.id] = (user, hash_password(user_create.password))
    return user


def authenticate(email: str, password: str) -> UserPublic | None:
    user = get_user_by_email(email)
    if user is None or users[user.id][1] != hash_password(password):
        return None
    return user


def create_item(item_create: ItemCreate, owner_id: int) -> ItemPublic:
    item = ItemPublic(id=len(items) + 1, owner_id=owner_id, **item_create.model_dump())
    items[item.id] = item
    return item
