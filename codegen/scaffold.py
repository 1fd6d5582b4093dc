"""`python -m codegen new "GET /orders/{order_id}"`: start a route file.

The route is written as FastAPI paths are (`{name}` for a parameter,
`{name:path}` for a catch-all) and the file lands where the conventions say,
with a typed `handler` that takes every path parameter.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path

from codegen.config import Config
from codegen.discover import ROUTE_FILE_NAMES, Method

ROUTE = re.compile(r"(?P<method>[A-Za-z]+)\s+(?P<path>/\S*)")
PARAMETER = re.compile(r"\{(?P<name>[^{}:]+)(?P<path>:path)?\}")


class ScaffoldError(Exception):
    """The route cannot be scaffolded; the message says why."""


@dataclass(frozen=True)
class NewRoute:
    """A route to create: its method, and its path's folder names."""

    method: Method
    path: str
    folders: tuple[str, ...]
    parameters: tuple[str, ...]


def parse_new_route(text: str) -> NewRoute:
    """Read `"GET /orders/{order_id}"` (or `WS /rooms/{room}`)."""
    matched = ROUTE.fullmatch(text.strip())
    if matched is None:
        raise ScaffoldError(f'expected "METHOD /path", got {text!r}')
    methods = {method.label: method for method in Method}
    method = methods.get(matched["method"].upper())
    if method is None:
        raise ScaffoldError(
            f"unknown method {matched['method']!r}; use one of " + ", ".join(methods)
        )
    path = matched["path"]
    segments = [segment for segment in path.split("/") if segment]
    folders, parameters = [], []
    for index, segment in enumerate(segments):
        parameter = PARAMETER.fullmatch(segment)
        if parameter is None:
            if "{" in segment or "}" in segment:
                raise ScaffoldError(f"cannot read the path segment {segment!r}")
            folders.append(segment)
            continue
        name = parameter["name"]
        if not name.isidentifier() or keyword.iskeyword(name):
            raise ScaffoldError(f"path parameter {name!r} is not a Python identifier")
        if parameter["path"] and index != len(segments) - 1:
            raise ScaffoldError(f"catch-all {{{name}:path}} must be the last segment")
        folders.append(f"$...{name}" if parameter["path"] else f"${name}")
        parameters.append(name)
    return NewRoute(method, path, tuple(folders), tuple(parameters))


def create_route_file(config: Config, route: NewRoute) -> Path:
    """Write the new route's file in the routes folder; never overwrite one."""
    file_names = {method: name for name, method in ROUTE_FILE_NAMES.items()}
    path = config.routes.joinpath(*route.folders, file_names[route.method])
    if path.exists():
        raise ScaffoldError(f"{config.relative(path)} exists; it was left as it is")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(route), encoding="utf-8")
    return path


def skeleton(route: NewRoute) -> str:
    """A handler that type-checks, answers, and says what to do next."""
    label = "WebSocket" if route.method is Method.WEBSOCKET else route.method.label
    docstring = f'"""{label} {route.path}: TODO describe this route."""\n'
    parameters = [f"{name}: str" for name in route.parameters]
    if route.method is Method.WEBSOCKET:
        signature = ", ".join(["websocket: WebSocket", *parameters])
        return (
            f"{docstring}\nfrom fastapi import WebSocket\n\n\n"
            f"async def handler({signature}) -> None:\n"
            "    await websocket.accept()\n"
            "    await websocket.send_json({"
            + ", ".join(f'"{name}": {name}' for name in route.parameters)
            + "})\n"
            "    await websocket.close()\n"
        )
    echo = ", ".join(f'"{name}": {name}' for name in route.parameters)
    return (
        f"{docstring}\n\n"
        f"async def handler({', '.join(parameters)}) -> dict[str, str]:\n"
        f"    return {{{echo}}}\n"
    )
