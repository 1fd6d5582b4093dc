from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()


class Product(BaseModel):
    id: int
    name: str


PRODUCTS = {1: Product(id=1, name="Lamp")}


@router.get("/", response_model=list[Product])
def list_products():
    return list(PRODUCTS.values())


@router.get("/{product_id}")
def get_product(product_id: int) -> Product:
    if product_id not in PRODUCTS:
        raise HTTPException(404, "No such product")
    return PRODUCTS[product_id]
