"""The pre-commit hooks: this repository's own config, and the shipped hooks
used from another repository, each run for real (hook environments included).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project import REPOSITORY, Project, clean_environment

NEW_ROUTE = "async def handler() -> dict[str, str]:\n    return {}\n"


@pytest.fixture(scope="session")
def pre_commit_home(shared_tmp_path: Path) -> Path:
    """One cache of hook environments for every test process (pre-commit
    locks it while it installs a hook)."""
    return shared_tmp_path / "pre-commit-home"


def pre_commit(
    root: Path, home: Path, *arguments: str
) -> subprocess.CompletedProcess[str]:
    """pre-commit, with this interpreter's `python` first on the PATH, as in
    the project's own environment (what `language: system` hooks run)."""
    environment = clean_environment()
    environment["PATH"] = f"{Path(sys.executable).parent}:{environment['PATH']}"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *arguments],
        cwd=root,
        env={**environment, "PRE_COMMIT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def git_repository(root: Path) -> None:
    for command in (
        ["init", "--quiet"],
        ["add", "--all"],
        [
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.com",
            "commit",
            "--quiet",
            "-m",
            "start",
        ],
    ):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)


def test_this_repositorys_hooks_pass_and_catch_a_stale_router(
    project: Project, pre_commit_home: Path
) -> None:
    shutil.copy(REPOSITORY / ".pre-commit-config.yaml", project.root)
    git_repository(project.root)

    clean = pre_commit(project.root, pre_commit_home, "run", "--all-files")
    project.write("routes/fresh/get.py", NEW_ROUTE)
    stale = pre_commit(project.root, pre_commit_home, "run", "--all-files")
    assert project.codegen().code == 0
    stale_document = pre_commit(project.root, pre_commit_home, "run", "--all-files")

    assert clean.returncode == 0, clean.stdout
    assert stale.returncode == 1
    assert "generated/router.py is stale: run `python -m codegen`" in stale.stdout
    assert stale_document.returncode == 1
    assert "generated/router.py is stale" not in stale_document.stdout
    assert '+    "/fresh": {' in stale_document.stdout
    assert (
        "generated/openapi.json is stale: run `python -m codegen openapi`"
        in stale_document.stdout
    )


def test_shipped_hooks_work_from_another_repository(
    project: Project, pre_commit_home: Path
) -> None:
    shutil.rmtree(project.root / "codegen")  # the hook brings the generator
    project.write("routes/fresh/get.py", NEW_ROUTE)
    git_repository(project.root)

    def shipped_hook(hook: str) -> subprocess.CompletedProcess[str]:
        arguments = ["try-repo", str(REPOSITORY), hook, "--all-files"]
        return pre_commit(project.root, pre_commit_home, *arguments)

    check = shipped_hook("codegen-check")
    regenerate = shipped_hook("codegen")
    after = shipped_hook("codegen-check")

    assert check.returncode == 1, check.stdout
    assert '+        "/fresh",' in check.stdout
    assert regenerate.returncode == 1  # files were modified by this hook
    assert '"/fresh"' in project.router.read_text()
    assert after.returncode == 0, after.stdout


def test_the_shipped_openapi_hook_runs_in_the_projects_environment(
    project: Project, pre_commit_home: Path
) -> None:
    """It imports the app, with the `python` on the PATH: the project's, where
    the generator and the app's dependencies are installed."""
    project.write("routes/fresh/get.py", NEW_ROUTE)
    assert project.codegen().code == 0
    git_repository(project.root)

    def hook() -> subprocess.CompletedProcess[str]:
        arguments = [
            "try-repo",
            str(REPOSITORY),
            "codegen-openapi-check",
            "--all-files",
        ]
        return pre_commit(project.root, pre_commit_home, *arguments)

    stale = hook()
    assert project.codegen("openapi").code == 0
    current = hook()

    assert stale.returncode == 1, stale.stdout
    assert '+    "/fresh": {' in stale.stdout
    assert current.returncode == 0, current.stdout
