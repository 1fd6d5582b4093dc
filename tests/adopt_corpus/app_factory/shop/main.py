from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import JSONResponse

from shop.api import admin
from shop.api.routes import api_router
from shop.config import Settings, get_settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.started = True
    yield


def get_application(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    application = FastAPI(title=settings.title, lifespan=lifespan)
    application.add_middleware(
        TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts
    )

    @application.middleware("http")
    async def maintenance_mode(request: Request, call_next):
        if settings.maintenance:
            return JSONResponse({"detail": "Down for maintenance"}, status_code=503)
        return await call_next(request)

    application.include_router(api_router, prefix=settings.api_prefix)
    application.include_router(
        admin.router,
        prefix="/admin",
        tags=["admin"],
        dependencies=[Depends(admin.verify_admin_token)],
    )

    return application


app = get_application()
