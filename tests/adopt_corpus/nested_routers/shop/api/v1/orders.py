from fastapi import APIRouter

from .products import PRODUCTS, Product

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("/{product_id}", status_code=201)
def order(product_id: int, quantity: int = 1) -> dict[str, Product | int]:
    return {"product": PRODUCTS[product_id], "quantity": quantity}
