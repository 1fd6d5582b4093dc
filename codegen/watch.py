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
import subprocess
import sys
from collections.abc import Callable, Collection
from pathlib import Path

import watchfiles

from codegen.config import Config
from codegen.lifeline import stopped_by_signals

SETTLE_MILLISECONDS = 50
READY_MILLISECONDS = 200  # how soon an idle watcher first wakes up
# A server process started ahead of need: it imports FastAPI and uvicorn (most
# of a start-up) at once, then waits for a line on stdin before it imports
# the app and serves it on the socket the dev loop keeps bound, which queues
# connections while the server changes. Its stdin stays open while the dev
# loop lives: at its end (the dev loop stopped it, or died however it died),
# the server exits, before serving or after.
STANDBY_SERVER = """\
import os, signal, socket, sys, threading, time
signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the dev loop stops us
import fastapi, uvicorn
if not sys.stdin.readline():
    sys.exit()  # the dev loop is gone
def stop_when_the_dev_loop_is_gone():
    sys.stdin.read()
    os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's graceful shutdown,
    time.sleep(10)  # as long as the dev loop would wait
    os._exit(1)
threading.Thread(target=stop_when_the_dev_loop_is_gone, daemon=True).start()
listener = socket.socket(fileno=int(sys.argv[2]))
uvicorn.Server(uvicorn.Config(sys.argv[1])).run(sockets=[listener])
"""


# Regenerate, told which paths changed (`None`: any might have).
Regenerate = Callable[[Collection[Path] | None], object]


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
    before it restarts the server.
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
    """Serve the app; after each change, regenerate, then restart it once.

    `uvicorn --reload` would restart twice per new route (once for the route
    file, once for the router written after it) and could serve the old
    router in between; here the router is always written before the restart.
    """
    try:
        listener = socket.create_server((host, port))
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        print(f"cannot listen on {host}:{port}: {reason}", file=sys.stderr)
        return 1
    with listener, stopped_by_signals():
        print(f"Serving {config.app} on http://{host}:{port}", file=sys.stderr)
        standby = standby_server(config, listener)
        server, standby = serve(standby), standby_server(config, listener)
        try:
            for changes in watchfiles.watch(
                config.root,
                watch_filter=ProjectFilter(config),
                step=SETTLE_MILLISECONDS,
                raise_interrupt=False,
            ):
                routes = {
                    Path(path)
                    for _, path in changes
                    if path.startswith(str(config.routes))
                }
                if routes:
                    regenerate(routes)
                stop(server)
                server, standby = serve(standby), standby_server(config, listener)
        except KeyboardInterrupt:
            pass
        finally:
            stop(server)
            stop(standby)
    print("Stopped serving.", file=sys.stderr)
    return 0


def standby_server(config: Config, listener: socket.socket) -> subprocess.Popen[str]:
    fd = listener.fileno()
    return subprocess.Popen(
        [sys.executable, "-c", STANDBY_SERVER, config.app, str(fd)],
        cwd=config.root,
        pass_fds=[fd],
        stdin=subprocess.PIPE,
        text=True,
    )


def serve(standby: subprocess.Popen[str]) -> subprocess.Popen[str]:
    """Tell a standby server to import the app and start serving."""
    assert standby.stdin is not None
    standby.stdin.write("serve\n")
    standby.stdin.flush()
    return standby


def stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    assert server.stdin is not None
    server.stdin.close()
