from pydantic import BaseModel


class UserCreate(BaseModel):
    email: str
    password: str
    full_name: str | None = None


class UserPublic(BaseModel):
    id: int
    email: str
    full_name: str | None = None
    is_verified: bool = False


class ItemCreate(BaseModel):
    title: str
    description: str | None = None


class ItemPublic(ItemCreate):
    id: int
    owner_id: int


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
