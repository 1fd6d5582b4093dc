"""What real apps need expressed exactly: trailing slashes, their own route
names, FastAPI's default operationIds and an app's own operationId function.

Each is proven against a stock FastAPI app written with decorators: the
served OpenAPI documents and `url_path_for` must agree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CommandLine
from tests.project import Tree, clean_environment

STOCK = """\
from fastapi import FastAPI
from pydantic import BaseModel


class Item(BaseModel):
    name: str


app = FastAPI()


@app.post("/items/", status_code=201)
async def create_item(item: Item) -> Item:
    return item


@app.get("/items/{item_id}")
def read_item(item_id: int) -> dict[str, int]:
    return {"item_id": item_id}


@app.get("/users/me", name="read_item")
def read_me() -> dict[str, str]:
    return {"user": "me"}
"""

OURS = """\
from fastapi import FastAPI

from generated.router import add_routes

app = FastAPI()
add_routes(app.router)
"""

ROUTES = {
    "routes/_models.py": "from pydantic import BaseModel\n\n\n"
    "class Item(BaseModel):\n    name: str\n",
    "routes/items/post.py": """\
        from routes._models import Item

        trailing_slash = True
        meta = {"name": "create_item", "status_code": 201}


        async def handler(item: Item) -> Item:
            return item
        """,
    "routes/items/$item_id/get.py": """\
        meta = {"name": "read_item"}


        def handler(item_id: int) -> dict[str, int]:
            return {"item_id": item_id}
        """,
    "routes/users/me/get.py": """\
        meta = {"name": "read_item"}


        def handler() -> dict[str, str]:
            return {"user": "me"}
        """,
}

FASTAPI_IDS = '[tool.codegen]\noperation_ids = "fastapi"\n'


def served(root: Path, module: str, code: str) -> object:
    """Evaluate `code` (JSON-able) against `module.app` in a fresh interpreter."""
    script = (
        f"import json\nfrom {module} import app\nprint(json.dumps({code}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        # FastAPI names an operation of several methods by its set's order.
        env={**clean_environment(), "PYTHONPATH": str(root), "PYTHONHASHSEED": "0"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_names_trailing_slashes_and_fastapi_operation_ids_match_a_stock_app(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {**ROUTES, "stock.py": STOCK, "ours.py": OURS, "pyproject.toml": FASTAPI_IDS}
    )

    assert cli(root).code == 0

    assert served(root, "ours", "app.openapi()") == served(
        root, "stock", "app.openapi()"
    )
    urls = "[app.url_path_for('create_item'), app.url_path_for('read_item', item_id=3)]"
    assert served(root, "ours", urls) == ["/items/", "/items/3"]
    assert served(root, "ours", urls) == served(root, "stock", urls)
    listing = json.loads(cli(root, "--list", "--json").stdout)
    assert [(row["path"], row["name"]) for row in listing] == [
        ("/items/", "create_item"),
        ("/items/{item_id}", "read_item"),
        ("/users/me", "read_item"),
    ]
    router = (root / "generated" / "router.py").read_text()
    assert "generate_unique_id_function" not in router
    # Module aliases come from the files, so shared names cannot clash.
    assert "items_item_id_get.handler" in router
    assert "users_me_get.handler" in router


def test_a_trailing_slash_is_served_built_and_redirected_to(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            "routes/users/__init__.py": "trailing_slash = True\n",
            "routes/users/get.py": "def handler() -> str:\n    return 'all'\n",
            "routes/users/$user_id/get.py": "trailing_slash = False\n\n\n"
            "def handler(user_id: int) -> int:\n    return user_id\n",
            "ours.py": OURS,
        }
    )
    assert cli(root).code == 0

    check = """[
        (lambda c: [
            c.get('/users/').json(),
            c.get('/users', follow_redirects=False).status_code,
            c.get('/users/7').json(),
        ])(__import__('fastapi.testclient').testclient.TestClient(app)),
        __import__('generated.urls').urls.users(),
        __import__('generated.urls').urls.users_user_id(user_id=7),
    ]"""
    assert served(root, "ours", check) == [["all", 307, 7], "/users/", "/users/7"]
    table = cli(root, "--list").stdout
    assert "/users/  " in table
    assert "/users/{user_id}  " in table


def test_the_apps_own_operation_id_function_wins_over_route_names(
    tree: Tree, cli: CommandLine
) -> None:
    app = OURS.replace(
        "app = FastAPI()",
        "app = FastAPI(generate_unique_id_function=lambda route: "
        "f'{route.tags[0]}-{route.name}')",
    )
    root = tree(
        {
            "routes/items/get.py": "meta = {'tags': ['items']}\n\n\n"
            "def handler() -> None: ...\n",
            "ours.py": app,
            "default.py": OURS,
        }
    )
    assert cli(root).code == 0

    ids = "app.openapi()['paths']['/items']['get']['operationId']"
    assert served(root, "ours", ids) == "items-items_get"
    assert served(root, "default", ids) == "items_get"


def test_settings_that_decide_the_table_must_be_literals(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            "routes/items/get.py": "NAME = 'x'\nmeta = {'name': NAME}\n\n\n"
            "def handler() -> None: ...\n",
            "routes/users/__init__.py": "trailing_slash = 'yes'\n",
            "routes/users/get.py": "def handler() -> None: ...\n",
        }
    )

    result = cli(root)

    assert result.code == 1
    assert [line for line in result.stderr.splitlines() if "FR" in line] == [
        "routes/items/get.py:2:9: FR209 `name` must be a str literal, "
        'e.g. `"read_item"`',
        "routes/users/__init__.py:1:1: FR209 `trailing_slash` must be a bool "
        "literal, e.g. `True`",
    ]
    assert not (root / "generated").exists()


def test_an_unknown_operation_ids_choice_is_a_config_error(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree({"pyproject.toml": '[tool.codegen]\noperation_ids = "fast"\n'})

    result = cli(root)

    assert result.code == 1
    assert "FR402 [tool.codegen] operation_ids must be 'names' or 'fastapi'" in (
        result.stderr
    )


def test_one_file_answers_several_methods_like_api_route(
    tree: Tree, cli: CommandLine
) -> None:
    stock = (
        "from fastapi import FastAPI, Request\n\napp = FastAPI()\n\n\n"
        "@app.api_route('/echo', methods=['POST', 'GET'])\n"
        "async def echo(request: Request) -> str:\n    return request.method\n"
    )
    root = tree(
        {
            "routes/echo/post_get.py": "from fastapi import Request\n\n"
            "meta = {'name': 'echo'}\n\n\n"
            "async def echo(request: Request) -> str:\n    return request.method\n\n\n"
            "handler = echo\n",
            "stock.py": stock,
            "ours.py": OURS,
            "pyproject.toml": FASTAPI_IDS,
        }
    )
    assert cli(root).code == 0

    assert served(root, "ours", "app.openapi()") == served(
        root, "stock", "app.openapi()"
    )
    check = (
        "(lambda c: [c.get('/echo').json(), c.post('/echo').json(), "
        "c.put('/echo').status_code])"
        "(__import__('fastapi.testclient').testclient.TestClient(app))"
    )
    assert served(root, "ours", check) == ["GET", "POST", 405]
    assert "POST,GET  /echo" in cli(root, "--list").stdout
    router = (root / "generated" / "router.py").read_text()
    assert 'methods=["POST", "GET"]' in router


def test_a_method_in_two_files_is_a_duplicate(tree: Tree, cli: CommandLine) -> None:
    root = tree(
        {
            "routes/echo/get_post.py": "def handler() -> None: ...\n",
            "routes/echo/post.py": "def handler() -> None: ...\n",
            "routes/echo/get_get.py": "def handler() -> None: ...\n",
        }
    )

    result = cli(root)

    assert result.code == 1
    assert "routes/echo/get_get.py:1:1: FR301" in result.stderr
    assert (
        "routes/echo/post.py:1:1: FR302 POST /echo is also defined by "
        "routes/echo/get_post.py" in result.stderr
    )


def test_handler_may_name_a_function_defined_before_it(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            "routes/items/get.py": "def read_items() -> str:\n"
            "    return read_items.__name__\n\n\nhandler = read_items\n",
            "routes/late/get.py": "handler = later\n\n\ndef later() -> None: ...\n",
            "ours.py": OURS,
        }
    )

    result = cli(root)

    assert result.code == 1
    assert "routes/late/get.py:1:1: FR102" in result.stderr
    (root / "routes" / "late" / "get.py").unlink()
    assert cli(root).code == 0
    check = "__import__('fastapi.testclient').testclient.TestClient(app).get('/items').json()"
    assert served(root, "ours", check) == "read_items"
