from enum import Enum
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles


class Tags(Enum):
    items = "items"
    users = "users"


app = FastAPI()
app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
router = APIRouter(prefix="/v1", tags=[Tags.items])


@router.get("/")
async def index():
    return ["a", "b"]


@app.get("/users/", tags=[Tags.users], openapi_extra={"x-owner": "team-a"})
async def get_users():
    return ["rick", "morty"]


app.include_router(router)
