trailing_slash = "yes"


async def handler() -> list[str]:
    return []
