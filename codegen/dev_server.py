"""The server process of `codegen dev`, run by path in the project's own
interpreter: it imports nothing of the generator.

It starts ahead of need: it imports FastAPI and uvicorn (most of a start-up)
at once, then waits for `serve` on stdin before it imports the app and
serves it on the socket the dev loop keeps bound, which queues connections
while the server changes. While it serves, each `swap {...}` line (see
codegen/swap.py) changes its routes in place, between two requests, and one
line answers on the reply pipe: `swapped N` (routes built anew) or
`restart REASON`, when it cannot give exactly what a fresh start would.

Its stdin stays open while the dev loop lives: at its end (the dev loop
stopped it, or died however it died), the server exits, before serving or
after.
"""

from __future__ import annotations

import asyncio
import json
import operator
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from types import FunctionType, ModuleType
from typing import IO, Any

import fastapi  # noqa: F401  (imported while standing by)
import uvicorn
from starlette.routing import Host, Mount, Router
from uvicorn.importer import import_from_string


class Server(uvicorn.Server):
    """uvicorn's server, which keeps its event loop: swaps run on it."""

    loop: asyncio.AbstractEventLoop | None = None

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        await super().serve(sockets)


def main(app: str, listener: int, replies: int) -> None:
    if sys.stdin.readline() != "serve\n":
        sys.exit()  # the dev loop is gone
    server = Server(uvicorn.Config(app))
    with open(replies, "w", encoding="utf-8") as reply_pipe:
        follower = threading.Thread(
            target=follow_the_dev_loop, args=(server, app, reply_pipe), daemon=True
        )
        follower.start()
        server.run(sockets=[socket.socket(fileno=listener)])


def follow_the_dev_loop(server: Server, app: str, replies: IO[str]) -> None:
    """Swap as the dev loop asks; once it is gone, shut the server down."""
    for line in sys.stdin:
        reply = swap_when_served(server, app, json.loads(line.removeprefix("swap ")))
        replies.write(reply + "\n")
        replies.flush()
    os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's graceful shutdown,
    time.sleep(10)  # as long as the dev loop would wait
    os._exit(1)


def swap_when_served(server: Server, app: str, change: dict[str, Any]) -> str:
    while not server.started:  # the app is loaded, and its lifespan started
        if server.should_exit:
            return "restart the server is not serving"
        time.sleep(0.01)
    assert server.loop is not None

    async def between_requests() -> str:
        try:
            return swap(import_from_string(app), change)
        except Exception as error:  # a saved route that fails to build
            first_line = str(error).partition("\n")[0]
            return f"restart {type(error).__name__}: {first_line}"

    return asyncio.run_coroutine_threadsafe(between_requests(), server.loop).result()


def swap(app: Any, change: dict[str, Any]) -> str:
    """Replace the routes `add_routes` gave the app's router with those of
    the router module as it now is, keeping every route that did not change
    as it is, built or not; `restart ...` if that would not be exactly what
    a fresh start gives."""
    router_module: Any = loaded_module(change["router"])
    if not hasattr(router_module, "OnDemandRoutes"):
        return "restart the app has not imported the generated router"
    on_demand = sys.modules[router_module.OnDemandRoutes.__module__]
    tables = list(route_tables(app, on_demand.ADDED_ROUTES))
    if len(tables) != 1:
        return "restart add_routes has not run exactly once, on a router the app serves"
    ((owner, table),) = tables
    router = table.router
    start = place_of(router.routes, table.added)
    if start is None:
        return "restart the routes add_routes added have moved"
    if change["urls"] and loaded_module(change["urls"]) is not None:
        return "restart the URL builders changed, and the app has imported them"
    saved = modules_from(change["forget"])
    holder = importer(saved) if saved else None
    if holder is not None:
        return f"restart {holder} imports a saved route file"
    forget(saved)
    for definition in change["define"]:
        redefine(router_module, definition)

    # The table as a fresh start adds it, on the same settings; then each
    # route whose function did not change is the one already there.
    scratch = on_demand.settings_of(table.settings)
    router_module.add_routes(scratch, eager=False)
    earlier = {route.name: route for route in table.added}
    rebuild = set(change["rebuild"])
    added, fresh = [], []
    for route in scratch.routes:
        pending = vars(route).get("_pending")
        kept = earlier.get(route.name)
        if (
            kept is not None
            and pending is not None
            and pending.build.__name__ not in rebuild
        ):
            added.append(kept)
        else:
            added.append(route)
            fresh.append(route)
    # Built now, not on demand: a module imported a second time in one
    # process can fail where a fresh start would not (a table defined twice).
    for route in fresh:
        on_demand.build_in_place(route)
    router.routes[start : start + len(table.added)] = added
    table.added = added
    changed = getattr(router, "_mark_routes_changed", None)
    if changed is not None:
        changed()
    if hasattr(owner, "openapi_schema"):
        owner.openapi_schema = None
    return f"swapped {len(fresh)}"


def route_tables(app: Any, key: str) -> Iterator[tuple[Any, Any]]:
    """Each `add_routes` table (`OnDemandRoutes`) of the app's router or of an
    app or router mounted in it, with the app (or router) it belongs to."""
    serving = [app]
    while serving:
        current = serving.pop()
        router = (
            current if isinstance(current, Router) else getattr(current, "router", None)
        )
        if isinstance(router, Router):
            yield from ((current, table) for table in vars(router).get(key, []))
            serving += [
                route.app for route in router.routes if isinstance(route, Mount | Host)
            ]


def loaded_module(file: str) -> ModuleType | None:
    return next((module for module in modules_from([file]).values()), None)


def modules_from(paths: list[str]) -> dict[str, ModuleType]:
    """The loaded modules of these files, or of files in these folders.

    Paths are compared as they are: the dev loop's are under the project's
    real path, as the project's modules are, imported from the working
    directory or by `load_from_file` (and the generator refuses links)."""
    files, folders = set(paths), tuple(path + os.sep for path in paths)
    return {
        name: module
        for name, module in list(sys.modules.items())
        if isinstance(file := getattr(module, "__file__", None), str)
        and (file in files or file.startswith(folders))
    }


def place_of(routes: list[Any], added: list[Any]) -> int | None:
    """Where `added` still is, whole and in order, in `routes`."""
    if not added:
        return None
    start = next((i for i, route in enumerate(routes) if route is added[0]), None)
    if start is None:
        return None
    now = routes[start : start + len(added)]
    same = len(now) == len(added) and all(map(operator.is_, now, added))
    return start if same else None


def importer(saved: dict[str, ModuleType]) -> str | None:
    """A module that holds a saved module, or a class or function defined in
    one: it would keep the old one where a fresh start has the new."""
    for name, module in list(sys.modules.items()):
        if name in saved:
            continue
        for key, value in list(getattr(module, "__dict__", {}).items()):
            if isinstance(value, ModuleType):
                held = value.__name__ in saved and f"{name}.{key}" != value.__name__
            elif isinstance(value, type | FunctionType):
                held = getattr(value, "__module__", None) in saved
            else:
                held = False
            if held:
                return name
    return None


def forget(saved: dict[str, ModuleType]) -> None:
    """Drop saved modules, as if never imported: the next import reads them."""
    for name in saved:
        del sys.modules[name]
        package, _, attribute = name.rpartition(".")
        if getattr(sys.modules.get(package), attribute, None) is saved[name]:
            delattr(sys.modules[package], attribute)


def redefine(module: ModuleType, definition: dict[str, Any]) -> None:
    """Run a function's definition again in the module, at its lines in the
    file (blank lines before it cost the compiler next to nothing)."""
    source = "\n" * (definition["line"] - 1) + definition["source"]
    exec(compile(source, module.__file__ or "<router>", "exec"), vars(module))


if __name__ == "__main__":
    app, listener, replies = sys.argv[1:]
    main(app, int(listener), int(replies))
