"""Import an app and write down its live route table and OpenAPI document.

Run in a subprocess by `codegen.adopt.live` (adopting is the one command that
imports user code). It wraps FastAPI's registration methods before the app
is imported, so that each route, router and `include_router` call is known
by the line of user code that made it. Depends on the standard library and
FastAPI only: it runs in the user's environment, from the project root.
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
        self.keep: list[object] = []  # keeps ids unique while recording

    def install(self) -> None:
        router = routing.APIRouter
        router.__init__ = self.wrap(router.__init__, self.on_create)  # type: ignore[method-assign]
        for name in ("add_api_route", "add_api_websocket_route", "add_route"):
            original = getattr(router, name)
            setattr(router, name, self.wrap(original, self.on_register))
        router.include_router = self.wrap(router.include_router, self.on_include)  # type: ignore[method-assign]

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
        site = user_site()
        for route in router.routes[before:]:
            self.keep.append(route)
            self.registered.setdefault(id(route), {**site, "router": id(router)})

    def on_include(self, parent: Any, _before: int, child: Any, *_args: Any) -> None:
        site = user_site()
        self.included.setdefault(id(child), []).append({**site, "into": id(parent)})


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
    kind = {
        routing.APIRoute: "http",
        routing.APIWebSocketRoute: "websocket",
    }.get(type(route), type(route).__name__)
    methods = sorted(context.methods or ())
    described: dict[str, Any] = {
        "kind": kind,
        "path": context.path or "",
        "methods": methods,
        "name": context.name,
        "unique_id": getattr(context, "unique_id", None) if kind == "http" else None,
        "operation_id": getattr(context, "operation_id", None),
        "registered": recorder.registered.get(id(route)),
        "endpoint": endpoint_source(context.endpoint)
        if kind in {"http", "websocket"}
        else None,
    }
    return described


def main(target: str, output: str) -> None:
    recorder = Recorder()
    recorder.install()
    module_name, _, attribute = target.partition(":")
    app = getattr(importlib.import_module(module_name), attribute or "app")
    routes = [
        describe(context, recorder)
        for context in routing.iter_route_contexts(app.routes)
    ]
    snapshot = {
        "app_router": id(app.router),
        "routes": routes,
        "routers": {str(key): site for key, site in recorder.created.items()},
        "includes": {str(key): sites for key, sites in recorder.included.items()},
        "openapi": app.openapi(),
    }
    Path(output).write_text(json.dumps(snapshot, default=str), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
