"""The edit loop: from saving a route file to the router written, or served.

`--watch` (a warm process) is timed from the save to the router on disk;
the dev loop from saving a new route file to that route's first 200, against
`uvicorn --reload` serving a hand-written app that gains the same route.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx

POLL_SECONDS = 0.002
TIMEOUT_SECONDS = 120


@contextmanager
def watching(project: Path) -> Iterator[None]:
    """`python -m codegen --watch` in `project`, ready for saves."""
    process = subprocess.Popen(
        [sys.executable, "-m", "codegen", "--watch"],
        cwd=project,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("Watching"):
                break
        else:
            raise RuntimeError("`--watch` stopped before it was watching")
        yield
    finally:
        process.terminate()
        process.communicate(timeout=60)


def save_to_written(project: Path, edits: int) -> float:
    """Median milliseconds from a one-file save to the new router on disk."""
    router = project / "generated" / "router.py"
    files = sorted((project / "routes").rglob("get.py"))
    changed = files[len(files) // 2]
    samples = []
    with watching(project):
        for edit in range(edits):
            text = changed.read_text()
            summary = f"Edit {edit} at {time.time_ns()}"
            before = signature(router)
            start = time.perf_counter()
            changed.write_text(replace_summary(text, summary))
            while True:
                if time.perf_counter() - start > TIMEOUT_SECONDS:
                    raise RuntimeError("the router was not rewritten")
                if signature(router) != before:
                    written = time.perf_counter()
                    if summary.encode() in router.read_bytes():
                        break
                    before = signature(router)
                time.sleep(POLL_SECONDS)
            samples.append((written - start) * 1000)
            time.sleep(0.3)  # let the watcher settle before the next save
    return statistics.median(samples)


def replace_summary(text: str, summary: str) -> str:
    start = text.index('"summary": "') + len('"summary": "')
    return text[:start] + summary + text[text.index('"', start) :]


def signature(path: Path) -> tuple[int, int]:
    """Changes when the file is replaced (the generator renames a new file in)."""
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


NEW_ROUTE = """\
async def handler() -> dict[str, int]:
    return {{"new": {index}}}
"""
NEW_DECORATED = """

@app.get("/new{index}")
async def new_{index}() -> dict[str, int]:
    return {{"new": {index}}}
"""


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def new_route_file(project: Path, index: int) -> None:
    """A new route file, `GET /new{index}`, in the routes tree."""
    folder = project / "routes" / f"new{index}"
    folder.mkdir()
    (folder / "get.py").write_text(NEW_ROUTE.format(index=index))


def new_decorated_route(project: Path, index: int) -> None:
    """The same route, appended to a hand-written app."""
    with (project / "app.py").open("a") as app:
        app.write(NEW_DECORATED.format(index=index))


def save_to_served(
    project: Path, command: list[str], add: Callable[[Path, int], None], saves: int
) -> float:
    """Median milliseconds from adding a route (`add`) to its first 200, with
    `command` (given the port last) serving `project` and reloading on saves."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*command, str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples = []
    try:
        with httpx.Client(base_url=base, timeout=TIMEOUT_SECONDS) as client:
            until_ok(client, "/openapi.json")
            for index in range(saves):
                time.sleep(1)  # a developer reads the last response before saving
                start = time.perf_counter()
                add(project, index)
                until_ok(client, f"/new{index}")
                samples.append((time.perf_counter() - start) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return statistics.median(samples)


def until_ok(client: httpx.Client, path: str) -> None:
    """Ask for `path` until it answers 200 (the server may be restarting)."""
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        try:
            if client.get(path).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"{path} did not answer 200 within {TIMEOUT_SECONDS} s")
