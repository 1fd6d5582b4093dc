from fastapi import APIRouter

from shop.api import health, products

api_router = APIRouter()
api_router.include_router(products.router)
api_router.include_router(health.router)
