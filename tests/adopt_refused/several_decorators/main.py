from fastapi import FastAPI

app = FastAPI()


@app.get("/a")
@app.get("/b")
def read():
    return {"ok": True}
