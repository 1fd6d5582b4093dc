from fastapi import FastAPI

from settings import SECRET_KEY  # a module this project does not have

from generated.router import add_routes

app = FastAPI(title="fastapi-dynamic-routes example")
add_routes(app.router)
