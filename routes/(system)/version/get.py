"""GET /version: the API's version, from the app's own settings."""

from fastapi import Request

meta = {"summary": "API version", "tags": ["system"]}


async def handler(request: Request) -> dict[str, str]:
    return {"version": request.app.version}
