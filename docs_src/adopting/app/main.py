from fastapi import Depends, FastAPI

from .dependencies import get_query_token, get_token_header
from .internal import admin
from .routers import items, users

from app.generated.route_index import use_route_index
from app.generated.router import add_routes

app = FastAPI(dependencies=[Depends(get_query_token)])


add_routes(app.router)
use_route_index(app.router)
