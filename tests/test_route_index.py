"""The generated route index answers exactly as stock FastAPI does.

A differential test: hypothesis draws route tables (FastAPI and Starlette
routes, WebSockets, mounts, included routers, some added after the index is
in place) and requests; an app dispatching through generated/route_index.py,
its FastAPI routes added as the generated router adds them (on demand, or
eagerly), and a stock app with the same routes must answer each one
identically.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI, Request, WebSocket
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.responses import JSONResponse
from starlette.routing import Mount
from starlette.types import Message

from app import app as example
from generated.on_demand import OnDemandRoutes
from generated.route_index import use_route_index
from generated.router import add_routes

STATIC = ["a", "b", "users", "v1", ""]
PARAMETERS = ["{NAME}", "{NAME:int}", "{NAME:float}", "{NAME:uuid}", "x{NAME:int}"]
REQUEST_SEGMENTS = [
    *STATIC,
    "7",
    "2.5",
    "x3",
    "c",
    "%20",
    "9a1fb7c3-6f28-4b5e-9c1d-2f0c3a4b5d6e",
]
HEADERS_THAT_MATTER = {b"location", b"allow", b"content-type", b"content-length"}


@dataclass(frozen=True)
class RouteDraw:
    """One registration: its kind, path, methods, and whether it comes late."""

    kind: str  # "api", "starlette", "websocket", "mount", "include"
    path: str
    methods: tuple[str, ...]
    after_index: bool


@st.composite
def paths(draw: st.DrawFn, *, catch_all: bool) -> str:
    count = draw(st.integers(min_value=0, max_value=3))
    segments = []
    for position in range(count):
        if draw(st.booleans()):
            segments.append(draw(st.sampled_from(STATIC)))
        else:
            template = draw(st.sampled_from(PARAMETERS))
            segments.append(template.replace("NAME", f"p{position}"))
    if catch_all and draw(st.booleans()):
        segments.append("{rest:path}")
    path = "/" + "/".join(segments)
    trailing_slash = len(segments) > 0 and draw(st.booleans())
    return path + "/" if trailing_slash else path


@st.composite
def routes(draw: st.DrawFn) -> RouteDraw:
    kind = draw(
        st.sampled_from(["api", "api", "starlette", "websocket", "mount", "include"])
    )
    path = draw(paths(catch_all=kind in {"api", "starlette", "websocket"}))
    if kind in {"mount", "include"}:
        path = path.rstrip("/") or "/p"
    methods = draw(
        st.lists(st.sampled_from(["GET", "POST", "DELETE"]), min_size=1, unique=True)
    )
    return RouteDraw(kind, path, tuple(methods), draw(st.booleans()))


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, str]:
    method = draw(
        st.sampled_from(["GET", "POST", "HEAD", "DELETE", "PUT", "WEBSOCKET"])
    )
    segments = draw(st.lists(st.sampled_from(REQUEST_SEGMENTS), max_size=4))
    path = "/" + "/".join(segments)
    path += draw(st.sampled_from(["", "", "/", "//", "\n"]))
    return method, path


def register(
    app: FastAPI, number: int, route: RouteDraw, added: OnDemandRoutes | None
) -> None:
    """Add `route` to `app`; every endpoint answers with its own number.

    With `added`, FastAPI routes are added through it, as the generated
    router adds them.
    """

    async def api(request: Request) -> dict[str, Any]:
        router = request.scope["router"]
        return {
            "route": number,
            "params": str(request.path_params),
            "router": router is app.router,
        }

    async def starlette(request: Request) -> JSONResponse:
        return JSONResponse({"starlette": number, "params": str(request.path_params)})

    async def websocket(socket: WebSocket) -> None:
        await socket.accept()
        await socket.send_json({"websocket": number, "params": str(socket.path_params)})
        await socket.close()

    async def mounted(scope: Any, receive: Any, send: Any) -> None:
        body = json.dumps({"mount": number, "path": scope["path"]}).encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    def add_api(router: APIRouter) -> None:
        router.add_api_route(route.path, api, methods=list(route.methods))

    def add_websocket(router: APIRouter) -> None:
        router.add_api_websocket_route(route.path, websocket)

    if route.kind == "api" and added is not None:
        added.http(route.path, route.methods, "api", add_api)
    elif route.kind == "api":
        add_api(app.router)
    elif route.kind == "starlette":
        app.add_route(route.path, starlette, methods=list(route.methods))
    elif route.kind == "websocket" and added is not None:
        added.websocket(route.path, "websocket", add_websocket)
    elif route.kind == "websocket":
        add_websocket(app.router)
    elif route.kind == "mount":
        app.router.routes.append(Mount(route.path, app=mounted))
    else:
        router = APIRouter()
        router.add_api_route("/", api, methods=list(route.methods))
        router.add_api_route("/{item}", api, methods=list(route.methods))
        app.include_router(router, prefix=route.path)


def build(
    table: list[RouteDraw], *, ours: bool, redirect_slashes: bool, eager: bool = False
) -> FastAPI:
    """Both apps get the same routes in the same order; ours adds its FastAPI
    routes as the generated router does (`eager` or on demand), and gets the
    late ones after its index is in place and has served a request."""
    app = FastAPI(redirect_slashes=redirect_slashes)
    added = OnDemandRoutes(app.router, eager) if ours else None
    numbered = list(enumerate(table))
    for number, route in numbered:
        if not route.after_index:
            register(app, number, route, added)
    if ours:
        use_route_index(app.router)
        asyncio.run(answer(app, "GET", "/"))
    for number, route in numbered:
        if route.after_index:
            register(app, number, route, added)
    return app


async def answer(app: FastAPI, method: str, path: str) -> list[Any]:
    """Everything the app sends for one request, minus headers that vary."""
    kind = "websocket" if method == "WEBSOCKET" else "http"
    scope: dict[str, Any] = {
        "type": kind,
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "ws" if kind == "websocket" else "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    incoming: list[Message] = [
        {"type": "websocket.connect"}
        if kind == "websocket"
        else {"type": "http.request", "body": b"", "more_body": False}
    ]
    sent: list[Any] = []

    async def receive() -> Message:
        if incoming:
            return incoming.pop()
        await asyncio.sleep(0)
        return {"type": "websocket.disconnect", "code": 1000}

    async def send(message: Message) -> None:
        headers = message.get("headers")
        if headers is not None:
            message = {
                **message,
                "headers": sorted(h for h in headers if h[0] in HEADERS_THAT_MATTER),
            }
        sent.append(message)

    await app(scope, receive, send)
    return sent


@pytest.mark.parametrize("eager", [False, True], ids=["on-demand", "eager"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.lists(routes(), max_size=12),
    probes=st.lists(requests(), min_size=1, max_size=12),
    redirect_slashes=st.booleans(),
)
def test_the_indexed_app_answers_every_request_as_stock_fastapi(
    eager: bool,
    table: list[RouteDraw],
    probes: list[tuple[str, str]],
    redirect_slashes: bool,
) -> None:
    stock = build(table, ours=False, redirect_slashes=redirect_slashes)
    indexed = build(table, ours=True, redirect_slashes=redirect_slashes, eager=eager)

    for method, path in probes:
        expected = asyncio.run(answer(stock, method, path))
        assert asyncio.run(answer(indexed, method, path)) == expected, (method, path)


class CountingPattern:
    """A route's compiled path pattern that counts how often it is tried."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.tried = 0

    def match(self, path: str) -> re.Match[str] | None:
        self.tried += 1
        return self.pattern.match(path)


def spied_app(**options: Any) -> tuple[FastAPI, CountingPattern]:
    """An indexed app whose first route, `/other`, counts its match attempts."""
    events: list[str] = []

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        events.append("started")
        yield

    app = FastAPI(lifespan=lifespan, **options)
    app.add_api_route("/other", lambda: None)
    other = app.routes[-1]
    assert isinstance(other, APIRoute)
    counting = CountingPattern(other.path_regex)
    other.path_regex = counting  # type: ignore[assignment]

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        return {"size": len(await request.body()), "events": events}

    use_route_index(app.router)
    return app, counting


@pytest.mark.parametrize(
    "options", [{}, {"max_body_size": 8}], ids=["plain", "body limit"]
)
def test_a_request_is_not_tried_against_routes_of_other_paths(
    options: dict[str, Any],
) -> None:
    app, other = spied_app(**options)

    with TestClient(app) as client:
        answer = client.post("/echo", content=b"1234")

    assert answer.json() == {"size": 4, "events": ["started"]}
    assert other.tried == 0  # stock FastAPI tries `/other` first


@pytest.mark.skipif(
    "max_body_size" not in inspect.signature(APIRouter).parameters,
    reason="this FastAPI's router has no body size limit",
)
def test_router_middleware_still_runs_around_the_index() -> None:
    app, _ = spied_app(max_body_size=8)

    with TestClient(app) as client:
        assert client.post("/echo", content=b"x" * 100).status_code == 413


def test_the_example_app_keeps_the_openapi_document_of_stock_fastapi() -> None:
    stock = FastAPI(title=example.title, version=example.version)
    add_routes(stock.router, eager=True)

    assert example.openapi() == stock.openapi()
    assert example.url_path_for("users_user_id_get", user_id="7") == "/users/7"
