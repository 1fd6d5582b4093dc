"""Cold start: from `python -m uvicorn` to the first 200, and the memory then.

A large app pays at start-up for every route it will ever serve, most of
which a given process (a worker, a serverless instance) may never be asked
for. Ours adds stand-ins and builds a route on its first request, so both
the start and the memory should stay near those of a small app, and a route
once built should serve as fast as one built at start (eager mode).

Each server is a real uvicorn on 127.0.0.1, started afresh per run (median
of `RUNS`, after one warm-up start that also writes the bytecode, as a
deployed app has it). A run waits until the server answers anything, then
asks for one route in the middle of the table: process start to that 200 is
the cold start, and the server's VmRSS is read right after. The baselines:
- the same routes, models and handlers written by hand as `@router.get` in
  router modules of `PER_MODULE` routes, all included by a stock FastAPI app;
- those very modules served by fastapi-router-lazy 0.3.0, which mounts a stub
  per route from a prebuilt routes.json (strict mode) and imports a router
  module on the first request reaching it.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.edit_loop import free_port
from benchmarks.table import Row, table
from benchmarks.trees import make_project

LARGE, SMALL = 10_000, 10  # routes
RUNS = 3  # timed starts per server, after one warm-up start
PER_MODULE = 100  # routes per router module of the hand-written app
STEADY_BATCHES, STEADY_ROUNDS = 41, 10  # a round asks once for each route
POLL_SECONDS = 0.002
TIMEOUT_SECONDS = 180
PROBE = "/not-a-route"  # a 404 that builds no route: the server is up

MODEL = """\
class Resource{index}(BaseModel):
    route: int
    res_id: int
    q: str | None
"""
HANDLER = """\
async def {name}(res_id: int, q: str | None = None) -> Resource{index}:
    return Resource{index}(route={index}, res_id=res_id, q=q)
"""
# A route file of ours: its own response model, a path and a query parameter.
ROUTE = (
    "from pydantic import BaseModel\n\n"
    'meta = {{"summary": "Resource {index}", "tags": ["area{area}"]}}\n\n\n'
    + MODEL
    + "\n\n"
    + HANDLER.replace("{name}", "handler")
)
DECORATOR = '@router.get("{path}", summary="Resource {index}", tags=["area{area}"])\n'
ROUTER_MODULE = """\
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()
"""
PACKAGE = "handwritten"  # the modules fastapi-router-lazy walks (`router.py`)
BUILD_ROUTES_JSON = (
    "from pathlib import Path\n"
    "from fastapi_router_lazy import route_infos_extractor\n"
    f"route_infos_extractor({PACKAGE!r}, cache=True, cache_file=Path('routes.json'))\n"
)
LAZY_APP = f"""\
from pathlib import Path

from fastapi import FastAPI
from fastapi_router_lazy import RouterLoader, lazy_middleware_factory, route_infos_extractor

app = FastAPI()
extractor = route_infos_extractor(
    {PACKAGE!r}, cache=True, cache_file=Path("routes.json"), strict=True
)
loader = RouterLoader(extractor, app)
middleware = lazy_middleware_factory(loader)
app.add_middleware(middleware)
loader.load(middleware)
"""


def route_folder(index: int) -> str:
    return f"api/v{index % 3}/area{index % 10}/group{index % 50}/res{index}/$res_id"


def route_path(index: int) -> str:
    return "/" + route_folder(index).replace("$res_id", "{res_id}")


def request_path(index: int) -> str:
    return route_path(index).replace("{res_id}", "7") + "?q=x"


@dataclass(frozen=True)
class Server:
    """How to serve one app: its folder, `module:app`, and ours in eager mode."""

    folder: Path
    app: str = "app:app"
    eager: bool = False


@dataclass(frozen=True)
class Start:
    """One run: what the first request and the process cost."""

    to_first_200: float  # ms from process start
    first_request: float  # ms, the first request once the server answers
    rss: float  # MB, right after the first 200


def our_project(workspace: Path, count: int) -> Path:
    project = make_project(workspace / f"ours-{count}", count, ROUTE, route_folder)
    run([sys.executable, "-m", "codegen"], project)
    return project


def hand_written(workspace: Path, count: int) -> Path:
    """The same routes as `@router.get` in router modules of `PER_MODULE`,
    a stock app including them all (stock_app.py), fastapi-router-lazy
    serving them (lazy_app.py), and its routes.json, built once."""
    root = workspace / f"hand-written-{count}"
    (root / PACKAGE).mkdir(parents=True)
    (root / PACKAGE / "__init__.py").write_text("")
    names = []
    for first in range(0, count, PER_MODULE):
        name = f"part{first // PER_MODULE:03d}"
        names.append(name)
        (root / PACKAGE / name).mkdir()
        (root / PACKAGE / name / "__init__.py").write_text("")
        routes = "".join(
            "\n\n"
            + MODEL.format(index=index)
            + "\n\n"
            + DECORATOR.format(path=route_path(index), index=index, area=index % 10)
            + HANDLER.format(name=f"res{index}", index=index)
            for index in range(first, min(first + PER_MODULE, count))
        )
        (root / PACKAGE / name / "router.py").write_text(ROUTER_MODULE + routes)
    imports = "".join(
        f"from {PACKAGE}.{name}.router import router as {name}\n" for name in names
    )
    includes = "".join(f"app.include_router({name})\n" for name in names)
    (root / "stock_app.py").write_text(
        f"from fastapi import FastAPI\n\n{imports}\napp = FastAPI()\n{includes}"
    )
    (root / "lazy_app.py").write_text(LAZY_APP)
    run([sys.executable, "-c", BUILD_ROUTES_JSON], root)
    return root


def run(arguments: list[str], cwd: Path) -> None:
    subprocess.run(arguments, cwd=cwd, check=True, capture_output=True)


@contextmanager
def serving(server: Server) -> Iterator[tuple[httpx.Client, int, float]]:
    """uvicorn serving `server`, answering: a client, its process id and the
    time it was started. Ends the server's whole process group on leaving."""
    port = free_port()
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONDONTWRITEBYTECODE", "ROUTES_EAGER")
    }
    environment["ROUTES_EAGER"] = "1" if server.eager else "0"
    serve = ["uvicorn", server.app, "--port", str(port), "--log-level", "warning"]
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", *serve],
        cwd=server.folder,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=TIMEOUT_SECONDS
        ) as client:
            until_serving(client, process)
            yield client, process.pid, start
    finally:
        stop(process)


def serve_once(server: Server, index: int) -> Start:
    """Start a server, ask for route `index`, read the server's RSS."""
    with serving(server) as (client, pid, start):
        ready = time.perf_counter()
        response = client.get(request_path(index))
        first = time.perf_counter()
        if response.status_code != 200:
            raise RuntimeError(f"{server}: {response.status_code} {response.text}")
        rss = resident_megabytes(pid)
    return Start((first - start) * 1000, (first - ready) * 1000, rss)


def until_serving(client: httpx.Client, process: subprocess.Popen[bytes]) -> None:
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {process.returncode}")
        try:
            client.get(PROBE)
            return
        except httpx.TransportError:
            time.sleep(POLL_SECONDS)
    raise RuntimeError(f"uvicorn did not answer within {TIMEOUT_SECONDS} s")


def resident_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def steady_microseconds(servers: list[Server], indexes: list[int]) -> list[float]:
    """Median µs per request to routes already built, per server: the servers
    run side by side and take turns, batch by batch, so that the machine's
    drift weighs on all alike; each batch asks for each route in turn."""
    paths = [request_path(index) for index in indexes]
    with ExitStack() as stack:
        clients = [stack.enter_context(serving(server))[0] for server in servers]
        for client in clients:
            for path in paths * 5:  # built, and whatever FastAPI builds lazily
                assert client.get(path).status_code == 200, path
        samples: list[list[float]] = [[] for _ in servers]
        for batch in range(STEADY_BATCHES):
            turns = list(enumerate(clients))
            for turn, client in turns if batch % 2 else reversed(turns):
                begin = time.perf_counter()
                for _ in range(STEADY_ROUNDS):
                    for path in paths:
                        client.get(path)
                elapsed = time.perf_counter() - begin
                samples[turn].append(elapsed / STEADY_ROUNDS / len(paths) * 1e6)
    return [statistics.median(runs) for runs in samples]


def stop(process: subprocess.Popen[bytes]) -> None:
    """End the server and anything it started: its process group."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=30)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait()


def medians(starts: list[Start]) -> Start:
    return Start(
        statistics.median(start.to_first_200 for start in starts),
        statistics.median(start.first_request for start in starts),
        statistics.median(start.rss for start in starts),
    )


def measure(servers: dict[str, tuple[Server, int]]) -> dict[str, Start]:
    """Median `Start` per server, over `RUNS` rounds after a warm-up round,
    each round taking the servers in turn (every other round in reverse, so
    that a drift of the machine weighs on all alike)."""
    samples: dict[str, list[Start]] = {name: [] for name in servers}
    for round_ in range(RUNS + 1):
        names = list(servers) if round_ % 2 else list(reversed(servers))
        for name in names:
            start = serve_once(*servers[name])
            if round_:
                samples[name].append(start)
    return {name: medians(runs) for name, runs in samples.items()}


def cold_start_rows(workspace: Path, large: int = LARGE) -> list[Row]:
    """Our app of `large` routes against the small one, the hand-written one
    and fastapi-router-lazy; and on demand against eager mode."""
    ours = our_project(workspace, large)
    small = our_project(workspace, SMALL)
    hand = hand_written(workspace, large)
    middle = large // 2
    measured = measure(
        {
            "ours": (Server(ours), middle),
            "small": (Server(small), SMALL // 2),
            "eager": (Server(ours, eager=True), middle),
            "stock": (Server(hand, "stock_app:app"), middle),
            # fastapi-router-lazy is the lazy loader from PyPI that runs here:
            # fast-router (file-based routes, each module imported on its
            # first request) is on PyPI too, but needs Python 3.13 or later.
            "lazy": (Server(hand, "lazy_app:app"), middle),
        }
    )
    on_demand, eager = steady_microseconds(
        [Server(ours), Server(ours, eager=True)],
        [large // 4, middle, 3 * large // 4],
    )
    ours_, small_, eager_, stock, lazy = (
        measured[name] for name in ("ours", "small", "eager", "stock", "lazy")
    )
    routes = f"{large:,} routes"
    start = f"cold start to the first 200, {routes} (ms)"
    memory = f"RSS after the first 200, {routes} (MB)"
    by_hand = "stock FastAPI, hand-written"
    lazy_name = "fastapi-router-lazy 0.3.0, strict"
    smaller = f"ours, {SMALL} routes"
    return [
        Row(start, ours_.to_first_200, smaller, small_.to_first_200, 1.5),
        Row(start, ours_.to_first_200, by_hand, stock.to_first_200, 0.25),
        Row(start, ours_.to_first_200, lazy_name, lazy.to_first_200, 1.0),
        Row(
            f"cold start to the first 200, {routes}, eager mode (ms)",
            eager_.to_first_200,
            by_hand,
            stock.to_first_200,
        ),
        Row(memory, ours_.rss, lazy_name, lazy.rss, 1.0),
        Row(memory, ours_.rss, smaller, small_.rss, 1.5),
        Row(
            f"first request, its route built then, {routes} (ms)",
            ours_.first_request,
            "the route built at start (eager)",
            eager_.first_request,
        ),
        Row(
            f"dispatch over uvicorn to routes built, {routes} (µs)",
            on_demand,
            "eager mode",
            eager,
            1.05,
        ),
    ]


def main() -> None:
    """`python -m benchmarks.cold_start [routes]`: these rows alone."""
    large = int(sys.argv[1]) if len(sys.argv) > 1 else LARGE
    with tempfile.TemporaryDirectory() as folder:
        print(table(cold_start_rows(Path(folder), large)))


if __name__ == "__main__":
    main()
