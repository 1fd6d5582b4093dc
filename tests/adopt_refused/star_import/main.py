from fastapi import FastAPI

from models import *  # noqa: F403

app = FastAPI()


@app.get("/items/{name}")
def read(name: str) -> Item:  # noqa: F405
    return Item(name=name)  # noqa: F405
