"""Regenerate whenever the routes tree changes: `--watch`, and the dev loop.

watchfiles (what `uvicorn --reload` uses) reports changes, batched until
they settle for 50 ms, so saving many files regenerates once. A broken file
only prints its diagnostics: the last good router stays in place, and the
next save that fixes it regenerates.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from collections.abc import Callable, Collection
from pathlib import Path

import watchfiles

from codegen.config import Config
from codegen.dev_loop import DevLoop
from codegen.lifeline import stopped_by_signals

SETTLE_MILLISECONDS = 50
READY_MILLISECONDS = 200  # how soon an idle watcher first wakes up


# Regenerate, told which paths changed (`None`: any might have); 0 if it could.
Regenerate = Callable[[Collection[Path] | None], int]


def watch(routes: Path, regenerate: Regenerate) -> int:
    """Call `regenerate` after every change under `routes` until Ctrl-C.

    "Watching" is said once the watcher is in place (its first wake-up), after
    one more `regenerate` for whatever was saved while it was being set up:
    a save made as soon as the line appears is never missed.
    """
    ready = False
    with stopped_by_signals(), contextlib.suppress(KeyboardInterrupt):
        for changes in watchfiles.watch(
            routes,
            step=SETTLE_MILLISECONDS,
            raise_interrupt=False,
            yield_on_timeout=True,
            rust_timeout=READY_MILLISECONDS,
        ):
            if not ready:
                regenerate(None)
                print(
                    f"Watching {routes} for changes; press Ctrl-C to stop.",
                    file=sys.stderr,
                )
                ready = True
            elif changes:
                regenerate({Path(path) for _, path in changes})
    print("Stopped watching.", file=sys.stderr)
    return 0


class ProjectFilter(watchfiles.DefaultFilter):
    """Python files of the project and anything under routes/, not our output.

    The generated files are left out: the dev loop writes them itself, just
    before the server takes them in.
    """

    def __init__(self, config: Config) -> None:
        super().__init__(ignore_paths=[config.root / ".nox", *config.generated_files])
        self.routes = str(config.routes)

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        relevant = path.endswith(".py") or path.startswith(self.routes)
        return relevant and super().__call__(change, path)


def serve_and_watch(
    config: Config, host: str, port: int, regenerate: Regenerate
) -> int:
    """Serve the app; after each change, regenerate, then swap the changed
    routes into the server, or restart it once.

    `uvicorn --reload` would restart twice per new route (once for the route
    file, once for the router written after it) and could serve the old
    router in between; here the router is always written before the server
    takes it in.
    """
    try:
        listener = socket.create_server((host, port))
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        print(f"cannot listen on {host}:{port}: {reason}", file=sys.stderr)
        return 1
    with listener, stopped_by_signals():
        print(f"Serving {config.app} on http://{host}:{port}", file=sys.stderr)
        loop = DevLoop(config, listener, regenerate)
        try:
            for changes in watchfiles.watch(
                config.root,
                watch_filter=ProjectFilter(config),
                step=SETTLE_MILLISECONDS,
                raise_interrupt=False,
            ):
                loop.saved({Path(path) for _, path in changes})
        except KeyboardInterrupt:
            pass
        finally:
            loop.stop()
    print("Stopped serving.", file=sys.stderr)
    return 0
