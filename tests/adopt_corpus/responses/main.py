from fastapi import FastAPI, Response, status
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI(title="Responses", version="2.0.0")


class UserIn(BaseModel):
    username: str
    password: str
    email: str


class UserOut(BaseModel):
    username: str
    email: str


class Message(BaseModel):
    message: str


@app.post("/user/", response_model=UserOut, status_code=201)
async def create_user(user: UserIn):
    return user


@app.get(
    "/items/{item_id}",
    response_model=UserOut,
    responses={
        404: {"model": Message, "description": "The item was not found"},
        200: {"description": "Item requested by ID", "content": {"image/png": {}}},
    },
    response_model_exclude_unset=True,
)
async def read_item(item_id: str):
    if item_id == "foo":
        return {"username": "foo", "email": "foo@example.com"}
    return JSONResponse(status_code=404, content={"message": "Item not found"})


@app.get("/html", response_class=HTMLResponse, deprecated=True)
async def html():
    return "<h1>Hello</h1>"


@app.get("/text", response_class=PlainTextResponse, include_in_schema=False)
async def text():
    return "plain"


@app.put("/status/{item_id}", status_code=status.HTTP_200_OK, summary="Set a status", description="Creates or updates.")
def put_status(item_id: str, response: Response):
    if item_id == "new":
        response.status_code = status.HTTP_201_CREATED
    return {"item_id": item_id}
