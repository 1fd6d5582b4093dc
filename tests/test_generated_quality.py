"""The generated router passes the checks hand-written code must pass."""

from __future__ import annotations

import re

import pytest

from tests.conftest import CommandLine
from tests.project import Project, Tree

# Both kinds of import, meta values of every kind of origin, and a name clash.
TREE = {
    "routes/_models_a.py": """\
        from pydantic import BaseModel


        class User(BaseModel):
            name: str
        """,
    "routes/_models_b.py": """\
        from pydantic import BaseModel


        class User(BaseModel):
            id: int
        """,
    "routes/accounts/get.py": """\
        from fastapi import Depends, status

        from routes._models_a import User


        def audit() -> None:
            return None


        meta = {
            "response_model": User,
            "dependencies": [Depends(audit)],
            "status_code": status.HTTP_200_OK,
        }


        def handler() -> User:
            return User(name="a")
        """,
    "routes/accounts/$account_id/get.py": """\
        from routes._models_b import User

        EXTRA = {404: {"description": "missing"}}

        meta = {
            "response_model": User,
            "responses": EXTRA,
            "tags": ["accounts"],
            "description": '''One account.

            Multi-line text keeps its exact indentation.''',
        }


        def handler(account_id: int) -> User:
            return User(id=account_id)
        """,
    "routes/accounts/$account_id/ws.py": """\
        from fastapi import WebSocket


        async def handler(websocket: WebSocket, account_id: int) -> None:
            await websocket.accept()
            await websocket.send_json({"account_id": account_id})
            await websocket.close()
        """,
    "routes/rooms/$room/ws.py": """\
        from fastapi import Depends, WebSocket, WebSocketException, status


        def require_key(websocket: WebSocket) -> None:
            if websocket.query_params.get("key") != "k":
                raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)


        meta = {"dependencies": [Depends(require_key)]}


        async def handler(websocket: WebSocket) -> None:
            await websocket.accept()
            await websocket.send_json({"room": websocket.scope["path_params"]["room"]})
            await websocket.close()
        """,
}


@pytest.fixture
def generated(empty_project: Project) -> Project:
    for path, source in TREE.items():
        empty_project.write(path, source)
    result = empty_project.codegen()
    assert result.code == 0, result.stderr
    return empty_project


def test_ruff_finds_nothing_to_fix_or_reformat(generated: Project) -> None:
    check = generated.python("-m", "ruff", "check", "generated/router.py")
    style = generated.python("-m", "ruff", "format", "--check", "generated/router.py")

    assert check.code == 0, check.stdout
    assert style.code == 0, style.stdout


def test_mypy_strict_accepts_it(generated: Project) -> None:
    result = generated.python(
        "-m", "mypy", "--strict", "--no-incremental", "generated/router.py"
    )

    assert result.code == 0, result.stdout


def test_it_serves_what_it_declares(generated: Project) -> None:
    result = generated.python(
        "-c",
        "from fastapi.testclient import TestClient\n"
        "from app import app\n"
        "client = TestClient(app)\n"
        "print(client.get('/accounts').json(), client.get('/accounts/3').json())\n"
        "operation = app.openapi()['paths']['/accounts/{account_id}']['get']\n"
        "print(repr(operation['description']))\n"
        "with client.websocket_connect('/accounts/5') as ws:\n"
        "    print(ws.receive_json())\n"
        "with client.websocket_connect('/rooms/blue?key=k') as ws:\n"
        "    print(ws.receive_json())\n"
        "try:\n"
        "    client.websocket_connect('/rooms/blue').__enter__()\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error.code)\n",
    )

    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "{'name': 'a'} {'id': 3}",
        repr("One account.\n\n    Multi-line text keeps its exact indentation."),
        "{'account_id': 5}",
        "{'room': 'blue'}",
        "WebSocketDisconnect 1008",
    ]


@pytest.mark.parametrize(
    ("files", "helpers"),
    [
        ({"routes/get.py": "def handler() -> None: ..."}, []),
        (
            {"routes/$item_id/get.py": "def handler(item_id: int) -> None: ..."},
            ["_segment"],
        ),
        (
            {"routes/$...path/get.py": "def handler(path: str) -> None: ..."},
            ["_rest"],
        ),
    ],
    ids=["static paths", "a parameter", "a catch-all"],
)
def test_the_url_module_holds_only_the_helpers_its_builders_call(
    tree: Tree, cli: CommandLine, files: dict[str, str], helpers: list[str]
) -> None:
    root = tree(files)

    assert cli(root).code == 0

    urls = (root / "generated" / "urls.py").read_text()
    assert re.findall(r"^def (_\w+)", urls, flags=re.MULTILINE) == helpers
    assert ("import quote as _quote" in urls) == bool(helpers)
    for helper in helpers:
        assert f"{{{helper}(" in urls  # called by a builder's f-string


def test_the_projects_own_formatting_settings_are_followed(
    empty_project: Project,
) -> None:
    """The generated files are formatted in pieces; with tabs, two-space
    indents, single quotes and short lines they still read as ruff formats
    the whole file."""
    pyproject = empty_project.root / "pyproject.toml"
    settings = pyproject.read_text().replace(
        "line-length = 88\n", "line-length = 60\nindent-width = 2\n", 1
    )
    settings += '\n[tool.ruff.format]\nquote-style = "single"\nindent-style = "tab"\n'
    pyproject.write_text(settings)
    for path, source in TREE.items():
        empty_project.write(path, source)

    assert empty_project.codegen().code == 0
    style = empty_project.python("-m", "ruff", "format", "--check", "generated")
    imports = empty_project.python("-m", "ruff", "check", "--select", "I", "generated")

    assert style.code == 0, style.stdout
    assert imports.code == 0, imports.stdout
    assert "\t" in empty_project.router.read_text()
