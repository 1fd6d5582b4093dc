from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
def items():
    return []


@app.get("/items/")
def items_slash():
    return ["with a slash"]
