"""Import an app and write down its live route table and OpenAPI document.

Run in a subprocess by `codegen.adopt.live` (adopting is the one command that
imports user code). It wraps FastAPI's registration methods before the app
is imported, so that each route, router and `include_router` call is known
by the line of user code that made it. Depends on the standard library and
FastAPI only: it runs in the user's environment, from the project root.

FastAPI 0.138 and newer describe each route with the options of the routers
it came through (`iter_route_contexts`); older releases copy every route
into the including router, so each copy is traced back to the route that
user code registered.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from fastapi import routing
from starlette.routing import Route, WebSocketRoute

LIBRARIES = tuple(
    str(Path(module.__file__ or "").parent)
    for module in (sys.modules["fastapi"], sys.modules["starlette"])
)


def user_site() -> dict[str, Any]:
    """The innermost caller outside FastAPI and Starlette: file, line, function."""
    frame = inspect.currentframe()
    while frame is not None:
        file = frame.f_code.co_filename
        if file != __file__ and not file.startswith(LIBRARIES):
            return {
                "file": file,
                "line": frame.f_lineno,
                "at_top_level": frame.f_code.co_name == "<module>",
            }
        frame = frame.f_back
    return {"file": "", "line": 0, "at_top_level": False}


class Recorder:
    """Where each route was registered, each router made and each included."""

    def __init__(self) -> None:
        self.registered: dict[int, dict[str, Any]] = {}  # route id -> site, router
        self.created: dict[int, dict[str, Any]] = {}  # router id -> site
        self.included: dict[int, list[dict[str, Any]]] = {}  # router id -> sites
        self.copied_from: dict[int, Any] = {}  # a copy's id -> its original
        self.including = 0  # inside `include_router`: its copies are no routes
        self.keep: list[object] = []  # keeps ids unique while recording

    def install(self) -> None:
        router = routing.APIRouter
        router.__init__ = self.wrap(router.__init__, self.on_create)  # type: ignore[method-assign]
        for name in ("add_api_route", "add_api_websocket_route", "add_route"):
            original = getattr(router, name)
            setattr(router, name, self.wrap(original, self.on_register))
        router.include_router = self.wrap(router.include_router, self.on_include)  # type: ignore[method-assign]
        if not COPIES_ROUTES:
            return
        including = router.include_router

        @wraps(including)
        def include_router(parent: Any, child: Any, *args: Any, **kwargs: Any) -> Any:
            before = len(parent.routes)
            self.including += 1
            try:
                result = including(parent, child, *args, **kwargs)
            finally:
                self.including -= 1
            self.on_copy(child, parent.routes[before:])
            return result

        router.include_router = include_router  # type: ignore[method-assign,assignment]

    def wrap(self, method: Callable[..., Any], after: Callable[..., None]) -> Any:
        @wraps(method)
        def recorded(router: Any, *args: Any, **kwargs: Any) -> Any:
            before = len(getattr(router, "routes", ()))
            result = method(router, *args, **kwargs)
            after(router, before, *args)
            return result

        return recorded

    def on_create(self, router: Any, _before: int, *_args: Any) -> None:
        self.keep.append(router)
        self.created[id(router)] = user_site()

    def on_register(self, router: Any, before: int, *_args: Any) -> None:
        if self.including:
            return
        site = user_site()
        for route in router.routes[before:]:
            self.keep.append(route)
            self.registered.setdefault(id(route), {**site, "router": id(router)})

    def on_include(self, parent: Any, _before: int, child: Any, *_args: Any) -> None:
        site = user_site()
        self.included.setdefault(id(child), []).append({**site, "into": id(parent)})

    def on_copy(self, child: Any, copies: list[Any]) -> None:
        """`include_router` copies the child's routes (not its mounts), in order."""
        originals = [
            route for route in child.routes if isinstance(route, Route | WebSocketRoute)
        ]
        for copy, original in zip(copies, originals, strict=True):
            self.keep.append(copy)
            self.copied_from[id(copy)] = self.copied_from.get(id(original), original)


# Before FastAPI 0.138, `include_router` adds a copy of each route.
COPIES_ROUTES = not hasattr(routing, "iter_route_contexts")


class CopiedRoute:
    """A route of an older FastAPI's flattened table, as `iter_route_contexts`
    would describe it: the copy's options, the original's identity."""

    def __init__(self, copy: Any, recorder: Recorder) -> None:
        self.original_route = recorder.copied_from.get(id(copy), copy)
        self.path = getattr(copy, "path", "")
        self.methods = getattr(copy, "methods", None)
        self.name = getattr(copy, "name", None)
        self.unique_id = getattr(copy, "unique_id", None)
        self.operation_id = getattr(copy, "operation_id", None)
        self.endpoint = getattr(copy, "endpoint", None)


def route_contexts(app: Any, recorder: Recorder) -> list[Any]:
    if COPIES_ROUTES:
        return [CopiedRoute(route, recorder) for route in app.routes]
    return list(routing.iter_route_contexts(app.routes))


def class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def endpoint_source(endpoint: Any) -> dict[str, Any]:
    """What the endpoint is and where it is defined (through `functools.wraps`)."""
    function = inspect.unwrap(endpoint) if callable(endpoint) else endpoint
    code = getattr(function, "__code__", None)
    return {
        "is_function": inspect.isfunction(function),
        "function": getattr(function, "__name__", type(function).__name__),
        "qualname": getattr(function, "__qualname__", ""),
        "file": code.co_filename if code else "",
        "line": code.co_firstlineno if code else 0,
    }


def describe(context: Any, recorder: Recorder) -> dict[str, Any]:
    route = context.original_route
    if isinstance(route, routing.APIRoute):
        kind = "http"
    elif isinstance(route, routing.APIWebSocketRoute):
        kind = "websocket"
    else:
        kind = type(route).__name__
    methods = sorted(context.methods or ())
    endpoint = endpoint_source(context.endpoint)
    # FastAPI's own routes (`/docs`, `/openapi.json`) are no registration of the
    # app's code, though they are made where the app is.
    by_fastapi = endpoint["file"].startswith(LIBRARIES)
    described: dict[str, Any] = {
        "kind": kind,
        "path": context.path or "",
        "methods": methods,
        "name": context.name,
        "unique_id": getattr(context, "unique_id", None) if kind == "http" else None,
        "operation_id": getattr(context, "operation_id", None),
        "route_class": class_name(type(route)),
        "registered": None if by_fastapi else recorder.registered.get(id(route)),
        "endpoint": endpoint if kind in {"http", "websocket"} else None,
    }
    return described


def main(target: str, output: str) -> None:
    recorder = Recorder()
    recorder.install()
    module_name, _, attribute = target.partition(":")
    app = getattr(importlib.import_module(module_name), attribute or "app")
    routes = [describe(context, recorder) for context in route_contexts(app, recorder)]
    snapshot = {
        "app_router": id(app.router),
        "app_route_class": class_name(app.router.route_class),
        "routes": routes,
        "routers": {str(key): site for key, site in recorder.created.items()},
        "includes": {str(key): sites for key, sites in recorder.included.items()},
        "openapi": app.openapi(),
    }
    Path(output).write_text(json.dumps(snapshot, default=str), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
