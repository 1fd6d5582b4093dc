"""Stage 2: reading a route file without running it."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.diagnostics import Code, Position
from codegen.discover import discover
from codegen.parse import ParseResult, RouteSpec, parse_route
from codegen.references import ImportedModule, ImportedName, ModuleGlobal
from tests.project import Tree


def parse_one(
    tree: Tree, source: str, path: str = "routes/things/get.py"
) -> ParseResult[RouteSpec]:
    root = tree({path: source})
    [file] = discover(root, root / "routes").files
    return parse_route(file, (root / file.path).read_bytes())


def spec_of(tree: Tree, source: str, path: str = "routes/things/get.py") -> RouteSpec:
    result = parse_one(tree, source, path)
    assert result.diagnostics == ()
    assert result.spec is not None
    return result.spec


def codes(result: ParseResult[RouteSpec]) -> list[tuple[str, int, int]]:
    return [
        (d.code.value, d.position.line, d.position.column) for d in result.diagnostics
    ]


def test_async_and_plain_handlers_and_their_parameters(tree: Tree) -> None:
    async_spec = spec_of(tree, "async def handler(user_id: int, q: str = 'x'): ...\n")
    plain_spec = spec_of(tree, "def handler(*, request: Request) -> None: ...\n")

    assert [
        (p.name, p.annotation, p.default) for p in async_spec.handler.parameters
    ] == [("user_id", "int", None), ("q", "str", "'x'")]
    assert [p.name for p in plain_spec.handler.parameters] == ["request"]


def test_literal_meta_values_are_kept_as_source(tree: Tree) -> None:
    spec = spec_of(
        tree,
        """\
        meta = {"summary": "Hi", "tags": ["a", "b"], "status_code": 201}
        def handler(): ...
        """,
    )

    assert [(entry.key, entry.value.parts) for entry in spec.meta] == [
        ("summary", ('"Hi"',)),
        ("tags", ('["a", "b"]',)),
        ("status_code", ("201",)),
    ]
    assert spec.meta[0].position == Position(1, 9)


def test_meta_names_resolve_to_where_the_module_got_them(tree: Tree) -> None:
    spec = spec_of(
        tree,
        """\
        import os.path
        import models as m
        from fastapi import Depends as D
        from ._auth import require_token

        LIMIT = 3

        meta = {
            "dependencies": [D(require_token)],
            "response_model": m.User,
            "openapi_extra": {"x": os.path.sep, "n": len([LIMIT])},
            "callbacks": [(lambda q: q)(i) for i in range(LIMIT)],
        }

        def handler(): ...
        """,
        path="routes/things/get.py",
    )
    values = {entry.key: entry.value.parts for entry in spec.meta}

    assert values["dependencies"] == (
        "[",
        ImportedName("fastapi", "Depends"),
        "(",
        ImportedName("routes.things._auth", "require_token"),
        ")]",
    )
    assert values["response_model"] == (ImportedModule("models"), ".User")
    assert values["openapi_extra"] == (
        '{"x": ',
        ImportedModule("os.path"),
        '.sep, "n": len([',
        ModuleGlobal("LIMIT"),
        "])}",
    )
    assert values["callbacks"] == (
        "[(lambda q: q)(i) for i in range(",
        ModuleGlobal("LIMIT"),
        ")]",
    )


def test_relative_imports_under_non_identifier_folders_go_through_the_module(
    tree: Tree,
) -> None:
    spec = spec_of(
        tree,
        """\
        from ._auth import require_token
        meta = {"dependencies": [require_token]}
        def handler(): ...
        """,
        path="routes/users/$user_id/get.py",
    )

    assert spec.meta[0].value.parts == ("[", ModuleGlobal("require_token"), "]")


def test_syntax_errors_are_located_where_cpython_locates_them(tree: Tree) -> None:
    result = parse_one(tree, "async def handler(:\n    pass\n")

    [diagnostic] = result.diagnostics
    assert diagnostic.code is Code.SYNTAX_ERROR
    assert diagnostic.position == Position(1, 19)
    assert result.spec is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1\n", [("FR101", 1, 1)]),
        ("class handler: ...\n", [("FR102", 1, 1)]),
        ("x = 1\nhandler = lambda: None\n", [("FR102", 2, 1)]),
        ("from elsewhere import handler\n", [("FR102", 1, 1)]),
        ("def handler(): ...\ndef handler(): ...\n", [("FR103", 2, 1)]),
        ("meta = dict(summary='x')\ndef handler(): ...\n", [("FR201", 1, 1)]),
        ("meta = {1: 'x'}\ndef handler(): ...\n", [("FR202", 1, 9)]),
        ("meta = {**base}\ndef handler(): ...\n", [("FR202", 1, 9)]),
        ("meta = {'a': 1, 'a': 2}\ndef handler(): ...\n", [("FR205", 1, 17)]),
        ("meta = {'tags': [nope]}\ndef handler(): ...\n", [("FR206", 1, 18)]),
        ("meta = {}\nmeta = {}\ndef handler(): ...\n", [("FR207", 2, 1)]),
    ],
)
def test_user_mistakes_become_located_diagnostics(
    tree: Tree, source: str, expected: list[tuple[str, int, int]]
) -> None:
    result = parse_one(tree, source)

    assert codes(result) == expected
    assert result.spec is None


def test_byte_order_mark_and_crlf_are_valid(tree: Tree) -> None:
    root = tree({})
    path = root / "routes" / "get.py"
    path.write_bytes(
        b"\xef\xbb\xbfmeta = {'summary': 'x'}\r\ndef handler():\r\n    ...\r\n"
    )
    [file] = discover(root, root / "routes").files

    result = parse_route(file, (root / file.path).read_bytes())

    assert result.diagnostics == ()
    assert result.spec is not None
    assert result.spec.meta[0].value.parts == ("'x'",)


def test_a_file_that_is_not_utf8_is_reported(tree: Tree) -> None:
    root = tree({})
    (root / "routes" / "get.py").write_bytes(b"# caf\xe9\ndef handler(): ...\n")
    [file] = discover(root, root / "routes").files

    result = parse_route(file, (root / file.path).read_bytes())

    assert codes(result) == [("FR001", 1, 1)]


def test_reading_never_executes_the_file(tree: Tree, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    spec_of(
        tree,
        f"""\
        import pathlib
        pathlib.Path({str(canary)!r}).write_text("ran")
        def handler(): ...
        """,
    )

    assert not canary.exists()
