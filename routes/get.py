"""GET /: a short description of the API."""


async def handler() -> dict[str, str]:
    return {"name": "fastapi-dynamic-routes example", "docs": "/docs"}
