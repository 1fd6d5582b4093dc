from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter(prefix="/products", tags=["products"])


class Product(BaseModel):
    id: int
    name: str
    price: float


PRODUCTS = {1: Product(id=1, name="Teapot", price=25.0)}


@router.get("/")
def list_products() -> list[Product]:
    return list(PRODUCTS.values())


@router.get("/{product_id}")
def read_product(product_id: int) -> Product:
    if product_id not in PRODUCTS:
        raise HTTPException(status_code=404, detail="No such product")
    return PRODUCTS[product_id]
