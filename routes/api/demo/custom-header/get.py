"""GET /api/demo/custom-header: folder names need not be Python identifiers."""

from typing import Annotated

from fastapi import Header

meta = {"summary": "Echo the X-Demo header", "tags": ["demo"]}


async def handler(
    x_demo: Annotated[str | None, Header()] = None,
) -> dict[str, str | None]:
    return {"x_demo": x_demo}
