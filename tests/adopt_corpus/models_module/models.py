from datetime import datetime

from pydantic import BaseModel, Field


class Tag(BaseModel):
    name: str


class Note(BaseModel):
    id: int
    text: str = Field(min_length=1)
    tags: list[Tag] = []
    created: datetime | None = None


class NoteIn(BaseModel):
    text: str
    tags: list[Tag] = []
