meta = {"tags": ["orders"], "tags": ["shop"]}


async def handler() -> list[str]:
    return []
