meta = {1: "Every order"}


async def handler() -> list[str]:
    return []
