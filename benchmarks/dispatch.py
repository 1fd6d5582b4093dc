"""Time in-process ASGI requests to the first and the last route of `app`.

Run in the project folder: `python dispatch.py /first/path /last/path`.
Prints `{"first": µs, "last": µs}` per request (median of batches).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path.cwd()))  # the project's `app`, not this folder's
app = importlib.import_module("app").app

BATCHES, PER_BATCH = 7, 30


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


async def microseconds_per_request(path: str) -> float:
    assert await request(path) == 200, path  # also builds what FastAPI builds lazily
    batches = []
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(PER_BATCH):
            await request(path)
        batches.append((time.perf_counter() - start) / PER_BATCH * 1e6)
    return statistics.median(batches)


async def main(first: str, last: str) -> None:
    result = {
        "first": await microseconds_per_request(first),
        "last": await microseconds_per_request(last),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
