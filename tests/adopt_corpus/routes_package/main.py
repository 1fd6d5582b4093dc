from fastapi import FastAPI

from routes import items, users

app = FastAPI(title="Store")
app.include_router(items.router, prefix="/items", tags=["items"])
app.include_router(users.router, prefix="/users", tags=["users"])
