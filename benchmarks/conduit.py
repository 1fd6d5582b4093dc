"""The Conduit example under load: its reads, ours vs stock FastAPI.

Both apps serve the same handlers from examples/conduit on uvicorn with two
worker processes and one SQLite file: ours through the generated router and
route index (`app:app`), the baseline registered by hand
(`conduit_stock/stock_app.py`, served as `stock_app:app`).
Rounds alternate between the two, and which goes first, so that the
machine's drift and any warm-up advantage hit both alike.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx

from benchmarks.table import Row

BENCHMARKS = Path(__file__).parent
CONDUIT = BENCHMARKS.parent / "examples" / "conduit"
STOCK = BENCHMARKS / "conduit_stock"
LOAD = BENCHMARKS / "load.py"
DISPATCH = BENCHMARKS / "dispatch.py"
APPS = {"ours": "app:app", "stock": "stock_app:app"}
READS = ["/articles", "/articles/article-7"]
ROUNDS, SECONDS, CONNECTIONS = 6, 4, 16
AUTHORS, ARTICLES = 10, 40


def conduit_environment(database: Path) -> dict[str, str]:
    """The environment both apps run in, on the SQLite file `database`."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CONDUIT_SECRET_KEY": "conduit-benchmark-secret-of-32-bytes-or-more",
        "PYTHONPATH": os.pathsep.join([str(STOCK), os.environ.get("PYTHONPATH", "")]),
    }


def conduit_rows(workspace: Path) -> list[Row]:
    environment = conduit_environment(workspace / "conduit.db")
    with served(APPS["ours"], environment) as base:
        seed(base)
    with closing(sqlite3.connect(workspace / "conduit.db")) as database:
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no reader pays it
    rates: dict[tuple[str, str], list[float]] = {}
    for round_number in range(ROUNDS):
        order = list(APPS.items())[:: 1 if round_number % 2 == 0 else -1]
        for name, app in order:
            with served(app, environment) as base:
                for path in READS:
                    rates.setdefault((name, path), []).append(rate(base + path))
    calls = {
        name: function_calls(app.partition(":")[0], environment)
        for name, app in APPS.items()
    }
    return [
        row
        for path, which in zip(READS, ("first", "last"), strict=True)
        for row in (
            Row(
                f"Conduit `GET /api{path}`, uvicorn 2 workers, SQLite (requests/s)",
                statistics.median(rates["ours", path]),
                "stock FastAPI, same handlers",
                statistics.median(rates["stock", path]),
                0.98,
                at_least=True,
            ),
            Row(
                f"Conduit `GET /api{path}`, Python function calls per request",
                calls["ours"][which],
                "stock FastAPI, same handlers",
                calls["stock"][which],
            ),
        )
    ]


def function_calls(module: str, environment: dict[str, str]) -> dict[str, float]:
    """Calls per request of each read, in-process: deterministic, unlike rates."""
    paths = ["/api" + path for path in READS]
    out = subprocess.run(
        [sys.executable, str(DISPATCH), *paths, "--calls", "--module", module],
        cwd=CONDUIT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


@contextmanager
def served(app: str, environment: dict[str, str]) -> Iterator[str]:
    """`app` on uvicorn with two workers; yields the API's base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "uvicorn", app, "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--log-level", "warning"],
        cwd=CONDUIT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/tags").raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{app} did not start serving within 60 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def seed(base: str) -> None:
    """Authors, tagged articles (`article-0`, ...) and favorites to list."""
    with httpx.Client(base_url=base, timeout=30) as client:
        tokens = []
        for number in range(AUTHORS):
            user = {"username": f"author{number}", "email": f"a{number}@example.org"}
            response = client.post("/users", json={"user": {**user, "password": "pw"}})
            tokens.append(
                {"Authorization": f"Token {response.json()['user']['token']}"}
            )
        for number in range(ARTICLES):
            article = {
                "title": f"Article {number}",
                "description": "A benchmark article.",
                "body": "Text. " * 200,
                "tagList": [f"tag{number % 5}", "benchmark"],
            }
            author = tokens[number % AUTHORS]
            client.post("/articles", json={"article": article}, headers=author)
            for fan in tokens[: number % AUTHORS]:
                client.post(f"/articles/article-{number}/favorite", headers=fan)


def rate(url: str, connections: int = CONNECTIONS) -> float:
    """Requests per second answered at `url`, measured from another process."""
    out = subprocess.run(
        [sys.executable, str(LOAD), url, str(SECONDS), str(connections)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout)
