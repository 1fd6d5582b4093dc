"""GET /items: a paginated list, with the model defined in the route file."""

from typing import Annotated

from fastapi import Query
from pydantic import BaseModel


class Item(BaseModel):
    id: int
    name: str


ITEMS = [Item(id=index, name=f"item {index}") for index in range(1, 51)]

meta = {"summary": "List items", "tags": ["items"], "response_model": list[Item]}


def handler(
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=20)] = 10,
) -> list[Item]:
    return ITEMS[offset : offset + limit]
