"""`python -m codegen adopt`, proven on a corpus of FastAPI apps.

Each app under `adopt_corpus/` has its own tests (`app_tests.py`). They must
pass before adoption and, unchanged, after it, the OpenAPI document must be
the same, and the generator's drift check must pass on the result. Each app
under `adopt_refused/` must be refused with the diagnostics in its
`expected.txt`, every file left byte for byte as it was.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project import REPOSITORY, clean_environment

HERE = Path(__file__).parent
CORPUS = sorted(path.name for path in (HERE / "adopt_corpus").iterdir())
REFUSED = sorted(path.name for path in (HERE / "adopt_refused").iterdir())
OPENAPI = "import json, sys; from {module} import {attribute} as app; print(json.dumps(app.openapi()))"


def run(
    root: Path, *arguments: str, extra_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**clean_environment(), "PYTHONHASHSEED": "0"}
    if extra_path is not None:
        environment["PYTHONPATH"] = str(extra_path)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def checkout(source: Path, destination: Path) -> Path:
    """The app with the generator beside it, committed to a fresh git repository."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        REPOSITORY / "codegen",
        destination / "codegen",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(
        destination, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "app"
    )
    return destination


def target_of(root: Path) -> str:
    return (
        (root / "TARGET").read_text().strip()
        if (root / "TARGET").exists()
        else "main:app"
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and ".git" not in path.parts
        and "__pycache__" not in path.parts
    }


def app_tests(root: Path) -> subprocess.CompletedProcess[str]:
    return run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "app_tests.py")


def openapi(root: Path, target: str) -> object:
    module, _, attribute = target.partition(":")
    result = run(root, "-c", OPENAPI.format(module=module, attribute=attribute))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", CORPUS)
def test_adopted_app_passes_its_own_tests_with_the_same_openapi(
    name: str, tmp_path: Path
) -> None:
    root = checkout(HERE / "adopt_corpus" / name, tmp_path / name)
    target = target_of(root)
    tests_before = (root / "app_tests.py").read_bytes()
    before = app_tests(root)
    assert before.returncode == 0, before.stdout + before.stderr
    document = openapi(root, target)

    adopted = run(root, "-m", "codegen", "adopt", target)

    assert adopted.returncode == 0, adopted.stderr
    assert "Proven" in adopted.stderr
    after = app_tests(root)
    assert after.returncode == 0, after.stdout + after.stderr + adopted.stderr
    assert (root / "app_tests.py").read_bytes() == tests_before
    assert openapi(root, target) == document
    drift = run(root, "-m", "codegen", "--check")
    assert drift.returncode == 0, drift.stderr
    again = run(root, "-m", "codegen", "adopt", target)
    assert again.returncode == 0, again.stderr
    assert "Nothing to adopt" in again.stderr


@pytest.mark.parametrize("name", REFUSED)
def test_an_app_that_cannot_move_exactly_is_refused_untouched(
    name: str, tmp_path: Path
) -> None:
    source = HERE / "adopt_refused" / name
    root = checkout(source, tmp_path / name)
    installed = tmp_path / "site-packages"
    if (root / "installed").exists():  # stands for a package installed elsewhere
        shutil.move(root / "installed", installed)
        git(root, "add", "-A")
        git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "moved")
    files = snapshot(root)

    result = run(root, "-m", "codegen", "adopt", target_of(root), extra_path=installed)

    assert result.returncode == 1, result.stderr
    found = [line for line in result.stderr.splitlines() if ": FR5" in line]
    expected = (source / "expected.txt").read_text().splitlines()
    assert [line.split(" ", 2)[:2] for line in found] == [
        line.split(" ", 2)[:2] for line in expected
    ], result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == files
