"""Conduit: the RealWorld API, served under /api as its spec's `servers` says.

The API is its own FastAPI app mounted at /api, so its OpenAPI document has
the published spec's paths (`/articles`, not `/api/articles`) and the server
URL `/api`. The database is migrated to head when the server starts, unless
`CONDUIT_MIGRATE_ON_START=0` leaves that to a separate `alembic upgrade head`.
"""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from conduit.errors import use_error_format
from conduit.migrations import upgrade_to_head
from conduit.settings import settings
from generated.route_index import use_route_index
from generated.router import add_routes


@asynccontextmanager
async def migrated(_app: FastAPI) -> AsyncGenerator[None]:
    if settings.migrate_on_start:
        await run_in_threadpool(upgrade_to_head)
    yield


api = FastAPI(
    title="RealWorld Conduit API",
    description="Conduit API, built on fastapi-dynamic-routes",
    version="1.1.0",
)
add_routes(api.router)
use_route_index(api.router)
use_error_format(api)

app = FastAPI(openapi_url=None, lifespan=migrated)
app.mount("/api", api)
