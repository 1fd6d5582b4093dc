from fastapi import APIRouter, Header, HTTPException

router = APIRouter()


def verify_admin_token(x_admin_token: str = Header()) -> None:
    if x_admin_token != "let-me-in":
        raise HTTPException(status_code=403, detail="Admins only")


@router.get("/stats")
def stats() -> dict[str, int]:
    return {"products": 1}
