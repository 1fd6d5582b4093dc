from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute


def custom_generate_unique_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}"


app = FastAPI(generate_unique_id_function=custom_generate_unique_id)
items = APIRouter(prefix="/items", tags=["items"])


@items.get("/")
async def read_items():
    return [{"item_id": "Foo"}]


@app.post("/users/", tags=["users"])
async def create_user():
    return {"message": "User received"}


app.include_router(items)
