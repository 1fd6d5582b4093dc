from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()


@app.get("/source")
def source():
    return FileResponse(Path(__file__))
