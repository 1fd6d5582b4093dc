"""Fuzzing the generator with random route trees, valid and broken.

Hypothesis builds a tree, writes it to disk and runs `python -m codegen`
in-process. A valid tree must generate (exit 0) a router that compiles,
imports and registers exactly the routes an independent oracle derives from
the tree, in match order, and regenerating must give the same bytes. A tree
with one known defect must exit 1 with that defect's code, no traceback, and
the generated files untouched.

150 examples in the test suite, 1,000 in `nox -s depth` (which CI runs),
20,000 in `nox -s fuzz` (CODEGEN_FUZZ_EXAMPLES sets the number).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute, APIWebSocketRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.cli import main
from tests.project import REPOSITORY

EXAMPLES = int(os.environ.get("CODEGEN_FUZZ_EXAMPLES", "150"))
METHODS = ["get", "head", "post", "put", "patch", "delete", "options", "ws"]
STATIC_NAMES = [
    "a",
    "b",
    "users",
    "v1",
    "x-y",
    "x.y",
    "café",
    "Items",
    "with.dot",
    "class",
]
PARAMETER_NAMES = ["id", "user_id", "slug"]
GROUP_CHILDREN = ["reports", "stats"]  # never static names elsewhere
KIND_RANK = {"static": 0, "parameter": 1, "catch-all": 2}


@dataclass(frozen=True)
class File:
    """A route file: its methods (`get`, or `get_post` for two), whether it
    sets `trailing_slash`, and whether `meta` keeps a name of its own."""

    methods: str
    trailing_slash: bool | None = None
    own_name: bool = False

    @property
    def labels(self) -> str:
        return ",".join(
            "WS" if m == "ws" else m.upper() for m in self.methods.split("_")
        )


@dataclass(frozen=True)
class Folder:
    """A folder of the tree: its name on disk, the segment it adds, its files."""

    name: str
    kind: str  # "static", "parameter", "catch-all", "group", "private", "root"
    methods: tuple[File, ...]
    children: tuple[Folder, ...]
    settings: bool  # has an __init__.py with folder settings
    trailing_slash: bool | None = None  # what its __init__.py says, if it has one

    @property
    def segment(self) -> tuple[str, str] | None:
        """(kind, URL text) of the segment it adds; None if it adds none."""
        if self.kind == "parameter":
            return ("parameter", self.name.removeprefix("$"))
        if self.kind == "catch-all":
            return ("catch-all", self.name.removeprefix("$..."))
        if self.kind == "static":
            return ("static", self.name)
        return None


@st.composite
def route_files(draw: st.DrawFn) -> tuple[File, ...]:
    """Up to three methods, sometimes two of them answered by one file."""
    methods = draw(st.lists(st.sampled_from(METHODS), unique=True, max_size=3))
    if len(methods) >= 2 and "ws" not in methods[:2] and draw(st.booleans()):
        methods[:2] = ["_".join(methods[:2])]
    return tuple(
        File(
            name,
            draw(st.sampled_from([None, None, True, False])),
            draw(st.integers(0, 3)) == 0,
        )
        for name in methods
    )


@st.composite
def folders(draw: st.DrawFn, name: str, kind: str, depth: int) -> Folder:
    methods = draw(route_files())
    children: list[Folder] = []
    if kind != "catch-all" and depth < 4:
        for child in draw(
            st.lists(st.sampled_from(STATIC_NAMES), unique=True, max_size=2)
        ):
            children.append(draw(folders(child, "static", depth + 1)))
        if draw(st.booleans()):
            parameter = draw(st.sampled_from(PARAMETER_NAMES))
            children.append(draw(folders(f"${parameter}", "parameter", depth + 1)))
        if draw(st.integers(0, 4)) == 0:
            children.append(draw(folders("$...rest", "catch-all", depth + 1)))
        if draw(st.integers(0, 4)) == 0:
            inner = draw(st.sampled_from(GROUP_CHILDREN))
            group_child = draw(folders(inner, "static", depth + 2))
            children.append(Folder("(admin)", "group", (), (group_child,), False))
        if draw(st.integers(0, 5)) == 0:
            children.append(draw(folders("_private", "private", depth + 1)))
    settings_file = kind in {"static", "parameter"} and draw(st.booleans())
    trailing = draw(st.sampled_from([None, True, False])) if settings_file else None
    return Folder(name, kind, methods, tuple(children), settings_file, trailing)


Segments = tuple[tuple[str, str], ...]


def routes_of(
    folder: Folder, path: Segments = (), trailing: bool = False
) -> Iterator[tuple[Segments, File, bool]]:
    """Every (segments, file, trailing slash) the tree declares, private
    folders left out; the nearest `trailing_slash` decides."""
    if folder.kind == "private":
        return
    segment = folder.segment
    here = path if segment is None else (*path, segment)
    if folder.trailing_slash is not None:
        trailing = folder.trailing_slash
    for file in folder.methods:
        yield (
            here,
            file,
            trailing if file.trailing_slash is None else file.trailing_slash,
        )
    for child in folder.children:
        yield from routes_of(child, here, trailing)


def oracle(tree: Folder) -> list[tuple[str, str, str | None]]:
    """The route table in match order, from the rules docs/generated-files.md states:
    (methods, path, the route's own name if `meta` gives one)."""

    def order(route: tuple[Segments, File, bool]) -> tuple[object, ...]:
        segments, file, _ = route
        first = file.methods.split("_")[0]
        return tuple((KIND_RANK[kind], text) for kind, text in segments), METHODS.index(
            first
        )

    table = []
    for segments, file, trailing in sorted(routes_of(tree), key=order):
        parts = [
            {
                "static": text,
                "parameter": f"{{{text}}}",
                "catch-all": f"{{{text}:path}}",
            }[kind]
            for kind, text in segments
        ]
        path = "/" + "/".join(parts)
        if trailing and path != "/":
            path += "/"
        table.append((file.labels, path, own_name(file)))
    return table


def own_name(file: File) -> str | None:
    return f"own_{file.methods}" if file.own_name else None


def repeats_a_parameter(tree: Folder) -> bool:
    """Whether some route's path has the same parameter twice (error FR310)."""
    for segments, _, _ in routes_of(tree):
        names = [text for kind, text in segments if kind != "static"]
        if len(names) != len(set(names)):
            return True
    return False


def handler_source(file: File, parameters: list[str]) -> str:
    arguments = ", ".join(f"{name}: str" for name in parameters)
    name = own_name(file)
    meta = f"meta = {{'name': {name!r}}}\n" if name else ""
    if file.trailing_slash is not None:
        meta += f"trailing_slash = {file.trailing_slash}\n"
    if file.methods == "ws":
        head = (
            "from fastapi import WebSocket\n\n\nasync def handler(websocket: WebSocket"
        )
        close = ") -> None:\n    await websocket.close()\n"
        return f"{meta}{head}{', ' if arguments else ''}{arguments}{close}"
    meta = meta.replace("meta = {", "meta = {'summary': 'fuzzed', ") or (
        "meta = {'summary': 'fuzzed'}\n"
    )
    return f"{meta}\n\ndef handler({arguments}) -> None:\n    return None\n"


def write(folder: Folder, location: Path, parameters: list[str]) -> None:
    location.mkdir(parents=True, exist_ok=True)
    segment = folder.segment
    if segment is not None and segment[0] != "static" and segment[1] not in parameters:
        parameters = [*parameters, segment[1]]
    for file in folder.methods:
        (location / f"{file.methods}.py").write_text(handler_source(file, parameters))
    if folder.settings:
        trailing = folder.trailing_slash
        setting = "" if trailing is None else f"trailing_slash = {trailing}\n"
        (location / "__init__.py").write_text(f"tags = ['fuzzed']\n{setting}")
    for child in folder.children:
        write(child, location / child.name, parameters)


DEFECTS: dict[str, tuple[str, bytes]] = {
    "FR001": ("routes/zz/get.py", b"# caf\xe9\ndef handler() -> None: ...\n"),
    "FR002": ("routes/zz/get.py", b"def handler(:\n"),
    "FR101": ("routes/zz/get.py", b"x = 1\n"),
    "FR102": ("routes/zz/get.py", b"class handler: ...\n"),
    "FR201": ("routes/zz/get.py", b"meta = dict()\ndef handler() -> None: ...\n"),
    "FR203": (
        "routes/zz/get.py",
        b"meta = {'sumary': 'x'}\ndef handler() -> None: ...\n",
    ),
    "FR301": ("routes/zz/gett.py", b"def handler() -> None: ...\n"),
    "FR304": ("routes/$bad-name/get.py", b"def handler() -> None: ...\n"),
    "FR305": ("routes/$...rest/more/get.py", b"def handler() -> None: ...\n"),
    "FR307": ("routes/a b/get.py", b"def handler() -> None: ...\n"),
}


def codegen(root: Path, *arguments: str) -> tuple[int, str]:
    """Run `python -m codegen ARGUMENTS` in `root`; its exit code and stderr."""
    errors = io.StringIO()
    with (
        contextlib.chdir(root),
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(errors),
    ):
        code = main(list(arguments))
    return code, errors.getvalue()


def registered(root: Path) -> list[tuple[str, str, str]]:
    """Import the generated router from `root` (and nothing of this repository's
    own routes/ and generated/) and list what it registers."""
    ours = ("routes", "generated")
    saved_modules = {
        name: module for name, module in sys.modules.items() if name.startswith(ours)
    }
    saved_path = list(sys.path)
    for name in saved_modules:
        del sys.modules[name]
    sys.path[:] = [str(root), *(p for p in sys.path if Path(p).resolve() != REPOSITORY)]
    try:
        router = APIRouter()
        importlib.import_module("generated.router").add_routes(router)
    finally:
        sys.path[:] = saved_path
        for name in [name for name in sys.modules if name.startswith(ours)]:
            del sys.modules[name]
        sys.modules.update(saved_modules)
    table = []
    for route in router.routes:
        if isinstance(route, APIWebSocketRoute):
            table.append(("WS", route.path, route.name))
        else:
            assert isinstance(route, APIRoute) and route.methods is not None
            table.append((",".join(sorted(route.methods)), route.path, route.name))
    return table


def matches(
    table: list[tuple[str, str, str]], expected: list[tuple[str, str, str | None]]
) -> bool:
    """The same routes in the same order; names compared where `meta` gives one."""
    return len(table) == len(expected) and all(
        (",".join(sorted(labels.split(","))), path) == (methods, served_path)
        and (name is None or name == served_name)
        for (methods, served_path, served_name), (labels, path, name) in zip(
            table, expected, strict=True
        )
    )


def generated_files(root: Path) -> dict[str, bytes]:
    folder = root / "generated"
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.py"))}


@pytest.mark.depth
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    tree=folders("routes", "root", 0),
    defect=st.none() | st.sampled_from(sorted(DEFECTS)),
)
def test_random_trees_generate_what_the_oracle_expects_or_fail_cleanly(
    tree: Folder, defect: str | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(tree, root / "routes", [])
        (root / "generated").mkdir()
        (root / "generated" / "__init__.py").write_text("")
        (root / "generated" / "router.py").write_text("# the last good router\n")
        if defect is not None:
            relative, content = DEFECTS[defect]
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(content)

        code, stderr = codegen(root)

        assert code in (0, 1), stderr
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        expected_error = defect or ("FR310" if repeats_a_parameter(tree) else None)
        if expected_error is not None:
            assert code == 1
            assert f": {expected_error} " in stderr, stderr
            assert generated_files(root) == {
                "__init__.py": b"",
                "router.py": b"# the last good router\n",
            }
            return
        assert code == 0, stderr
        first = generated_files(root)
        assert matches(registered(root), oracle(tree)), (registered(root), oracle(tree))
        assert codegen(root, "--no-cache")[0] == 0
        assert generated_files(root) == first
