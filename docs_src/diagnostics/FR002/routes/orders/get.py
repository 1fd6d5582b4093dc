async def handler(:
    return []
