import os

from fastapi import APIRouter, FastAPI

items = APIRouter()
debug = APIRouter()


@items.get("/items")
def list_items():
    return []


@debug.get("/debug")
def show_debug():
    return {"debug": True}


def create_app() -> FastAPI:
    app = FastAPI()
    app.include_router(items)
    if os.environ.get("DEBUG", "1") == "1":
        app.include_router(debug)
    return app


app = create_app()
