from fastapi import APIRouter
from pydantic import BaseModel

from app import crud
from app.models import UserCreate, UserPublic

router = APIRouter(tags=["private"], prefix="/private")


class PrivateUserCreate(BaseModel):
    email: str
    password: str
    full_name: str
    is_verified: bool = False


@router.post("/users/", response_model=UserPublic)
def create_user(user_in: PrivateUserCreate):
    """Create a new user, verified or not, without the usual checks."""
    user_create = UserCreate(
        email=user_in.email, password=user_in.password, full_name=user_in.full_name
    )
    return crud.create_user(user_create=user_create, is_verified=user_in.is_verified)
