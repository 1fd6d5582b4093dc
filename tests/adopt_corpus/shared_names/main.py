from fastapi import FastAPI

from routers import admins, users

app = FastAPI()
app.include_router(admins.router, prefix="/admins")
app.include_router(users.router, prefix="/users")
