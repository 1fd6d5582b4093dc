"""GET /admin/stats: protected by the folder settings in admin/__init__.py."""

from routes.users._store import USERS

meta = {"summary": "Usage statistics"}


async def handler() -> dict[str, int]:
    return {"users": len(USERS)}
