meta = {"sumary": "Every order"}


async def handler() -> list[str]:
    return []
