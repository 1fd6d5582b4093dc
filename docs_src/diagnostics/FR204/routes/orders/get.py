meta = {"path": "/all-orders"}


async def handler() -> list[str]:
    return []
