from fastapi import FastAPI, Request

app = FastAPI()


@app.api_route("/echo", methods=["POST", "GET"])
async def echo(request: Request):
    return {"method": request.method}


@app.api_route("/items/{item_id}", methods=["GET"], tags=["items"])
def read_item(item_id: int):
    return {"item_id": item_id}


@app.head("/items/{item_id}")
def head_item(item_id: int):
    return None
