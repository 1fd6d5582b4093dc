from fastapi import FastAPI

app = FastAPI()
hits = 0


@app.get("/hit")
def hit():
    global hits
    hits += 1
    return {"hits": hits}
