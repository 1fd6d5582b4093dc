import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPBasic, HTTPBasicCredentials

security = HTTPBasic()


def current_username(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> str:
    ok = secrets.compare_digest(credentials.username, "stanley") and secrets.compare_digest(
        credentials.password, "swordfish"
    )
    if not ok:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Basic"},
        )
    return credentials.username


app = FastAPI()
private = APIRouter(dependencies=[Depends(current_username)], responses={401: {"description": "Who are you?"}})


@private.get("/users/me")
def read_current_user(username: Annotated[str, Depends(current_username)]):
    return {"username": username}


@private.get("/users/me/settings")
def read_settings():
    return {"theme": "dark"}


@app.get("/public")
def public():
    return {"public": True}


app.include_router(private)
