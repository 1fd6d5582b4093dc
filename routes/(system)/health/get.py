"""GET /health: a `(group)` folder organises files and adds no URL segment."""

meta = {"summary": "Liveness probe", "tags": ["system"], "include_in_schema": False}


async def handler() -> dict[str, str]:
    return {"status": "ok"}
