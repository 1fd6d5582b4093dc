async def handler() -> list[str]:
    return []


async def handler() -> list[str]:
    return []
