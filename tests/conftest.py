"""Fixtures: throwaway projects and route trees."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.cli import main
from tests.project import Completed, Project, Tree, copy_template


@pytest.fixture(scope="session")
def shared_tmp_path(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A temporary folder of this run that every test process (pytest-xdist
    worker) sees, for what is made once for all of them."""
    own = tmp_path_factory.getbasetemp()
    return own if worker_id == "master" else own.parent


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The whole template, example routes included."""
    return copy_template(tmp_path / "project")


@pytest.fixture
def empty_project(tmp_path: Path) -> Project:
    """The template with an empty routes folder, for trees a test builds."""
    return copy_template(tmp_path / "project", with_routes=False)


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    """Build a new project root from `{relative path: source}`; returns the root."""
    roots = iter(range(1_000))

    def build(files: dict[str, str]) -> Path:
        root = tmp_path / f"tree{next(roots)}"
        (root / "routes").mkdir(parents=True)
        for relative, source in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source), encoding="utf-8")
        return root

    return build


CommandLine = Callable[..., Completed]


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CommandLine:
    """Run `python -m codegen ARGUMENTS` in-process, in the folder `root`."""

    def run(root: Path, *arguments: str) -> Completed:
        monkeypatch.chdir(root)
        code = main(list(arguments))
        captured = capsys.readouterr()
        return Completed(code, captured.out, captured.err)

    return run
