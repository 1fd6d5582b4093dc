from fastapi import FastAPI

app = FastAPI()


@app.get("/files/{name}.txt")
def read_text(name: str):
    return {"name": name}


@app.get("/items/{item_id:int}")
def read_item(item_id: int):
    return {"item_id": item_id}
