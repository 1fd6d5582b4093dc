"""The routes-tree conventions, through the command line and the served app."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import CommandLine
from tests.project import Project, Tree, clean_environment

OK = "def handler(**path: str) -> None: ...\n"


def test_list_shows_the_route_table_in_match_order(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            "routes/get.py": OK,
            "routes/users/$user_id/get.py": OK,
            "routes/users/me/get.py": OK,
            "routes/(admin)/stats/get.py": OK,
            "routes/files/$...path/get.py": OK,
            "routes/chats/$chat_id/ws.py": OK,
            "routes/api/custom-header/get.py": OK,
            "routes/users/_store.py": "USERS = {}\n",
            "routes/_shared/get.py": OK,
            "routes/users/__init__.py": "",
        }
    )

    result = cli(root, "--list")

    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "METHOD  PATH                FILE                             NAME                   DEPENDENCIES",
        "GET     /                   routes/get.py                    root_get",
        "GET     /api/custom-header  routes/api/custom-header/get.py  api_custom_header_get",
        "WS      /chats/{chat_id}    routes/chats/$chat_id/ws.py      chats_chat_id_ws",
        "GET     /files/{path:path}  routes/files/$...path/get.py     files_path_get",
        "GET     /stats              routes/(admin)/stats/get.py      stats_get",
        "GET     /users/me           routes/users/me/get.py           users_me_get",
        "GET     /users/{user_id}    routes/users/$user_id/get.py     users_user_id_get",
    ]
    assert not (root / "generated").exists()


def test_list_json_is_the_same_table_for_tools(tree: Tree, cli: CommandLine) -> None:
    root = tree({"routes/get.py": OK, "routes/chats/$chat_id/ws.py": OK})

    result = cli(root, "--list", "--json")

    assert json.loads(result.stdout) == [
        {
            "method": "GET",
            "path": "/",
            "file": "routes/get.py",
            "name": "root_get",
            "dependencies": [],
        },
        {
            "method": "WS",
            "path": "/chats/{chat_id}",
            "file": "routes/chats/$chat_id/ws.py",
            "name": "chats_chat_id_ws",
            "dependencies": [],
        },
    ]


def test_list_shows_the_dependencies_written_in_settings_meta_and_parameters(
    tree: Tree, cli: CommandLine
) -> None:
    imports = (
        "from typing import Annotated\n"
        "import fastapi\n"
        "from fastapi import Depends, Security\n"
        "from deps import Pager, audit, current_user, limit, scoped_user, tenant\n"
        "from deps import CurrentUser\n"
    )
    root = tree(
        {
            "deps.py": "",
            "routes/__init__.py": imports + "dependencies = [Depends(tenant)]\n",
            "routes/admin/__init__.py": imports
            + "dependencies = [fastapi.Depends(dependency=audit)]\n",
            "routes/admin/get.py": imports
            + 'meta = {"dependencies": [Depends(limit), Depends(tenant)]}\n'
            "def handler(\n"
            "    user: Annotated[object, Depends(current_user)],\n"
            "    scoped: object = Security(scoped_user, scopes=['me']),\n"
            "    page: Annotated[Pager, Depends()] = None,\n"
            "    alias: CurrentUser = None,\n"
            ") -> None: ...\n",
            "routes/get.py": OK,
        }
    )

    result = cli(root, "--list", "--json")

    assert result.code == 0, result.stderr
    assert [route["dependencies"] for route in json.loads(result.stdout)] == [
        ["tenant"],
        ["tenant", "audit", "limit", "current_user", "scoped_user", "Pager"],
    ]
    table = cli(root, "--list").stdout.splitlines()
    assert table[2].endswith(
        "  tenant, audit, limit, current_user, scoped_user, Pager"
    ), table


def test_list_reports_errors_instead_of_a_table(tree: Tree, cli: CommandLine) -> None:
    root = tree({"routes/get.py": "x = 1\n"})

    result = cli(root, "--list")

    assert result.code == 1
    assert result.stdout == ""
    assert "FR101" in result.stderr


def test_folder_settings_accumulate_root_first_then_the_routes_own(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            "routes/__init__.py": """\
                from fastapi import Depends
                from routes._auth import audit
                dependencies = [Depends(audit)]
                responses = {500: {"description": "Oops"}, 401: {"description": "A"}}
                """,
            "routes/admin/__init__.py": """\
                from fastapi import Depends
                from routes._auth import require_admin
                COMMON = ["admin"]
                dependencies = [Depends(require_admin)]
                tags = COMMON
                responses = {401: {"description": "B"}, 403: {"description": "C"}}
                """,
            "routes/admin/users/get.py": """\
                meta = {"tags": ["users"], "responses": {404: {"description": "D"}}}
                def handler() -> None: ...
                """,
            "routes/admin/live/ws.py": OK,
        }
    )

    assert cli(root).code == 0
    text = (root / "generated" / "router.py").read_text()

    assert (
        "        dependencies=[Depends(audit), Depends(require_admin)],\n"
        "        responses={\n"
        '            500: {"description": "Oops"},\n'
        '            401: {"description": "B"},\n'
        '            403: {"description": "C"},\n'
        '            404: {"description": "D"},\n'
        "        },\n"
        '        tags=[*admin_folder.COMMON, "users"],\n'
    ) in text
    assert "import routes.admin as admin_folder\n" in text
    start = text.index("router.add_api_websocket_route(")
    websocket = text[start : text.index("\n    )\n", start)]
    assert "dependencies=[Depends(audit), Depends(require_admin)]" in websocket
    assert "tags=" not in websocket


def test_folder_settings_take_effect_in_the_served_app(empty_project: Project) -> None:
    empty_project.write("routes/(admin)/_roles.py", 'ADMIN = "admin"\n')
    empty_project.write(
        "routes/(admin)/__init__.py",
        """\
        from typing import Annotated
        from fastapi import Depends, Header, HTTPException

        from ._roles import ADMIN


        def require_admin(x_role: Annotated[str, Header()] = "") -> None:
            if x_role != ADMIN:
                raise HTTPException(403, "admins only")


        dependencies = [Depends(require_admin)]
        TAGS = [ADMIN]
        tags = TAGS
        """,
    )
    empty_project.write(
        "routes/(admin)/reports/get.py",
        """\
        meta = {"summary": "Reports"}


        def handler() -> list[str]:
            return ["q1"]
        """,
    )
    empty_project.write(
        "routes/public/$name/get.py",
        "from .._greeting import HELLO\n\n\n"
        "def handler(name: str) -> str:\n    return f'{HELLO} {name}'\n",
    )
    empty_project.write("routes/public/_greeting.py", "HELLO = 'hi'\n")
    assert empty_project.codegen().code == 0

    served = empty_project.python(
        "-c",
        textwrap.dedent(
            """\
            from fastapi.testclient import TestClient
            from app import app
            client = TestClient(app)
            print(client.get("/reports").status_code)
            print(client.get("/reports", headers={"X-Role": "admin"}).json())
            print(client.get("/public/ada").json())
            print(app.openapi()["paths"]["/reports"]["get"]["tags"])
            """
        ),
    )

    assert served.stdout.splitlines() == ["403", "['q1']", "hi ada", "['admin']"], (
        served.stderr
    )


def test_relative_imports_in_folder_settings_resolve_from_the_package(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            "routes/admin/__init__.py": """\
                from fastapi import Depends
                from ._auth import require_admin
                from .. import _shared
                dependencies = [Depends(require_admin), Depends(_shared.audit)]
                """,
            "routes/admin/get.py": OK,
        }
    )

    assert cli(root).code == 0
    text = (root / "generated" / "router.py").read_text()

    assert "from routes.admin._auth import require_admin\n" in text
    assert "from routes import _shared\n" in text
    assert "dependencies=[Depends(require_admin), Depends(_shared.audit)]" in text


def test_list_into_a_closed_pipe_is_quiet(project: Project) -> None:
    listing = subprocess.Popen(
        [sys.executable, "-m", "codegen", "--list"],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environment(),
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # like `| head -0`
    errors = listing.stderr.read()
    listing.stderr.close()

    assert listing.wait(timeout=60) == 1
    assert b"Traceback" not in errors
