"""The server process of `codegen dev`, run by path in the project's own
interpreter: it imports nothing of the generator.

It starts ahead of need: it imports FastAPI and uvicorn (most of a start-up)
at once, then waits for `serve` on stdin before it imports the app and
serves it on the socket the dev loop keeps bound, which queues connections
while the server changes. While it serves, each `swap {...}` line (see
codegen/swap.py) replaces routes on its event loop, and one line answers on
the reply pipe: `swapped N` (routes built anew) or `restart REASON`, when
it cannot give exactly what a fresh start would.

Its stdin stays open while the dev loop lives: at its end (the dev loop
stopped it, or died however it died), the server exits, before serving or
after.
"""

from __future__ import annotations

import asyncio
import builtins
import importlib.util
import json
import operator
import os
import signal
import socket
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import IO, Any

import fastapi  # noqa: F401  (imported while standing by)
import uvicorn
from starlette.routing import Host, Mount, Router
from uvicorn.importer import import_from_string

# Who imported each module, by name, since the server started: a saved
# module that another module imported would live on in it, old, where a
# fresh start has the new one.
IMPORTERS: defaultdict[str, set[str]] = defaultdict(set)


class Server(uvicorn.Server):
    """uvicorn's server, which keeps its event loop: swaps run on it."""

    loop: asyncio.AbstractEventLoop | None = None

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        await super().serve(sockets)


def main(app: str, listener: int, replies: int) -> None:
    if sys.stdin.readline() != "serve\n":
        sys.exit()  # the dev loop is gone
    builtins.__import__ = recording_importers(builtins.__import__)
    server = Server(uvicorn.Config(app))
    with open(replies, "w", encoding="utf-8") as reply_pipe:
        follower = threading.Thread(
            target=follow_the_dev_loop, args=(server, app, reply_pipe), daemon=True
        )
        follower.start()
        server.run(sockets=[socket.socket(fileno=listener)])


def follow_the_dev_loop(server: Server, app: str, replies: IO[str]) -> None:
    """Swap as the dev loop asks, answering every time; once it is gone,
    shut the server down."""
    for line in sys.stdin:
        try:
            reply = swap_when_served(
                server, app, json.loads(line.removeprefix("swap "))
            )
        except BaseException as error:  # even SystemExit, from a route module
            reply = failed(error)
        replies.write(reply + "\n")
        replies.flush()
    os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's graceful shutdown,
    time.sleep(10)  # as long as the dev loop would wait
    os._exit(1)


def swap_when_served(server: Server, app: str, change: dict[str, Any]) -> str:
    while not server.started:  # the app is loaded, and its lifespan started
        if server.should_exit:
            return restart("the server is not serving")
        time.sleep(0.01)
    assert server.loop is not None

    async def on_the_event_loop() -> str:
        try:
            return swap(import_from_string(app), change)
        except BaseException as error:  # a saved route that fails to build
            return failed(error)

    return asyncio.run_coroutine_threadsafe(on_the_event_loop(), server.loop).result()


def restart(reason: str) -> str:
    return f"restart {reason}"


def failed(error: BaseException) -> str:
    """A restart, saying the error: its first line, the reply being one."""
    first_line = str(error).partition("\n")[0]
    return restart(f"{type(error).__name__}: {first_line}")


def swap(app: Any, change: dict[str, Any]) -> str:
    """Replace the routes `add_routes` gave the app with those of the router
    module as it now is, keeping every route that did not change as it is,
    built or not; `restart ...` where that would not be exactly what a fresh
    start gives."""
    router_module: Any = loaded_module(change["router"])
    if not hasattr(router_module, "OnDemandRoutes"):
        return restart("the app has not imported the generated router")
    on_demand = sys.modules[router_module.OnDemandRoutes.__module__]
    tables = list(route_tables(app, on_demand.ADDED_ROUTES))
    if len(tables) != 1:
        return restart("add_routes has not run once, on a router the app serves")
    ((owner, table),) = tables
    if not table.added:
        return restart("add_routes added no routes, so nothing shows where new ones go")
    start = place_of(table.router.routes, table.added)
    if start is None:
        return restart("the routes add_routes added are no longer where it put them")
    if change["urls"] and loaded_module(change["urls"]) is not None:
        return restart("the URL builders changed, and the app has imported them")
    saved = modules_from(change["saved"])
    imported = import_of(saved, excepted=router_module.__name__)
    if imported is not None:
        return restart(f"{imported[0]} imports {imported[1]}, which was saved")
    with on_demand.BUILDING:  # no route is built from a module half-forgotten
        forget(saved)
        redefine(router_module, change["define"], change["remove"])
        added, fresh = table_now(
            router_module, on_demand, table, set(change["rebuild"])
        )
        # Built now, not on demand: a module imported a second time in one
        # process can fail where a fresh start would not (a table defined twice).
        for route in fresh:
            on_demand.build_in_place(route)
        table.router.routes[start : start + len(table.added)] = added
        table.added = added
        on_demand.routes_changed(table.router)
        if hasattr(owner, "openapi_schema"):
            owner.openapi_schema = None
    return f"swapped {len(fresh)}"


def table_now(
    router_module: Any, on_demand: Any, table: Any, rebuild: set[str]
) -> tuple[list[Any], list[Any]]:
    """The routes `add_routes` adds now, on the settings it first added them
    with, each the route already there if its function did not change; and
    those that are new objects."""
    scratch = on_demand.settings_of(table.settings)
    router_module.add_routes(scratch, eager=False)
    earlier = {route.name: route for route in table.added}
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
    return added, fresh


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
    """The module loaded from this file, if any."""
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
    start = next((i for i, route in enumerate(routes) if route is added[0]), None)
    if start is None:
        return None
    now = routes[start : start + len(added)]
    same = len(now) == len(added) and all(map(operator.is_, now, added))
    return start if same else None


def recording_importers(
    original: Callable[..., ModuleType],
) -> Callable[..., ModuleType]:
    """`__import__`, noting in IMPORTERS who imports what: the module named,
    and those of its names that are modules (`from routes.items import get`)."""

    def noting_importer(
        name: str,
        globals: dict[str, Any] | None = None,
        locals: Any = None,
        fromlist: tuple[str, ...] | list[str] | None = (),
        level: int = 0,
    ) -> ModuleType:
        module = original(name, globals, locals, fromlist, level)
        importer = (globals or {}).get("__name__")
        if isinstance(importer, str):
            package = (globals or {}).get("__package__") or ""
            absolute = importlib.util.resolve_name("." * level + name, package)
            for imported in [
                absolute,
                *(f"{absolute}.{item}" for item in fromlist or ()),
            ]:
                IMPORTERS[imported].add(importer)
        return module

    return noting_importer


def import_of(saved: dict[str, ModuleType], excepted: str) -> tuple[str, str] | None:
    """A loaded module, other than `excepted` and the saved ones, that
    imported a saved module: the two names."""
    for name in saved:
        for importer in IMPORTERS.get(name, ()):
            if (
                importer != excepted
                and importer not in saved
                and importer in sys.modules
            ):
                return importer, name
    return None


def forget(saved: dict[str, ModuleType]) -> None:
    """Drop saved modules, as if never imported: the next import reads them."""
    for name in saved:
        del sys.modules[name]
        package, _, attribute = name.rpartition(".")
        if getattr(sys.modules.get(package), attribute, None) is saved[name]:
            delattr(sys.modules[package], attribute)
    for importers in IMPORTERS.values():
        importers.difference_update(saved)


def redefine(
    module: ModuleType, definitions: list[dict[str, Any]], removed: list[str]
) -> None:
    """Run the changed functions' definitions again in the module, at their
    lines in the file (blank lines before one cost the compiler next to
    nothing), and drop the functions of routes removed."""
    for definition in definitions:
        source = "\n" * (definition["line"] - 1) + definition["source"]
        exec(compile(source, module.__file__ or "<router>", "exec"), vars(module))
    for name in removed:
        vars(module).pop(name, None)


if __name__ == "__main__":
    app, listener, replies = sys.argv[1:]
    main(app, int(listener), int(replies))
