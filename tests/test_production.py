"""Production as the Dockerfile sets it up: only the app group installed, the
committed router as the artefact, several uvicorn workers on one port.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from filelock import FileLock

from tests.docs import DOCS, run_sessions
from tests.project import REPOSITORY, children, uvicorn_server

WORKERS = 2


@pytest.fixture(scope="session")
def release(shared_tmp_path: Path) -> Path:
    """A folder laid out like the image: a venv with the app group, no codegen/.

    Made once for all the test processes: the first to get here makes it,
    the others wait for it.
    """
    root = shared_tmp_path / "release"
    with FileLock(shared_tmp_path / "release.lock"):
        if not (root / "venv" / "done").exists():
            make_release(root)
            (root / "venv" / "done").touch()
    return root


def make_release(root: Path) -> None:
    root.mkdir()
    for name in ("pyproject.toml", "app.py"):
        shutil.copy(REPOSITORY / name, root)
    for name in ("generated", "routes"):
        shutil.copytree(
            REPOSITORY / name, root / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    subprocess.run([sys.executable, "-m", "venv", root / "venv"], check=True)
    pip = [str(root / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip>=25.1"], check=True, cwd=root)
    subprocess.run([*pip, "--group", "app"], check=True, cwd=root)


@pytest.fixture
def workers(release: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    python = str(release / "venv" / "bin" / "python")
    with uvicorn_server(python, release, "--workers", str(WORKERS)) as running:
        yield running


def test_the_app_needs_no_generator_at_run_time(release: Path) -> None:
    python = str(release / "venv" / "bin" / "python")
    probe = subprocess.run(
        [python, "-c", "import libcst"], capture_output=True, check=False
    )

    assert probe.returncode == 1
    assert not (release / "codegen").exists()


def test_several_workers_serve_every_route(
    workers: tuple[str, subprocess.Popen[bytes]],
) -> None:
    base, server = workers

    with httpx.Client(base_url=base, timeout=5) as client:
        statuses = [
            client.get(f"/users/{1 + index % 2}").status_code for index in range(40)
        ]
        schema = client.get("/openapi.json").json()

    assert statuses == [200] * 40
    assert "/users/{user_id}/posts" in schema["paths"]
    assert len(worker_processes(server.pid)) == WORKERS


def test_the_production_pages_commands_serve_the_release(release: Path) -> None:
    run_sessions(DOCS / "production.md", release, release / "venv" / "bin")


def worker_processes(parent: int) -> list[int]:
    """uvicorn's worker processes (Linux /proc)."""
    return [pid for pid in children(parent) if is_worker(pid)]


def is_worker(pid: int) -> bool:
    """uvicorn's workers are spawned Pythons; its resource tracker is not one."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"multiprocessing.spawn" in command or b"spawn_main" in command
