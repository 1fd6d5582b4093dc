"""Stage 3: the route table's order, names, and cross-file mistakes."""

from __future__ import annotations

from pathlib import Path

from codegen.discover import discover
from codegen.parse import parse_route
from codegen.plan import Plan, plan
from tests.project import Tree

HANDLER = "def handler(**path: str) -> None: ...\n"


def plan_tree(root: Path) -> Plan:
    files = discover(root, root / "routes").files
    specs = []
    for file in files:
        result = parse_route(file, (root / file.path).read_bytes())
        assert result.spec is not None, result.diagnostics
        specs.append(result.spec)
    return plan(specs)


def routes(result: Plan) -> list[tuple[str, str, str]]:
    assert result.diagnostics == ()
    return [(route.method.label, route.url, route.name) for route in result.routes]


def diagnostics(result: Plan) -> list[tuple[str, str, str]]:
    return [(d.code.value, d.path, d.message) for d in result.diagnostics]


def test_static_beats_parameter_beats_catch_all_at_every_depth(tree: Tree) -> None:
    root = tree(
        {
            "routes/users/$user_id/get.py": HANDLER,
            "routes/users/me/get.py": HANDLER,
            "routes/users/$user_id/posts/get.py": HANDLER,
            "routes/users/get.py": HANDLER,
            "routes/$...rest/get.py": HANDLER,
            "routes/get.py": HANDLER,
            "routes/zebra/get.py": HANDLER,
        }
    )

    assert [url for _, url, _ in routes(plan_tree(root))] == [
        "/",
        "/users",
        "/users/me",
        "/users/{user_id}",
        "/users/{user_id}/posts",
        "/zebra",
        "/{rest:path}",
    ]


def test_methods_of_one_path_keep_a_fixed_order(tree: Tree) -> None:
    names = ["ws", "delete", "post", "get", "head", "options", "patch", "put"]
    root = tree({f"routes/x/{name}.py": HANDLER for name in names})

    assert [method for method, _, _ in routes(plan_tree(root))] == [
        "GET",
        "HEAD",
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
        "OPTIONS",
        "WS",
    ]


def test_names_are_readable_and_unique(tree: Tree) -> None:
    root = tree(
        {
            "routes/get.py": HANDLER,
            "routes/users/$user_id/get.py": HANDLER,
            "routes/a-b/get.py": HANDLER,
            "routes/a_b/get.py": HANDLER,
            "routes/2fa/post.py": HANDLER,
        }
    )

    names = {url: name for _, url, name in routes(plan_tree(root))}
    assert names["/"] == "root_get"
    assert names["/users/{user_id}"] == "users_user_id_get"
    assert names["/a_b"] == "a_b_get"
    assert names["/a-b"].startswith("a_b_get_")
    assert names["/2fa"] == "route_2fa_post"


def test_a_name_does_not_change_when_an_unrelated_route_appears(tree: Tree) -> None:
    before = routes(plan_tree(tree({"routes/a-b/get.py": HANDLER})))
    after = routes(
        plan_tree(tree({"routes/a-b/get.py": HANDLER, "routes/zzz/get.py": HANDLER}))
    )

    assert before[0] in after


def test_unknown_meta_key_suggests_the_closest_argument(tree: Tree) -> None:
    root = tree({"routes/get.py": "meta = {'sumary': 'x'}\n" + HANDLER})

    [(code, path, message)] = diagnostics(plan_tree(root))
    assert (code, path) == ("FR203", "routes/get.py")
    assert "'sumary'" in message
    assert plan_tree(root).diagnostics[0].hint == "did you mean 'summary'?"


def test_websocket_meta_is_checked_against_the_websocket_registration(
    tree: Tree,
) -> None:
    root = tree({"routes/ws.py": "meta = {'summary': 'x'}\n" + HANDLER})

    [(code, _, message)] = diagnostics(plan_tree(root))
    assert code == "FR203"
    assert "add_api_websocket_route" in message


def test_keys_the_location_decides_are_reserved(tree: Tree) -> None:
    root = tree(
        {"routes/get.py": "meta = {'path': '/x', 'methods': ['POST']}\n" + HANDLER}
    )

    assert [code for code, _, _ in diagnostics(plan_tree(root))] == ["FR204", "FR204"]


def test_the_same_route_twice_through_a_group_is_an_error(tree: Tree) -> None:
    root = tree(
        {"routes/(admin)/users/get.py": HANDLER, "routes/users/get.py": HANDLER}
    )

    [(code, path, message)] = diagnostics(plan_tree(root))
    assert code == "FR302"
    assert path == "routes/users/get.py"
    assert message == "GET /users is also defined by routes/(admin)/users/get.py"


def test_sibling_parameters_must_share_a_name(tree: Tree) -> None:
    root = tree(
        {"routes/users/$id/get.py": HANDLER, "routes/users/$user_id/put.py": HANDLER}
    )

    [(code, path, _)] = diagnostics(plan_tree(root))
    assert (code, path) == ("FR303", "routes/users/$user_id/put.py")


def test_parameter_names_must_be_identifiers(tree: Tree) -> None:
    root = tree(
        {"routes/a/$user-id/get.py": HANDLER, "routes/b/$class/get.py": HANDLER}
    )

    assert [code for code, _, _ in diagnostics(plan_tree(root))] == ["FR304", "FR304"]


def test_a_catch_all_must_be_the_last_folder(tree: Tree) -> None:
    root = tree({"routes/$...rest/more/get.py": HANDLER})

    assert [code for code, _, _ in diagnostics(plan_tree(root))] == ["FR305"]
