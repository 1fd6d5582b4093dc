from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
def read_items():
    return ["a"]


@app.get("/items")
def read_items_again():
    return ["never reached"]
