"""GET /files/{path:path}: a catch-all folder matches the rest of the URL."""

meta = {"summary": "Describe a file path", "tags": ["files"]}


async def handler(path: str) -> dict[str, str | list[str]]:
    return {"path": path, "parts": path.split("/")}
