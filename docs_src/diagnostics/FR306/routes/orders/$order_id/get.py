async def handler(id: int) -> int:
    return id
