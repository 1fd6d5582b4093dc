from fastapi import APIRouter

router = APIRouter()


@router.post("/", name="create_user")
def create_user(name: str):
    return {"user": name}
