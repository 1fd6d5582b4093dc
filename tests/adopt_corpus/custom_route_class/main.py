import gzip
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Body, FastAPI, Request, Response
from fastapi.routing import APIRoute


class GzipRequest(Request):
    """A request whose body is decompressed when the client gzipped it."""

    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            body = await super().body()
            if "gzip" in self.headers.getlist("Content-Encoding"):
                body = gzip.decompress(body)
            self._body = body
        return self._body


class GzipRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        original_route_handler = super().get_route_handler()

        async def custom_route_handler(request: Request) -> Response:
            request = GzipRequest(request.scope, request.receive)
            return await original_route_handler(request)

        return custom_route_handler


class TimedRoute(APIRoute):
    """Reports how long the endpoint took in an `X-Response-Time` header."""

    def get_route_handler(self) -> Callable:
        original_route_handler = super().get_route_handler()

        async def custom_route_handler(request: Request) -> Response:
            before = time.perf_counter()
            response: Response = await original_route_handler(request)
            duration = time.perf_counter() - before
            response.headers["X-Response-Time"] = f"{duration:.6f}"
            return response

        return custom_route_handler


app = FastAPI()
app.router.route_class = GzipRoute
router = APIRouter(route_class=TimedRoute)


@app.get("/")
async def root():
    return {"message": "Not timed"}


@app.post("/sum")
async def sum_numbers(numbers: Annotated[list[int], Body()]):
    return {"sum": sum(numbers)}


@router.get("/timed")
async def timed():
    return {"message": "It's the time of my life"}


@router.get("/timed/{name}")
def timed_greeting(name: str, shout: bool = False):
    greeting = f"Hello {name}"
    return {"message": greeting.upper() if shout else greeting}


app.include_router(router)
