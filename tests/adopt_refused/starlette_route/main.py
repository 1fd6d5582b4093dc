from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import PlainTextResponse

app = FastAPI()


async def metrics(request: Request) -> PlainTextResponse:
    return PlainTextResponse("requests_total 1\n")


app.add_route("/metrics", metrics)


@app.get("/items/{item_id}")
def read_item(item_id: int):
    return {"item_id": item_id}
