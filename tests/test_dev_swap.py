"""`codegen dev` swaps saved route files into the running server: after any
sequence of saves it answers exactly as a server started afresh on the same
files, over real HTTP and WebSocket, and it restarts for what it cannot swap.

The random sequences run 3 times in `tests` and 40 in `nox -s depth`
(CODEGEN_SWAP_EXAMPLES sets the number).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.project import (
    Project,
    Running,
    answers,
    copy_template,
    free_port,
    uvicorn_server,
    wait_until,
)

EXAMPLES = int(os.environ.get("CODEGEN_SWAP_EXAMPLES", "3"))

# The files the saves write and delete, and the URLs they serve.
HTTP_FILES = {
    "routes/alpha/get.py": "/alpha",
    "routes/alpha/post.py": "/alpha",
    "routes/alpha/$key/get.py": "/alpha/k1",
    "routes/beta/get_put.py": "/beta",
    "routes/(group)/gamma/delete.py": "/gamma",
}
WEBSOCKET_FILE = "routes/beta/ws.py"
HTTP_TEXTS = [
    "async def handler() -> dict[str, object]:\n    return {{'version': {n}}}\n",
    "async def handler(q: int = {n}) -> dict[str, int]:\n    return {{'q': q}}\n",
    "meta = {{'summary': 'Version {n}', 'tags': ['t{n}'], 'status_code': 202}}\n\n\n"
    "def handler() -> str:\n    return 'v{n}'\n",
    "from pydantic import BaseModel\n\n\nclass Out(BaseModel):\n    value: int = {n}\n\n\n"
    "meta = {{'response_model': Out}}\n\n\nasync def handler() -> Out:\n    return Out()\n",
    # A module that fails to import: the route is a 500, every time.
    "raise RuntimeError('broken {n}')\n\n\nasync def handler() -> None:\n    pass\n",
    # Route modules that import another: a save of that one restarts.
    "import routes.alpha.get as sibling\n\n\n"
    "async def handler() -> dict[str, str]:\n    return {{'sibling': sibling.__name__}}\n",
    "from routes.alpha.get import handler as sibling\n\n\n"
    "async def handler() -> object:\n    return await sibling()\n",
]
WEBSOCKET_TEXTS = [
    "from fastapi import WebSocket\n\n\nasync def handler(websocket: WebSocket) -> None:\n"
    "    await websocket.accept()\n    await websocket.send_json({{'version': {n}}})\n"
    "    await websocket.close()\n",
    "raise RuntimeError('broken {n}')\n\n\nasync def handler() -> None:\n    pass\n",
]
FOLDERS = ["routes/alpha", "routes/beta"]  # deleted whole
METHODS = ["GET", "POST", "PUT", "DELETE"]
MARKER = "routes/marker/get.py"


@dataclass(frozen=True)
class Save:
    path: str
    text: str | None  # None: deleted


@st.composite
def saves(draw: st.DrawFn) -> list[Save]:
    done = []
    for n in range(draw(st.integers(1, 5))):
        path = draw(st.sampled_from([*HTTP_FILES, WEBSOCKET_FILE, *FOLDERS]))
        if path in FOLDERS:
            done.append(Save(path, None))
            continue
        texts = WEBSOCKET_TEXTS if path == WEBSOCKET_FILE else HTTP_TEXTS
        text = draw(st.one_of(st.none(), st.sampled_from(texts)))
        done.append(Save(path, None if text is None else text.format(n=n)))
    return done


@dataclass
class DevLoop:
    project: Project
    base: str
    running: Running
    saves: int = 0
    examples: int = 0


@pytest.fixture(scope="module")
def dev_loop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevLoop]:
    project = copy_template(tmp_path_factory.mktemp("swap") / "project")
    port = free_port()
    running = Running(["-m", "codegen", "dev", "--port", str(port)], project.root)
    loop = DevLoop(project, f"http://127.0.0.1:{port}", running)
    try:
        wait_until(lambda: answers(f"{loop.base}/users/me"), timeout=60)
        yield loop
    finally:
        running.stop()
    # Most batches of saves hold only route files that import nothing saved.
    swapped = sum("Swapped" in line for line in running.lines)
    assert swapped >= loop.examples // 2, "\n".join(running.lines)


@pytest.mark.depth
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(saves(), st.lists(st.sampled_from(sorted(HTTP_FILES.values())), max_size=3))
def test_after_random_saves_the_dev_server_answers_as_a_fresh_one(
    dev_loop: DevLoop, done: list[Save], requested: list[str]
) -> None:
    for url in requested:  # some routes built before the saves, some not
        httpx.get(dev_loop.base + url)
    for save in done:
        path = dev_loop.project.root / save.path
        if save.text is None and path.is_dir():
            shutil.rmtree(path)
        elif save.text is None:
            path.unlink(missing_ok=True)
        else:
            dev_loop.project.write(save.path, save.text)
    dev_loop.examples += 1
    served_after_every_save(dev_loop)

    with uvicorn_server(sys.executable, dev_loop.project.root) as (fresh, _):
        assert answers_of(dev_loop.base) == answers_of(fresh)


def served_after_every_save(dev_loop: DevLoop) -> None:
    """Save one more route, and wait until it is served: the dev loop takes
    saves in order, so every earlier one has been taken in."""
    dev_loop.saves += 1
    marker = f"async def handler() -> int:\n    return {dev_loop.saves}\n"
    dev_loop.project.write(MARKER, marker)

    def served() -> bool:
        try:
            response = httpx.get(f"{dev_loop.base}/marker", timeout=10)
        except httpx.TransportError:  # cut off by a restart
            return False
        return response.status_code == 200 and response.json() == dev_loop.saves

    wait_until(served, timeout=60)


def answers_of(base: str) -> dict[str, object]:
    """Every answer the saved files decide, as a client sees it."""
    seen: dict[str, object] = {}
    # A connection per request: uvicorn closes one after a 500.
    limits = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(base_url=base, timeout=10, limits=limits) as client:
        for url in [*sorted(set(HTTP_FILES.values())), "/alpha/", "/nowhere"]:
            for method in METHODS:
                response = client.request(method, url, params={"q": "x"})
                seen[f"{method} {url}?q=x"] = response.status_code, response.text
                response = client.request(method, url)
                # A set's order: it differs between any two processes.
                allowed = sorted(response.headers.get("allow", "").split(", "))
                location = response.headers.get("location", "").removeprefix(base)
                headers = allowed, location
                seen[f"{method} {url}"] = response.status_code, response.text, headers
        response = client.get("/openapi.json")  # a 500 if a route is broken
        ok = response.status_code == 200
        seen["openapi"] = response.json() if ok else response.text
    seen["websocket"] = websocket_answer(base.replace("http", "ws") + "/beta")
    return seen


def websocket_answer(url: str) -> object:
    try:
        with connect(url, open_timeout=10, close_timeout=5) as websocket:
            return json.loads(websocket.recv(timeout=10))
    except InvalidStatus as refused:
        return refused.response.status_code


def test_dev_loop_swaps_route_files_and_restarts_for_anything_else(
    project: Project,
) -> None:
    """A save of route files keeps the server process (and so its state);
    anything the server cannot swap exactly restarts it, and says why."""
    project.write(
        "routes/pid/get.py",
        "import os\n\n\ndef handler() -> int:\n    return os.getpid()\n",
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    dev = Running(
        ["-m", "codegen", "dev", "--port", str(port)],
        project.root,
        ignoring=[signal.SIGINT],
    )

    def process() -> int | None:
        """The serving process, once the restart (if any) is over."""
        try:
            return int(httpx.get(f"{base}/pid").json())
        except httpx.TransportError:
            return None

    def restarted(since: int) -> int:
        wait_until(lambda: process() not in (None, since), timeout=60)
        return int(httpx.get(f"{base}/pid").json())

    try:
        wait_until(lambda: process() is not None, timeout=60)
        server = int(httpx.get(f"{base}/pid").json())
        assert httpx.get(f"{base}/items").json()[0] == {"id": 1, "name": "item 1"}

        items = (project.root / "routes/items/get.py").read_text()
        saved(
            dev,
            project,
            "routes/items/get.py",
            items.replace('f"item {index}"', 'f"thing {index}"'),
            "Swapped routes/items/get.py into the server (1 route rebuilt).",
        )
        saved_a_new_route(dev, project)
        assert httpx.get(f"{base}/items").json()[0] == {"id": 1, "name": "thing 1"}
        assert httpx.get(f"{base}/fresh").json() == "new"
        saved(
            dev,
            project,
            "routes/fresh/get.py",
            "from routes.items.get import Item\n\n\ndef handler() -> str:\n    return 'new'\n",
            "Swapped",
        )
        assert httpx.get(f"{base}/fresh").json() == "new"
        assert process() == server

        saved(
            dev,
            project,
            "routes/items/get.py",
            items,
            "Restarting the server: routes.fresh.get imports routes.items.get, "
            "which was saved.",
        )
        server = restarted(since=server)
        assert httpx.get(f"{base}/items").json()[0] == {"id": 1, "name": "item 1"}

        saved(
            dev,
            project,
            "routes/fresh/get.py",
            "raise RuntimeError('not yet')\n\n\ndef handler() -> None:\n    pass\n",
            "Restarting the server: RuntimeError: not yet.",
        )
        server = restarted(since=server)
        assert httpx.get(f"{base}/fresh").status_code == 500

        auth = project.root / "routes/_auth.py"
        saved(
            dev,
            project,
            "routes/_auth.py",
            auth.read_text() + "\n",
            "Restarting the server: routes/_auth.py is not a route file.",
        )
        restarted(since=server)
    finally:
        dev.stop()


def test_a_swap_reaches_routes_added_to_a_mounted_app_in_eager_mode(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As examples/conduit serves its API, the routes are added to an app
    mounted in the one served; eager, the swapped routes are built at once."""
    monkeypatch.setenv("ROUTES_EAGER", "1")
    project.write(
        "app.py",
        """
        from fastapi import FastAPI

        from generated.route_index import use_route_index
        from generated.router import add_routes

        api = FastAPI()
        add_routes(api.router)
        use_route_index(api.router)
        app = FastAPI()
        app.mount("/api", api)
        """,
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/api"
    dev = Running(["-m", "codegen", "dev", "--port", str(port)], project.root)
    try:
        wait_until(lambda: answers(f"{base}/users/me"), timeout=60)
        assert "/fresh" not in httpx.get(f"{base}/openapi.json").json()["paths"]

        saved_a_new_route(dev, project)

        assert httpx.get(f"{base}/fresh").json() == "new"
        assert "/fresh" in httpx.get(f"{base}/openapi.json").json()["paths"]
    finally:
        dev.stop()


def saved(
    dev: Running, project: Project, relative: str, text: str, outcome: str
) -> None:
    """Save a file, and wait for the dev loop to say `outcome`."""
    after = len(dev.lines)
    project.write(relative, text)
    dev.wait_for_line(outcome, after=after, timeout=60)


def saved_a_new_route(dev: Running, project: Project) -> None:
    """Save `GET /fresh`, answering "new", and wait for its swap."""
    saved(
        dev,
        project,
        "routes/fresh/get.py",
        "def handler() -> str:\n    return 'new'\n",
        "Swapped routes/fresh/get.py into the server (1 route rebuilt).",
    )
