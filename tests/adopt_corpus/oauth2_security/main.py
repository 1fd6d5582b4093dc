from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm, SecurityScopes
from pydantic import BaseModel

app = FastAPI()

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="token", scopes={"me": "Read yourself.", "items": "Read items."}
)

USERS = {"johndoe": {"username": "johndoe", "password": "secret", "scopes": ["me"]}}


class User(BaseModel):
    username: str
    scopes: list[str] = []


def get_current_user(
    security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]
) -> User:
    user = USERS.get(token.removeprefix("token-"))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid token")
    for scope in security_scopes.scopes:
        if scope not in user["scopes"]:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "Not enough permissions")
    return User(**user)


@app.post("/token")
async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    user = USERS.get(form_data.username)
    if not user or user["password"] != form_data.password:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    return {"access_token": f"token-{user['username']}", "token_type": "bearer"}


@app.get("/users/me/")
async def read_users_me(user: Annotated[User, Security(get_current_user, scopes=["me"])]) -> User:
    return user


@app.get("/users/me/items/")
async def read_own_items(user: Annotated[User, Security(get_current_user, scopes=["items"])]):
    return [{"item_id": "Foo", "owner": user.username}]
