async def handler(order_id: int) -> None:
    return None
