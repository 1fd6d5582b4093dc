"""Every diagnostic code, through the command line: text, exit code, no output.

Each case is a small routes tree and the exact lines `python -m codegen`
prints for it (hints left out; they are asserted where they matter).
"""

from __future__ import annotations

import pytest

from tests.conftest import CommandLine
from tests.project import Tree

OK = "def handler(**path: str) -> None: ...\n"
LEFT_UNCHANGED = (
    "generated/router.py, generated/urls.py, generated/route_index.py and"
    " generated/on_demand.py were left unchanged."
)

ERRORS: dict[str, tuple[dict[str, str], list[str]]] = {
    "FR002 syntax error": (
        {"routes/get.py": "async def handler(:\n    pass\n"},
        ["routes/get.py:1:19: FR002 syntax error: invalid syntax"],
    ),
    "FR101 missing handler": (
        {"routes/get.py": "x = 1\n"},
        ["routes/get.py:1:1: FR101 no `handler` function in this route file"],
    ),
    "FR102 handler is a class": (
        {"routes/get.py": "class handler: ...\n"},
        ["routes/get.py:1:1: FR102 `handler` must be a function defined in this file"],
    ),
    "FR103 handler twice": (
        {"routes/get.py": OK + OK},
        [
            "routes/get.py:2:1: FR103 `handler` is defined more than once "
            "at the top level"
        ],
    ),
    "FR201 meta not a dict literal": (
        {"routes/get.py": "meta = dict(summary='x')\n" + OK},
        ["routes/get.py:1:1: FR201 `meta` must be a dict literal: `meta = {...}`"],
    ),
    "FR202 meta spread": (
        {"routes/get.py": "BASE = {}\nmeta = {**BASE}\n" + OK},
        [
            "routes/get.py:2:9: FR202 `meta` keys must be string literals, "
            "without `**` unpacking"
        ],
    ),
    "FR203 unknown meta key": (
        {"routes/get.py": "meta = {'sumary': 'x'}\n" + OK},
        [
            "routes/get.py:1:9: FR203 `meta` key 'sumary' is not an argument of "
            "`APIRouter.add_api_route`"
        ],
    ),
    "FR204 reserved meta key": (
        {"routes/get.py": "meta = {'methods': ['POST']}\n" + OK},
        [
            "routes/get.py:1:9: FR204 `meta` cannot set 'methods': the generator "
            "derives it from the file's location"
        ],
    ),
    "FR205 meta key twice": (
        {"routes/get.py": "meta = {'tags': ['a'], 'tags': ['b']}\n" + OK},
        ["routes/get.py:1:24: FR205 `meta` key 'tags' is given more than once"],
    ),
    "FR206 undefined name in meta": (
        {"routes/get.py": "meta = {'dependencies': [Depends(auth)]}\n" + OK},
        [
            "routes/get.py:1:26: FR206 `Depends` is not defined in this module",
            "routes/get.py:1:34: FR206 `auth` is not defined in this module",
        ],
    ),
    "FR207 meta twice": (
        {"routes/get.py": "meta = {}\nmeta = {}\n" + OK},
        ["routes/get.py:2:1: FR207 `meta` is defined more than once at the top level"],
    ),
    "FR207 folder setting twice": (
        {
            "routes/admin/__init__.py": "tags = ['a']\ntags = ['b']\n",
            "routes/admin/get.py": OK,
        },
        [
            "routes/admin/__init__.py:2:1: FR207 folder setting `tags` is "
            "assigned more than once"
        ],
    ),
    "FR208 misspelt folder setting": (
        {"routes/admin/__init__.py": "tag = ['admin']\n", "routes/admin/get.py": OK},
        ["routes/admin/__init__.py:1:1: FR208 `tag` is not a folder setting"],
    ),
    "FR208 route option in a folder": (
        {"routes/admin/__init__.py": "summary = 'x'\n", "routes/admin/get.py": OK},
        ["routes/admin/__init__.py:1:1: FR208 `summary` is not a folder setting"],
    ),
    "FR301 misspelt route file": (
        {"routes/users/gett.py": OK},
        ["routes/users/gett.py:1:1: FR301 `gett.py` is not a route file name"],
    ),
    "FR302 duplicate route through a group": (
        {"routes/(admin)/users/get.py": OK, "routes/users/get.py": OK},
        [
            "routes/users/get.py:1:1: FR302 GET /users is also defined by "
            "routes/(admin)/users/get.py"
        ],
    ),
    "FR303 sibling parameters": (
        {"routes/users/$id/get.py": OK, "routes/users/$user_id/put.py": OK},
        [
            "routes/users/$user_id/put.py:1:1: FR303 parameter folder `$user_id` "
            "has a sibling `$id` (used by routes/users/$id/get.py)"
        ],
    ),
    "FR304 parameter not an identifier": (
        {"routes/users/$user-id/get.py": OK},
        [
            "routes/users/$user-id/get.py:1:1: FR304 folder `$user-id` names "
            "parameter 'user-id', which is not an ASCII Python identifier"
        ],
    ),
    "FR304 parameter is a keyword": (
        {"routes/$class/get.py": OK},
        [
            "routes/$class/get.py:1:1: FR304 folder `$class` names parameter "
            "'class', which is not an ASCII Python identifier"
        ],
    ),
    "FR305 catch-all not last": (
        {"routes/$...rest/more/get.py": OK},
        [
            "routes/$...rest/more/get.py:1:1: FR305 catch-all folder `$...rest` "
            "must be the last folder of a route"
        ],
    ),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_each_error_is_reported_and_nothing_is_written(
    case: str, tree: Tree, cli: CommandLine
) -> None:
    files, expected = ERRORS[case]
    root = tree(files)

    result = cli(root, "--check")
    written = cli(root)

    lines = [line for line in result.stderr.splitlines() if "hint:" not in line]
    count = f"{len(expected)} error{'s' if len(expected) > 1 else ''}"
    assert lines == [*expected, f"Found {count}; {LEFT_UNCHANGED}"]
    assert result.code == written.code == 1
    assert written.stderr == result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "generated").exists()


def test_a_file_that_is_not_utf8(tree: Tree, cli: CommandLine) -> None:
    root = tree({})
    (root / "routes" / "get.py").write_bytes(b"# caf\xe9\n" + OK.encode())

    result = cli(root)

    assert result.code == 1
    assert result.stderr.startswith(
        "routes/get.py:1:1: FR001 cannot read the file: it is not UTF-8 and "
        "declares no other encoding"
    )


def test_hints_say_how_to_fix(tree: Tree, cli: CommandLine) -> None:
    root = tree(
        {
            "routes/get.py": "meta = {'sumary': 'x'}\n" + OK,
            "routes/users/gett.py": OK,
            "routes/admin/__init__.py": "dependancies = []\n",
        }
    )

    hints = [
        line.strip()
        for line in cli(root).stderr.splitlines()
        if line.startswith("    hint: ")
    ]

    assert hints == [
        "hint: did you mean `dependencies`? a folder's __init__.py can set "
        "`dependencies`, `tags`, `responses`, `trailing_slash`; name a helper "
        "`_dependancies`",
        "hint: did you mean 'summary'?",
        "hint: rename it to `get.py` (get, post, put, patch, delete, head, options, "
        "ws), or to `_gett.py` if it is a helper module",
    ]


def test_a_handler_missing_a_path_parameter_is_a_warning(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {"routes/orders/$order_id/get.py": "def handler(id: int) -> None: ...\n"}
    )

    result = cli(root)

    assert result.code == 0
    assert result.stderr.splitlines() == [
        "routes/orders/$order_id/get.py:1:1: FR306 `handler` takes no parameter "
        "`order_id` for the path parameter from `$order_id`",
        "    hint: add `order_id: str` (or another type) to `handler`; a "
        "differently named parameter becomes a query parameter",
        "Found 1 warning.",
        "generated/router.py updated (1 route).",
        "generated/urls.py updated (1 route).",
        "generated/route_index.py updated (1 route).",
        "generated/on_demand.py updated (1 route).",
    ]
    assert (root / "generated" / "router.py").exists()


@pytest.mark.parametrize(
    "handler",
    [
        "def handler(order_id: int) -> None: ...\n",
        "from fastapi import Request\ndef handler(request: Request) -> None: ...\n",
        "from fastapi import Depends\n"
        "def order(order_id: int) -> int: return order_id\n"
        "def handler(o: int = Depends(order)) -> None: ...\n",
        "def handler(**path: str) -> None: ...\n",
    ],
    ids=["by-name", "request", "dependency", "kwargs"],
)
def test_handlers_that_can_read_the_path_parameter_are_not_warned(
    handler: str, tree: Tree, cli: CommandLine
) -> None:
    root = tree({"routes/orders/$order_id/get.py": handler})

    result = cli(root)

    assert result.stderr == (
        "generated/router.py updated (1 route).\n"
        "generated/urls.py updated (1 route).\n"
        "generated/route_index.py updated (1 route).\n"
        "generated/on_demand.py updated (1 route).\n"
    )


def test_every_problem_of_every_kind_is_reported_in_one_run_sorted(
    tree: Tree, cli: CommandLine
) -> None:
    root = tree(
        {
            path.replace("routes/", f"routes/case{index}/", 1): source
            for index, (files, _) in enumerate(ERRORS.values())
            for path, source in files.items()
        }
    )

    result = cli(root)
    located = [line.split(" ")[:2] for line in result.stderr.splitlines()[:-1]]
    located = [place_and_code for place_and_code in located if place_and_code[0] != ""]
    places = [place.rstrip(":").split(":") for place, _ in located]

    assert result.code == 1
    assert {code for _, code in located} == {case.split()[0] for case in ERRORS}
    assert places == sorted(places, key=lambda p: (p[0], int(p[1]), int(p[2])))
