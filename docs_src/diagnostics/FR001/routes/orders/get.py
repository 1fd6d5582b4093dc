# Commandes passées au café
async def handler() -> list[str]:
    return []
