from fastapi import APIRouter, HTTPException

from app import crud
from app.models import UserCreate, UserPublic

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/", response_model=list[UserPublic])
def read_users(skip: int = 0, limit: int = 100):
    return [user for user, _ in crud.users.values()][skip : skip + limit]


@router.post("/", response_model=UserPublic)
def create_user(user_in: UserCreate):
    """Create new user."""
    if crud.get_user_by_email(email=user_in.email):
        raise HTTPException(
            status_code=400,
            detail="The user with this email already exists in the system.",
        )
    return crud.create_user(user_create=user_in)


@router.get("/{user_id}", response_model=UserPublic)
def read_user_by_id(user_id: int):
    if user_id not in crud.users:
        raise HTTPException(status_code=404, detail="User not found")
    return crud.users[user_id][0]
