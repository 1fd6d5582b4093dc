from fastapi import FastAPI

from api import v1, v2

app = FastAPI(title="Versioned")
app.include_router(v1.router)
app.include_router(v2.router)
