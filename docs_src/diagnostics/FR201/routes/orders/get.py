meta = dict(summary="Every order")


async def handler() -> list[str]:
    return []
