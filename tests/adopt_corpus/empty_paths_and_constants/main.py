from fastapi import APIRouter, FastAPI, Query

DEFAULT_LIMIT = 10
MAX_LIMIT = DEFAULT_LIMIT * 10

items = APIRouter(prefix="/items")


@items.get("")
def list_items(limit: int = Query(DEFAULT_LIMIT, le=MAX_LIMIT)):
    return {"limit": limit}


app = FastAPI()
app.include_router(items)
