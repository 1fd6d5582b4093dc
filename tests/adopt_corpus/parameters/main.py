from enum import Enum
from typing import Annotated

from fastapi import Body, Cookie, FastAPI, File, Form, Header, Path, Query, UploadFile
from pydantic import BaseModel, Field

app = FastAPI()


class ModelName(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"
    lenet = "lenet"


class Item(BaseModel):
    name: str
    description: str | None = Field(default=None, max_length=300)
    price: float = Field(gt=0)


@app.get("/models/{model_name}")
async def get_model(model_name: ModelName):
    if model_name is ModelName.alexnet:
        return {"model_name": model_name, "message": "Deep Learning FTW!"}
    return {"model_name": model_name, "message": "Have some residuals"}


@app.get("/files/{file_path:path}")
async def read_file(file_path: str):
    return {"file_path": file_path}


@app.get("/search")
async def search(
    q: Annotated[str | None, Query(min_length=3, max_length=50, alias="item-query")] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    tags: Annotated[list[str] | None, Query()] = None,
):
    return {"q": q, "page": page, "tags": tags}


@app.put("/items/{item_id}")
async def update_item(
    item_id: Annotated[int, Path(title="The ID of the item", ge=0, le=1000)],
    item: Item,
    importance: Annotated[int, Body()],
):
    return {"item_id": item_id, "item": item, "importance": importance}


@app.get("/headers")
async def read_headers(
    user_agent: Annotated[str | None, Header()] = None,
    ads_id: Annotated[str | None, Cookie()] = None,
):
    return {"User-Agent": user_agent, "ads_id": ads_id}


@app.post("/login/")
async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]):
    return {"username": username}


@app.post("/uploadfile/")
async def create_upload_file(file: UploadFile, note: Annotated[bytes, File()] = b""):
    return {"filename": file.filename, "size": len(await file.read()), "note": len(note)}
