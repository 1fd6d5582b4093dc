"""Routes built on demand: what start-up leaves out, and what a fault does.

Each app is imported in a fresh interpreter (a module imported once stays
imported), in each mode: `ROUTES_EAGER=0`, routes built when first needed,
and `ROUTES_EAGER=1`, every route built at start-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.project import (
    REPOSITORY,
    Project,
    Running,
    answers,
    clean_environment,
    copy_template,
    free_port,
    wait_until,
)

# The route modules an import of the example app has loaded, before and after
# a request to one route; and what listing the routes shows without building.
LOADED = """\
import json, sys
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
import app

def loaded():
    return sorted(name for name in sys.modules if name.startswith("routes."))

before = loaded()
listed = [
    [route.path, route.name, sorted(getattr(route, "methods", None) or [])]
    for route in app.app.routes
]
url = app.app.url_path_for("users_user_id_get", user_id="7")
unbuilt = loaded()
client = TestClient(app.app)
statuses = [client.get("/users/me").status_code, client.patch("/users/3").status_code]
print(json.dumps([before, listed, url, unbuilt, statuses, loaded()]))
"""

# Sixteen threads read the same route's endpoint at the same moment; the
# route class counts the routes made.
CONCURRENT = """\
import threading
from fastapi import FastAPI
from fastapi.routing import APIRoute
from generated.router import add_routes

made = []

class Counted(APIRoute):
    def __init__(self, *args, **kwargs):
        made.append(1)
        super().__init__(*args, **kwargs)

app = FastAPI()
app.router.route_class = Counted
add_routes(app.router)
route = next(route for route in app.routes if getattr(route, "name", "") == "slow_get")
barrier = threading.Barrier(16)
endpoints = []

def read():
    barrier.wait()
    endpoints.append(route.endpoint)

threads = [threading.Thread(target=read) for _ in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(made), len(endpoints), len({id(e) for e in endpoints}), type(route).__name__)
"""

SLOW_ROUTE = """\
import time

time.sleep(0.3)  # a slow import: every thread arrives while it runs


async def handler() -> dict[str, str]:
    return {"slow": "yes"}
"""

# A route file that fails to build, what the server logs, and what the route
# answers once its file is fixed, without a restart: Python imports a module
# that raised afresh, and keeps one that was imported (as `import` does).
FAULTS = {
    "its module raises": (
        'raise RuntimeError("the database is down")\n\n'
        "async def handler() -> dict[str, str]:\n"
        '    return {"broken": "no more"}\n',
        "RuntimeError: the database is down",
        200,
    ),
    "its module raises AttributeError": (
        "import os\n\nos.not_there\n\n"
        "async def handler() -> dict[str, str]:\n"
        '    return {"broken": "no more"}\n',
        "AttributeError: module 'os' has no attribute 'not_there'",
        200,
    ),
    "FastAPI refuses it": (
        "class NotAModel:\n    pass\n\n\n"
        "async def handler() -> NotAModel:\n"
        "    return NotAModel()\n",
        "FastAPIError: Invalid args for response field!",
        500,
    ),
}
FIXED = 'async def handler() -> dict[str, str]:\n    return {"broken": "no more"}\n'


def python(
    root: Path, script: str, *, eager: bool | str
) -> subprocess.CompletedProcess[str]:
    """`python -c SCRIPT` in `root`, with `ROUTES_EAGER` set from `eager`
    (a string is set as it is)."""
    mode = eager if isinstance(eager, str) else str(int(eager))
    environment = {**clean_environment(), "ROUTES_EAGER": mode}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def printed_in_both_modes(script: str) -> tuple[object, object]:
    """The JSON `script` prints in the example app's folder: on demand, eager."""
    results = [python(REPOSITORY, script, eager=eager) for eager in (False, True)]
    for result in results:
        assert result.returncode == 0, result.stderr
    on_demand, eager = (json.loads(result.stdout) for result in results)
    return on_demand, eager


def test_start_up_imports_no_route_module_and_a_request_only_its_own() -> None:
    result = python(REPOSITORY, LOADED, eager=False)
    assert result.returncode == 0, result.stderr
    before, listed, url, unbuilt, statuses, after = json.loads(result.stdout)

    assert before == [] and unbuilt == []
    assert ["/users/{user_id}", "users_user_id_get", ["GET"]] in listed
    assert ["/chats/{chat_id}", "chats_chat_id_ws", []] in listed
    assert url == "/users/7"
    assert statuses == [200, 405]
    assert "routes.users.me.get" in after
    assert "routes.items.get" not in after
    # The 405 is the first route of its path's, as stock FastAPI answers it:
    # that route is built (its endpoint is in the request's scope), no other.
    assert "routes.users.$user_id.get" in after
    assert "routes.users.$user_id.put" not in after
    assert "routes.users.$user_id.delete" not in after


def test_eager_mode_imports_every_route_module_at_start_up() -> None:
    result = python(REPOSITORY, LOADED, eager=True)
    assert result.returncode == 0, result.stderr
    before, listed, _, _, _, after = json.loads(result.stdout)
    on_demand = json.loads(python(REPOSITORY, LOADED, eager=False).stdout)

    assert "routes.items.get" in before
    assert "routes.users.$user_id.get" in before
    assert before == after
    assert listed == on_demand[1]


def test_both_modes_give_the_same_openapi_document_and_route_table() -> None:
    script = (
        "import json, app\n"
        "document = app.app.openapi()\n"
        "endpoints = [getattr(r, 'endpoint', None) for r in app.app.routes]\n"
        "table = [[type(r).__module__, type(r).__qualname__, sorted(vars(r)),"
        " getattr(r, 'path', None), getattr(getattr(r, 'endpoint', None),"
        " '__module__', None)] for r in app.app.routes]\n"
        "print(json.dumps([document, table]))\n"
    )

    on_demand, eager = printed_in_both_modes(script)

    assert on_demand == eager


def test_concurrent_first_reads_build_a_route_once(tmp_path: Path) -> None:
    project = copy_template(tmp_path / "project")
    project.write("routes/slow/get.py", SLOW_ROUTE)
    assert project.codegen().code == 0

    result = python(project.root, CONCURRENT, eager=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "16", "1", "Counted"]


def broken_project(tmp_path: Path, source: str) -> Project:
    """The template with a broken `GET /broken` beside a sound `POST /broken`."""
    project = copy_template(tmp_path / "project")
    project.write("routes/broken/get.py", source)
    project.write("routes/broken/post.py", FIXED)
    assert project.codegen().code == 0
    return project


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_route_that_fails_to_build_is_a_logged_500_and_nothing_else(
    fault: tuple[str, str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, error, once_fixed = fault
    project = broken_project(tmp_path, source)
    monkeypatch.setenv("ROUTES_EAGER", "0")  # the server's mode, whatever the suite's
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Running(
        ["-m", "uvicorn", "app:app", "--port", str(port), "--log-level", "warning"],
        project.root,
    )
    try:
        wait_until(lambda: answers(f"{base}/"))
        # One connection per request: the server closes one that raised.
        first, second = httpx.get(f"{base}/broken"), httpx.get(f"{base}/broken")
        others = httpx.get(f"{base}/users/me")
        sibling = httpx.post(f"{base}/broken")
        seen = server.wait_for_line(error)
        server.wait_for_line(error, after=seen + 1)  # logged each time
        server.wait_for_line("while building the route 'broken_get' on demand")

        project.write("routes/broken/get.py", FIXED)
        fixed = httpx.get(f"{base}/broken")
    finally:
        server.stop()

    assert (first.status_code, second.status_code) == (500, 500)
    assert first.text == "Internal Server Error"
    assert others.status_code == 200
    assert sibling.status_code == 200  # the same path, another route
    assert fixed.status_code == once_fixed


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_in_eager_mode_a_route_that_fails_to_build_fails_the_start_up(
    fault: tuple[str, str, int], tmp_path: Path
) -> None:
    source, error, _ = fault
    project = broken_project(tmp_path, source)

    eager = python(project.root, "import app", eager=True)
    on_demand = python(project.root, "import app", eager=False)

    assert eager.returncode == 1
    assert error in eager.stderr
    assert on_demand.returncode == 0, on_demand.stderr


def test_a_mode_other_than_0_or_1_is_refused_at_start_up() -> None:
    result = python(REPOSITORY, "import app", eager="yes")

    assert result.returncode == 1
    assert "ROUTES_EAGER is 'yes': set it to 1 or 0" in result.stderr


def test_a_route_with_its_own_class_is_built_at_start_up(tmp_path: Path) -> None:
    project = copy_template(tmp_path / "project")
    project.write(
        "routes/_classes.py",
        "from fastapi.routing import APIRoute\n\n\nclass Custom(APIRoute):\n    pass\n",
    )
    project.write(
        "routes/custom/get.py",
        "from routes._classes import Custom\n\n"
        'meta = {"route_class_override": Custom}\n\n\n'
        "async def handler() -> dict[str, str]:\n"
        '    return {"custom": "yes"}\n',
    )
    assert project.codegen().code == 0
    script = (
        "import sys, app\n"
        "route = next(r for r in app.app.routes if r.path == '/custom')\n"
        "print(type(route).__name__, 'routes.custom.get' in sys.modules)\n"
    )

    result = python(project.root, script, eager=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Custom", "True"]
    assert "routes.now(add_custom_get)" in project.router.read_text()


def test_routes_added_after_the_openapi_document_was_made_are_in_the_next() -> None:
    script = (
        "import json\n"
        "from fastapi import FastAPI\n"
        "from generated.router import add_routes\n"
        "app = FastAPI()\n"
        "app.openapi()\n"
        "add_routes(app.router)\n"
        "print(json.dumps(sorted(app.openapi()['paths'])))\n"
    )

    on_demand, eager = printed_in_both_modes(script)

    # FastAPI 0.138 and later make the document again (releases before keep
    # the first for good): either way, as eager registration leaves it.
    assert on_demand == eager


def test_a_build_that_raises_attribute_error_is_not_a_missing_attribute(
    tmp_path: Path,
) -> None:
    source, error, _ = FAULTS["its module raises AttributeError"]
    project = broken_project(tmp_path, source)
    script = (
        "import app\n"
        "route = next(r for r in app.app.routes if r.name == 'broken_get')\n"
        "getattr(route, 'endpoint', None)\n"
    )

    result = python(project.root, script, eager=False)

    assert result.returncode == 1
    assert error in result.stderr
    assert "RuntimeError: building the route 'broken_get' failed" in result.stderr
