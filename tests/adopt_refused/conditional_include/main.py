import os

from fastapi import APIRouter, FastAPI

app = FastAPI()
debug = APIRouter(prefix="/debug")


@debug.get("/state")
def state():
    return {"debug": True}


@app.get("/")
def root():
    return {}


if os.environ.get("DEBUG", "1") == "1":
    app.include_router(debug)
