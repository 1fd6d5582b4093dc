"""The app as it runs: its route table and OpenAPI document, read by
importing it in a fresh interpreter (`codegen.adopt.probe`)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen.importing import importing_environment

PROBE = "codegen.adopt.probe"  # run with `-m`, so nothing of ours shadows the app's


@dataclass(frozen=True)
class Site:
    """A line of user code that registered, created or included something."""

    file: Path
    line: int
    at_top_level: bool  # in the module's own code, not in a function


@dataclass(frozen=True)
class Endpoint:
    is_function: bool
    function: str  # its `__name__`
    qualname: str
    file: Path | None
    line: int


@dataclass(frozen=True)
class LiveRoute:
    """One entry of the app's route table, with included routers flattened."""

    kind: str  # "http", "websocket", or the class of any other route (`Mount`)
    path: str
    methods: tuple[str, ...]
    name: str | None
    unique_id: str | None  # the default operationId, for HTTP routes
    operation_id: str | None
    route_class: str  # `module.qualname`: `fastapi.routing.APIRoute`, or the app's
    registered: Site | None  # None for routes FastAPI itself adds (`/docs`)
    router: int | None  # the id of the router it was added to
    endpoint: Endpoint | None

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What a request can tell apart: kind, path and methods."""
        return (self.kind, self.path, self.methods)


@dataclass(frozen=True)
class Include:
    """`parent.include_router(router)`, where it happened."""

    into: int
    site: Site


@dataclass(frozen=True)
class LiveApp:
    routes: tuple[LiveRoute, ...]
    app_router: int
    app_route_class: str  # what `app.router` makes of a route added to it
    routers: dict[int, Site]  # where each APIRouter was created
    includes: dict[int, tuple[Include, ...]]  # each router's inclusions
    openapi: dict[str, Any]


class ImportFailed(Exception):
    """The app could not be imported; the message is its traceback."""


def read_live_app(root: Path, target: str) -> LiveApp:
    """Import `target` (`module:attribute`) from `root` in a subprocess."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "snapshot.json"
        environment = importing_environment(
            root,
            PYTHONDONTWRITEBYTECODE="1",  # leave no caches in moved folders
            # A generated router builds every route as it is added, so that
            # each registration is recorded where it happens, on the app's router.
            ROUTES_EAGER="1",
        )
        result = subprocess.run(
            [sys.executable, "-m", PROBE, target, str(output)],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ImportFailed(result.stderr.strip() or f"exit {result.returncode}")
        return _live_app(json.loads(output.read_text(encoding="utf-8")))


def _live_app(data: dict[str, Any]) -> LiveApp:
    return LiveApp(
        routes=tuple(_route(route) for route in data["routes"]),
        app_router=data["app_router"],
        app_route_class=data["app_route_class"],
        routers={int(key): _site(site) for key, site in data["routers"].items()},
        includes={
            int(key): tuple(Include(site["into"], _site(site)) for site in sites)
            for key, sites in data["includes"].items()
        },
        openapi=data["openapi"],
    )


def _site(data: dict[str, Any]) -> Site:
    return Site(Path(data["file"]), data["line"], data["at_top_level"])


def _route(data: dict[str, Any]) -> LiveRoute:
    registered = data["registered"]
    endpoint = data["endpoint"]
    return LiveRoute(
        kind=data["kind"],
        path=data["path"],
        methods=tuple(data["methods"]),
        name=data["name"],
        unique_id=data["unique_id"],
        operation_id=data["operation_id"],
        route_class=data["route_class"],
        registered=_site(registered) if registered else None,
        router=registered["router"] if registered else None,
        endpoint=Endpoint(
            is_function=endpoint["is_function"],
            function=endpoint["function"],
            qualname=endpoint["qualname"],
            file=Path(endpoint["file"]) if endpoint["file"] else None,
            line=endpoint["line"],
        )
        if endpoint
        else None,
    )
