async def handler() -> list[str]:
    return []
