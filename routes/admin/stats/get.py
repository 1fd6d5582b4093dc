"""GET /admin/stats: protected by a dependency given in `meta`."""

from fastapi import Depends

from routes._auth import require_token
from routes.users._store import USERS

meta = {
    "summary": "Usage statistics",
    "tags": ["admin"],
    "dependencies": [Depends(require_token)],
}


async def handler() -> dict[str, int]:
    return {"users": len(USERS)}
