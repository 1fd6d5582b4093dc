"""A corpus of broken and unusual route trees, through the command line.

Each broken tree is added to a project whose generated files are current;
`python -m codegen` (and `--check`) must print exactly the expected
diagnostics, exit 1 without a traceback, and leave every generated file
byte-identical. Unusual but valid trees must generate an app that serves
them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import CommandLine
from tests.project import Project, Tree
from tests.test_diagnostics import ERRORS, LEFT_UNCHANGED, OK

Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Broken:
    """Files to add (text, or bytes written as they are), and what must be said."""

    files: dict[str, str | bytes]
    expected: list[str]
    setup: Setup | None = field(default=None)


def link(name: str, target: str) -> Setup:
    """Create the symbolic link `name` (relative to the project) to `target`."""

    def create(root: Path) -> None:
        location = root / name
        location.parent.mkdir(parents=True, exist_ok=True)
        location.symlink_to(target.format(root=root))

    return create


def named_pipe(root: Path) -> None:
    (root / "routes" / "pipe").mkdir()
    os.mkfifo(root / "routes" / "pipe" / "get.py")


def file_instead_of_the_tree(root: Path) -> None:
    for path in sorted((root / "routes").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "routes").rmdir()
    (root / "routes").write_text("not a folder\n")


def unsafe(path: str, name: str, shown: str) -> str:
    return (
        f"{path}:1:1: FR307 folder `{name}` has {shown}, which a URL path cannot "
        "hold as written"
    )


BRACKETS = "has brackets, which are not how a path parameter is named"

CORPUS: dict[str, Broken] = {
    **{
        case: Broken(dict(files), expected)
        for case, (files, expected) in ERRORS.items()
    },
    "syntax error: unclosed bracket": Broken(
        {"routes/a/get.py": "meta = {'tags': ['a'\ndef handler(): ...\n"},
        ["routes/a/get.py:1:17: FR002 syntax error: '[' was never closed"],
    ),
    "syntax error: unterminated string": Broken(
        {"routes/a/get.py": "meta = {'summary': 'x}\ndef handler(): ...\n"},
        [
            "routes/a/get.py:1:20: FR002 syntax error: unterminated string "
            "literal (detected at line 1)"
        ],
    ),
    "syntax error: bad indentation": Broken(
        {"routes/a/get.py": "def handler():\nreturn 1\n"},
        [
            "routes/a/get.py:2:1: FR002 syntax error: expected an indented block "
            "after function definition on line 1"
        ],
    ),
    "syntax error: Python 2": Broken(
        {"routes/a/get.py": "def handler():\n    print 'hi'\n"},
        [
            "routes/a/get.py:2:5: FR002 syntax error: Missing parentheses in call "
            "to 'print'. Did you mean print(...)?"
        ],
    ),
    "not UTF-8": Broken(
        {"routes/a/get.py": b"# caf\xe9\n" + OK.encode()},
        [
            "routes/a/get.py:1:1: FR001 cannot read the file: it is not UTF-8 and "
            "declares no other encoding"
        ],
    ),
    "empty file": Broken(
        {"routes/a/get.py": ""},
        ["routes/a/get.py:1:1: FR101 no `handler` function in this route file"],
    ),
    "5 MB file": Broken(
        {"routes/a/get.py": OK + "# " + "x" * 5_000_000 + "\n"},
        [
            "routes/a/get.py:1:1: FR003 the file is 5.0 MB; route files are read "
            "up to 1 MB"
        ],
    ),
    "handler is a lambda": Broken(
        {"routes/a/get.py": "handler = lambda: None\n"},
        [
            "routes/a/get.py:1:1: FR102 `handler` must be a function defined in "
            "this file"
        ],
    ),
    "handler is imported": Broken(
        {"routes/a/get.py": "from routes._shared import handler\n"},
        [
            "routes/a/get.py:1:1: FR102 `handler` must be a function defined in "
            "this file"
        ],
    ),
    "meta is a list": Broken(
        {"routes/a/get.py": "meta = [('summary', 'x')]\n" + OK},
        ["routes/a/get.py:1:1: FR201 `meta` must be a dict literal: `meta = {...}`"],
    ),
    "meta with a non-string key": Broken(
        {"routes/a/get.py": "meta = {1: 'x'}\n" + OK},
        [
            "routes/a/get.py:1:9: FR202 `meta` keys must be string literals, "
            "without `**` unpacking"
        ],
    ),
    "folder name with a space": Broken(
        {"routes/my folder/get.py": OK},
        [unsafe("routes/my folder", "my folder", "' '")],
    ),
    "folder name with %": Broken(
        {"routes/a%20b/get.py": OK}, [unsafe("routes/a%20b", "a%20b", "'%'")]
    ),
    "folder name with ?": Broken(
        {"routes/what?/get.py": OK}, [unsafe("routes/what?", "what?", "'?'")]
    ),
    "folder name with #": Broken(
        {"routes/c#/get.py": OK}, [unsafe("routes/c#", "c#", "'#'")]
    ),
    "folder name with a tab and a newline": Broken(
        {"routes/a\tb\n/get.py": OK},
        [unsafe("routes/a\\tb\\n", "a\\tb\\n", "'\\t', '\\n'")],
    ),
    "folder named like a Starlette parameter": Broken(
        {"routes/users/{id}/get.py": OK},
        [f"routes/users/{{id}}:1:1: FR307 folder `{{id}}` {BRACKETS}"],
    ),
    "folder named like a Next.js parameter": Broken(
        {"routes/users/[id]/get.py": OK},
        [f"routes/users/[id]:1:1: FR307 folder `[id]` {BRACKETS}"],
    ),
    "non-ASCII parameter name": Broken(
        {"routes/$café/get.py": OK},
        [
            "routes/$café/get.py:1:1: FR304 folder `$café` names parameter 'café', "
            "which is not an ASCII Python identifier"
        ],
    ),
    "symlink loop": Broken(
        {"routes/a/get.py": OK},
        [
            "routes/a/loop:1:1: FR308 `loop` is a link to a folder, which is not followed"
        ],
        setup=link("routes/a/loop", ".."),
    ),
    "symlink to a folder outside routes/": Broken(
        {"elsewhere/get.py": OK},
        ["routes/ext:1:1: FR308 `ext` is a link to a folder, which is not followed"],
        setup=link("routes/ext", "{root}/elsewhere"),
    ),
    "symlink to a missing file": Broken(
        {},
        [
            "routes/gone/get.py:1:1: FR001 cannot read the file: it is a link to a "
            "file that does not exist"
        ],
        setup=link("routes/gone/get.py", "{root}/nowhere.py"),
    ),
    "a named pipe called get.py": Broken(
        {},
        [
            "routes/pipe/get.py:1:1: FR001 cannot read the file: it is not a regular file"
        ],
        setup=named_pipe,
    ),
    "the routes tree is a file": Broken(
        {},
        ["routes:1:1: FR401 the routes folder `routes` is not a folder"],
        setup=file_instead_of_the_tree,
    ),
    "a parameter twice in one path": Broken(
        {"routes/$id/items/$id/get.py": OK},
        [
            "routes/$id/items/$id/get.py:1:1: FR310 parameter 'id' appears twice "
            "in `/{id}/items/{id}`"
        ],
    ),
    "folders that differ only by case": Broken(
        {"routes/Users/get.py": OK, "routes/users/get.py": OK},
        ["routes/users:1:1: FR309 folder `users` differs from `Users` only by case"],
    ),
}


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Create each file below `root`: text as UTF-8, bytes as they are."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", CORPUS, ids=list(CORPUS))
def test_a_broken_tree_is_reported_and_the_generated_files_stay_as_they_were(
    case: str, tree: Tree, cli: CommandLine
) -> None:
    broken = CORPUS[case]
    root = tree({"routes/healthy/get.py": OK})
    assert cli(root).code == 0
    before = snapshot(root / "generated")
    write_files(root, broken.files)
    if broken.setup is not None:
        broken.setup(root)

    written = cli(root)
    checked = cli(root, "--check")

    lines = [line for line in written.stderr.splitlines() if "hint:" not in line]
    count = len(broken.expected)
    summary = f"Found {count} error{'s' if count > 1 else ''}; {LEFT_UNCHANGED}"
    assert lines == [*broken.expected, summary]
    assert written.code == checked.code == 1
    assert checked.stderr == written.stderr
    assert "Traceback" not in written.stderr
    assert snapshot(root / "generated") == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (
            "routes/secret/get.py",
            "routes/secret/get.py:1:1: FR001 cannot read the file: Permission denied",
        ),
        (
            "routes/secret",
            "routes/secret:1:1: FR001 cannot read the folder: Permission denied",
        ),
    ],
    ids=["file", "folder"],
)
def test_unreadable_files_and_folders_are_reported(
    relative: str, expected: str, tree: Tree, cli: CommandLine
) -> None:
    root = tree({"routes/secret/get.py": OK})
    (root / relative).chmod(0)
    try:
        result = cli(root)
    finally:
        (root / relative).chmod(0o755)

    assert result.code == 1
    assert result.stderr.splitlines()[0] == expected


def deep(levels: int) -> str:
    return "/".join(f"d{level}" for level in range(levels))


SUPPORTED: dict[str, tuple[dict[str, str | bytes], str]] = {
    "byte order mark": (
        {
            "routes/bom/get.py": b"\xef\xbb\xbf"
            + b"def handler() -> str:\n    return 'bom'\n"
        },
        "/bom",
    ),
    "CRLF line endings": (
        {"routes/crlf/get.py": b"def handler() -> str:\r\n    return 'crlf'\r\n"},
        "/crlf",
    ),
    "non-ASCII folder name": (
        {"routes/café/get.py": "def handler() -> str:\n    return 'café'\n"},
        "/caf%C3%A9",
    ),
    "200 nested folders": (
        {f"routes/{deep(200)}/get.py": "def handler() -> str:\n    return 'deep'\n"},
        "/" + deep(200),
    ),
    "a folder named like a keyword": (
        {"routes/class/get.py": "def handler() -> str:\n    return 'class'\n"},
        "/class",
    ),
    "a folder with a dot": (
        {"routes/v1.2/get.py": "def handler() -> str:\n    return 'v1.2'\n"},
        "/v1.2",
    ),
    "aliases that collide after sanitising": (
        {
            "routes/a-b/get.py": "def handler() -> str:\n    return 'a-b'\n",
            "routes/a_b/get.py": "def handler() -> str:\n    return 'a_b'\n",
        },
        "/a-b",
    ),
}


@pytest.mark.parametrize("case", SUPPORTED, ids=list(SUPPORTED))
def test_unusual_but_valid_trees_are_served(case: str, empty_project: Project) -> None:
    files, url = SUPPORTED[case]
    write_files(empty_project.root, files)

    generated = empty_project.codegen()
    served = empty_project.python(
        "-c",
        "from fastapi.testclient import TestClient\n"
        "from app import app\n"
        f"answer = TestClient(app).get({url!r})\n"
        "print(answer.status_code, answer.json())\n",
    )

    assert generated.code == 0, generated.stderr
    expected = next(iter(files.values()))
    body = expected.decode() if isinstance(expected, bytes) else expected
    assert served.stdout.split(" ", 1)[0] == "200", served.stderr
    assert served.stdout.split(" ", 1)[1].strip() in body


def test_an_empty_tree_generates_an_app_without_routes(empty_project: Project) -> None:
    generated = empty_project.codegen()
    served = empty_project.python(
        "-c",
        "from fastapi.testclient import TestClient\n"
        "from app import app\n"
        "print(TestClient(app).get('/anything').status_code)\n",
    )

    assert generated.code == 0, generated.stderr
    assert "updated (0 routes)" in generated.stderr
    assert served.stdout.strip() == "404", served.stderr


def test_url_builders_named_like_keywords_or_the_modules_helpers_work(
    empty_project: Project,
) -> None:
    handler = "def handler(**path: str) -> None: ...\n"
    empty_project.write("routes/class/get.py", handler)
    empty_project.write("routes/quote/get.py", handler)
    empty_project.write("routes/quote/$id/get.py", handler)

    generated = empty_project.codegen()
    built = empty_project.python(
        "-c",
        "from generated import urls\n"
        "print(urls.class_(), urls.quote(), urls.quote_id(id='a b'))",
    )

    assert generated.code == 0, generated.stderr
    assert built.stdout.split() == ["/class", "/quote", "/quote/a%20b"], built.stderr
