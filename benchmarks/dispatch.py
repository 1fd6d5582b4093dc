"""Time requests to the first and the last route of the project's `app`.

Run in the project folder: `python dispatch.py /first/path /last/path`
times in-process ASGI calls; with `--uvicorn`, HTTP requests to the app
served by uvicorn on loopback, over one kept-alive connection. Prints
`{"first": µs, "last": µs}` per request (median of batches). With `--calls`,
it counts Python function calls per in-process request instead (cProfile), a
cost that machine noise cannot move; `--module` names another app module.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib
import json
import pstats
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

BATCHES, PER_BATCH = 7, 30
Request = Callable[[str], Awaitable[int]]  # sends one GET, returns the status


@asynccontextmanager
async def in_process(module: str = "app") -> AsyncIterator[Request]:
    sys.path.insert(0, str(Path.cwd()))  # the project's `app`, not this folder's
    app = importlib.import_module(module).app

    async def request(path: str) -> int:
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": [(b"host", b"test")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app(scope, receive, send)
        return status

    yield request


@asynccontextmanager
async def over_uvicorn() -> AsyncIterator[Request]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = ["uvicorn", "app:app", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen([sys.executable, "-m", *serve, "--no-access-log"])
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            await wait_until_serving(client)

            async def request(path: str) -> int:
                return (await client.get(path)).status_code

            yield request
    finally:
        server.terminate()
        server.wait()


async def wait_until_serving(client: httpx.AsyncClient) -> None:
    for _ in range(600):
        try:
            await client.get("/")
            return
        except httpx.TransportError:
            await asyncio.sleep(0.05)
    raise RuntimeError("uvicorn did not start within 30 s")


async def microseconds_per_request(request: Request, path: str) -> float:
    assert await request(path) == 200, path  # also builds what FastAPI builds lazily
    batches = []
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(PER_BATCH):
            await request(path)
        batches.append((time.perf_counter() - start) / PER_BATCH * 1e6)
    return statistics.median(batches)


async def calls_per_request(request: Request, path: str) -> float:
    for _ in range(5):  # what FastAPI and the app build lazily, caches
        assert await request(path) == 200, path
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(PER_BATCH):
        await request(path)
    profile.disable()
    calls: int = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    return calls / PER_BATCH


async def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("first")
    cli.add_argument("last")
    cli.add_argument("--uvicorn", action="store_true")
    cli.add_argument("--calls", action="store_true")
    cli.add_argument("--module", default="app")
    arguments = cli.parse_args()
    measure = calls_per_request if arguments.calls else microseconds_per_request
    client = over_uvicorn() if arguments.uvicorn else in_process(arguments.module)
    async with client as request:
        result = {
            "first": await measure(request, arguments.first),
            "last": await measure(request, arguments.last),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
