"""The dev loop's servers: the one serving, the one standing by to replace
it, and how each save is taken in: swapped into the server (see swap.py and
dev_server.py), or by a restart.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from codegen.config import Config
from codegen.output import read_current
from codegen.swap import Restart, RouterSwap, RouterText, route_swap

if TYPE_CHECKING:
    from codegen.watch import Regenerate

SWAP_SECONDS = 60  # how long a server may take to swap before it is restarted
DEV_SERVER = Path(__file__).with_name("dev_server.py")
# Runs dev_server.py as the main module, by path: the project's own modules
# come first on the import path, and nothing of the generator is imported.
DEV_SERVER_BOOTSTRAP = """\
import runpy, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the dev loop stops us
runpy.run_path(sys.argv.pop(1), run_name="__main__")
"""


class DevLoop:
    """The server, the one standing by to replace it, and the router the
    server was given."""

    def __init__(
        self, config: Config, listener: socket.socket, regenerate: Regenerate
    ) -> None:
        self.config = config
        self.listener = listener
        self.regenerate = regenerate
        self.router = RouterText.cut(read_current(config.output))
        self.server = ServerProcess(config, listener)
        self.server.serve()
        self.standby = ServerProcess(config, listener)

    def saved(self, paths: set[Path]) -> None:
        """Regenerate for the saved files, then take them in: by a swap if the
        server can make one exactly, else by a restart."""
        change = self._regenerated(paths)
        if isinstance(change, RouterSwap) and change.is_empty:
            return
        outcome = change if isinstance(change, Restart) else self.server.swap(change)
        if isinstance(outcome, Restart):
            print(f"Restarting the server: {outcome.reason}.", file=sys.stderr)
            self.restart()
            return
        assert isinstance(change, RouterSwap)
        files = ", ".join(map(self._described, change.route_files))
        rebuilt = "1 route" if outcome == 1 else f"{outcome} routes"
        print(f"Swapped {files} into the server ({rebuilt} rebuilt).", file=sys.stderr)

    def _described(self, file: str) -> str:
        """A saved route file as the dev loop names it."""
        path = Path(file)
        gone = "" if path.exists() else " (deleted)"
        return self.config.relative(path) + gone

    def _regenerated(self, paths: set[Path]) -> RouterSwap | Restart:
        """Regenerate if routes changed; what takes the saves in, or why only
        a restart can."""
        config = self.config
        routes = {path for path in paths if path.is_relative_to(config.routes)}
        before = {path: written(path) for path in config.generated_files}
        failed = bool(routes) and self.regenerate(routes) != 0
        rewritten = {path for path, was in before.items() if written(path) != was}
        forget_bytecode([*paths, *rewritten])
        old = self.router
        if config.output in rewritten:
            self.router = RouterText.cut(read_current(config.output))
        if failed:
            return Restart("the routes have errors")
        return route_swap(config, paths, old, self.router, config.urls in rewritten)

    def restart(self) -> None:
        self.server.stop()
        self.server, self.standby = (
            self.standby,
            ServerProcess(self.config, self.listener),
        )
        self.server.serve()

    def stop(self) -> None:
        self.server.stop()
        self.standby.stop()


class ServerProcess:
    """A server (dev_server.py), standing by until it is told to serve."""

    def __init__(self, config: Config, listener: socket.socket) -> None:
        fd = listener.fileno()
        self.replies, reply_end = os.pipe()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                DEV_SERVER_BOOTSTRAP,
                str(DEV_SERVER),
                config.app,
                str(fd),
                str(reply_end),
            ],
            cwd=config.root,
            pass_fds=[fd, reply_end],
            stdin=subprocess.PIPE,
            text=True,
        )
        os.close(reply_end)

    def serve(self) -> None:
        """Import the app and start serving."""
        self._send("serve")

    def swap(self, change: RouterSwap) -> int | Restart:
        """Have the server take in `change`: how many routes it built anew,
        or why it did not."""
        if not self._send(f"swap {change.message()}"):
            return Restart("the server has exited")
        reply = self._reply()
        if reply.startswith("swapped "):
            return int(reply.removeprefix("swapped "))
        return Restart(reply.removeprefix("restart ") or "the server did not answer")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        os.close(self.replies)

    def _send(self, line: str) -> bool:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(f"{line}\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return False
        return True

    def _reply(self) -> str:
        """A line from the server, or "" if it exits or takes too long."""
        received = b""
        deadline = time.monotonic() + SWAP_SECONDS
        while not received.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if (
                remaining <= 0
                or not select.select([self.replies], [], [], remaining)[0]
            ):
                return ""
            chunk = os.read(self.replies, 65536)
            if not chunk:
                return ""
            received += chunk
        return received.decode().rstrip("\n")


def forget_bytecode(paths: Iterable[Path]) -> None:
    """Remove the cached bytecode of these modules. Python trusts it while
    the source has the same size and modification second, so a save made in
    the second the server imported a file would be read as it was before."""
    for path in paths:
        if path.suffix == ".py":
            Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)


def written(path: Path) -> tuple[int, int] | None:
    """Which write of the file this is: generated files are replaced whole."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns
