"""Incremental regeneration gives exactly what a cold run gives.

Hypothesis applies random sequences of creates, edits, renames and deletes
to a routes tree: route files valid and broken, folder settings, helpers,
whole folders. After each change, one long-lived session (the one `--watch`
and `dev` keep) regenerates, told only the paths a watcher would report,
and every generated file, the route count and the diagnostics must be those
of a cold run without the cache (`--no-cache`).

15 sequences in the test suite, 60 in `nox -s depth` (which CI runs), 1,000
in `nox -s fuzz` (CODEGEN_INCREMENTAL_EXAMPLES sets the number).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.config import load_config
from codegen.session import Session
from tests.project import REPOSITORY

EXAMPLES = int(os.environ.get("CODEGEN_INCREMENTAL_EXAMPLES", "15"))
FOLDERS = ["a", "b", "$id", "(g)", "c.d", "$...rest"]
FILE_NAMES = [
    "get.py",
    "post.py",
    "get_post.py",
    "ws.py",
    "__init__.py",
    "_helper.py",
    "gett.py",
]
ROUTE_TEXTS = [
    'meta = {{"summary": "Route {n}"}}\n\n\nasync def handler(**kwargs: object) -> None: ...\n',
    'meta = {{"tags": ["t{n}"]}}\n\n\ndef handler(id: str = "") -> None: ...\n',
    'meta = {{"name": "shared"}}\n\n\ndef handler(**kwargs: object) -> None: ...\n',
    "trailing_slash = True\n\n\ndef handler(**kwargs: object) -> int:\n    return {n}\n",
    'from http import HTTPStatus\n\nmeta = {{"status_code": HTTPStatus.ACCEPTED}}\n\n\n'
    "def handler(**kwargs: object) -> None: ...\n",
    "def handler(:\n",  # a syntax error
    "x = {n}\n",  # no handler
]
SETTINGS_TEXTS = [
    'tags = ["folder{n}"]\n',
    "trailing_slash = True\n",
    'responses = {{404: {{"description": "Missing {n}"}}}}\n',
]


@dataclass(frozen=True)
class Change:
    """One edit to the tree, and the paths a watcher reports for it."""

    apply: str  # "write", "delete" or "rename"
    path: Path
    text: str = ""
    to: Path | None = None


@contextlib.contextmanager
def project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(REPOSITORY / "pyproject.toml", root / "pyproject.toml")
        (root / "routes").mkdir()
        (root / "routes" / "get.py").write_text(ROUTE_TEXTS[0].format(n=0))
        yield root


@st.composite
def change(draw: st.DrawFn, root: Path, counter: int) -> Change:
    """A change to what the tree holds now."""
    existing = sorted(
        path for path in (root / "routes").rglob("*") if "__pycache__" not in path.parts
    )
    kind = draw(st.sampled_from(["create", "create", "edit", "delete", "rename"]))
    if kind != "create" and existing:
        path = draw(st.sampled_from(existing))
        if kind == "delete":
            return Change("delete", path)
        if kind == "rename":
            name = draw(st.sampled_from([*FOLDERS, *FILE_NAMES]))
            return Change("rename", path, to=path.parent / name)
        if path.is_file():
            return Change("write", path, text=content(draw, path.name, counter))
    depth = draw(st.integers(0, 3))
    folders = [draw(st.sampled_from(FOLDERS)) for _ in range(depth)]
    name = draw(st.sampled_from(FILE_NAMES))
    path = root.joinpath("routes", *folders, name)
    return Change("write", path, text=content(draw, name, counter))


def content(draw: st.DrawFn, name: str, counter: int) -> str:
    texts = SETTINGS_TEXTS if name == "__init__.py" else ROUTE_TEXTS
    return draw(st.sampled_from(texts)).format(n=counter)


def apply(change: Change) -> set[Path]:
    """Make the change on disk; the paths a watcher would report."""
    if change.apply == "delete":
        if change.path.is_dir():
            shutil.rmtree(change.path)
        else:
            change.path.unlink()
        return {change.path}
    if change.apply == "rename":
        assert change.to is not None
        if change.to.exists():
            return set()  # a rename onto an existing name is refused
        change.path.rename(change.to)
        return {change.path, change.to}
    try:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        change.path.write_text(change.text)
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        return set()  # a file where a folder would go, or the reverse
    return {change.path}  # not the folders it may have created


@pytest.mark.depth
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_incremental_regeneration_writes_what_a_cold_run_writes(
    data: st.DataObject,
) -> None:
    with project() as root:
        config = load_config(root)
        session = Session(config, cache=False)
        session.generate()
        for counter in range(data.draw(st.integers(1, 6), label="changes")):
            reported = apply(data.draw(change(root, counter)))

            incremental = session.generate(reported)

            assert incremental == Session(config, cache=False).generate()
