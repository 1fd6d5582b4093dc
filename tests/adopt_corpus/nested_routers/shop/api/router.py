from fastapi import APIRouter

from shop.api.v1 import orders, products

api_router = APIRouter(responses={500: {"description": "Server error"}})
v1 = APIRouter(prefix="/v1", tags=["v1"])
v1.include_router(products.router, prefix="/products", tags=["products"])
v1.include_router(orders.router)
api_router.include_router(v1)
