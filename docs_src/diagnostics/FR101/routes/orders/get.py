"""GET /orders: every order."""

ORDERS: list[str] = []
