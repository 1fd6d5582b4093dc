from fastapi import FastAPI

app = FastAPI()
app.add_api_route("/version", lambda: {"version": 1})
