meta = {"summary": "Every order"}
meta = {"tags": ["orders"]}


async def handler() -> list[str]:
    return []
