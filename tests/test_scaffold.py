"""`python -m codegen new "METHOD /path"`: a route file in the right place."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import CommandLine
from tests.project import Project, Tree


def test_new_http_route_is_created_typed_and_registered(project: Project) -> None:
    result = project.codegen("new", "GET /orders/{order_id}/lines/{line}")

    path = (
        project.root / "routes" / "orders" / "$order_id" / "lines" / "$line" / "get.py"
    )
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "Created routes/orders/$order_id/lines/$line/get.py."
    )
    assert "async def handler(order_id: str, line: str) -> dict[str, str]:" in (
        path.read_text()
    )
    assert '"/orders/{order_id}/lines/{line}"' in project.router.read_text()
    served = project.python(
        "-c",
        textwrap.dedent(
            """\
            from fastapi.testclient import TestClient
            from app import app
            print(TestClient(app).get("/orders/7/lines/2").json())
            """
        ),
    )
    assert served.stdout.strip() == "{'order_id': '7', 'line': '2'}", served.stderr


def test_new_websocket_and_catch_all_route(project: Project) -> None:
    result = project.codegen("new", "WS /rooms/{room}/{rest:path}")

    assert result.code == 0, result.stderr
    served = project.python(
        "-c",
        textwrap.dedent(
            """\
            from fastapi.testclient import TestClient
            from app import app
            with TestClient(app).websocket_connect("/rooms/blue/a/b") as websocket:
                print(websocket.receive_json())
            """
        ),
    )
    assert served.stdout.strip() == "{'room': 'blue', 'rest': 'a/b'}", served.stderr


def test_scaffolded_files_pass_the_projects_checks(project: Project) -> None:
    project.codegen("new", "POST /things")
    project.codegen("new", "WS /live/{channel}")

    check = project.python("-m", "ruff", "check", "routes")
    style = project.python("-m", "ruff", "format", "--check", "routes")

    assert check.code == style.code == 0, check.stdout + style.stdout


def test_an_existing_route_file_is_never_overwritten(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree({"routes/users/get.py": "def handler() -> None: ...\n"})

    result = cli(root, "new", "GET /users")

    assert result.code == 1
    assert result.stderr == (
        "python -m codegen new: routes/users/get.py exists; it was left as it is\n"
    )
    assert (root / "routes/users/get.py").read_text() == "def handler() -> None: ...\n"


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/users", "expected \"METHOD /path\", got '/users'"),
        (
            "FETCH /users",
            "unknown method 'FETCH'; use one of GET, HEAD, POST, PUT, "
            "PATCH, DELETE, OPTIONS, WS",
        ),
        ("GET /a/{rest:path}/b", "catch-all {rest:path} must be the last segment"),
        ("GET /a/{user-id}", "path parameter 'user-id' is not a Python identifier"),
        ("GET /a/x{id}", "cannot read the path segment 'x{id}'"),
    ],
)
def test_routes_that_cannot_be_scaffolded_are_explained(
    tree: Tree, cli: CommandLine, route: str, message: str
) -> None:
    root = tree({})

    result = cli(root, "new", route)

    assert result.code == 1
    assert result.stderr == f"python -m codegen new: {message}\n"
    assert list((root / "routes").iterdir()) == []
