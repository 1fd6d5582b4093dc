from fastapi import FastAPI

from app import utils

app = FastAPI()


def greeting(name: str) -> str:
    """Shared by several endpoints, and imported by the tests."""
    return f"Hello {name}"


@app.post("/signup/{email}")
def signup(email: str):
    utils.send_email(email, greeting(email))
    return {"sent": email}


@app.get("/hello/{name}")
def hello(name: str):
    return {"message": greeting(name)}
