"""Stage 1: which files are routes, and the URL each one answers."""

from __future__ import annotations

from pathlib import Path

from codegen.diagnostics import Code
from codegen.discover import Method, discover
from tests.project import Tree

HANDLER = "def handler(**path: str) -> None: ...\n"


def table(root: Path) -> list[tuple[str, str, str]]:
    found = discover(root, root / "routes")
    return [(file.method.label, file.url, str(file.path)) for file in found.files]


def test_every_method_file_and_ws_is_a_route(tree: Tree) -> None:
    names = ["get", "post", "put", "patch", "delete", "head", "options", "ws"]
    root = tree({f"routes/things/{name}.py": HANDLER for name in names})

    assert sorted(method for method, _, _ in table(root)) == sorted(
        method.label for method in Method
    )
    assert {url for _, url, _ in table(root)} == {"/things"}


def test_root_files_answer_slash(tree: Tree) -> None:
    root = tree({"routes/get.py": HANDLER})

    assert table(root) == [("GET", "/", "routes/get.py")]


def test_dollar_folders_are_path_parameters(tree: Tree) -> None:
    root = tree({"routes/users/$user_id/posts/$post_id/get.py": HANDLER})

    [(_, url, _)] = table(root)
    assert url == "/users/{user_id}/posts/{post_id}"


def test_folder_names_need_not_be_identifiers(tree: Tree) -> None:
    root = tree({"routes/api/demo/custom-header/get.py": HANDLER})

    found = discover(root, root / "routes")
    [file] = found.files
    assert file.url == "/api/demo/custom-header"
    assert file.module == "routes.api.demo.custom-header.get"


def test_catch_all_and_groups(tree: Tree) -> None:
    root = tree(
        {
            "routes/(marketing)/about/get.py": HANDLER,
            "routes/files/$...path/get.py": HANDLER,
        }
    )

    assert [url for _, url, _ in table(root)] == ["/about", "/files/{path:path}"]


def test_private_cache_and_dot_entries_are_never_routes(tree: Tree) -> None:
    root = tree(
        {
            "routes/users/get.py": HANDLER,
            "routes/users/_helpers.py": "X = 1\n",
            "routes/_shared/get.py": HANDLER,
            "routes/.hidden/get.py": HANDLER,
            "routes/users/__pycache__/get.py": HANDLER,
            "routes/users/__init__.py": "",
            "routes/README.md": "not python",
        }
    )

    found = discover(root, root / "routes")
    assert [str(file.path) for file in found.files] == ["routes/users/get.py"]
    assert found.diagnostics == ()


def test_a_misspelt_route_file_is_reported_with_a_suggestion(tree: Tree) -> None:
    root = tree({"routes/users/gett.py": HANDLER})

    found = discover(root, root / "routes")
    [diagnostic] = found.diagnostics
    assert found.files == ()
    assert diagnostic.code is Code.UNKNOWN_ROUTE_FILE
    assert diagnostic.path == "routes/users/gett.py"
    assert "`get.py`" in (diagnostic.hint or "")


def test_files_come_in_name_order_whatever_the_creation_order(tree: Tree) -> None:
    paths = ["routes/b/get.py", "routes/a/get.py", "routes/c/$x/get.py"]
    first = table(tree({path: HANDLER for path in paths}))
    second = table(tree({path: HANDLER for path in reversed(paths)}))

    assert first == second
    assert [path for _, _, path in first] == sorted(paths)
