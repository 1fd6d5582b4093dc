from fastapi import FastAPI

from shop.api.router import api_router
from shop.config import settings

app = FastAPI(title=settings.project_name, openapi_url=f"{settings.api_prefix}/openapi.json")
app.include_router(api_router, prefix=settings.api_prefix)


@app.get("/health", include_in_schema=False)
def health():
    return {"ok": True}
