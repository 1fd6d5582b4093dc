from fastapi import Depends

meta = {"dependencies": [Depends(require_token)]}


async def handler() -> list[str]:
    return []
