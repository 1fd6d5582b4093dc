"""Killing the generator with SIGKILL never leaves a partial generated file,
nor a process of its own behind.

Trials alternate the tree between two versions so that every run has
something to write. Half are killed at a random moment of the run; half kill
themselves at a random file-system event inside generated/ (opening, writing
the temporary file, its mode, the rename), which is where a partial file
could appear. After every trial each generated file is exactly the old or
the new version, and a later run removes the temporary files killed runs left.
20 trials in the test suite, 100 in `nox -s depth` (CODEGEN_CRASH_TRIALS).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.project import (
    Project,
    alive,
    children,
    clean_environment,
    kill_group,
    wait_until,
)

TRIALS = int(os.environ.get("CODEGEN_CRASH_TRIALS", "20"))
ROUTE = "async def handler() -> dict[str, str]:\n    return {'route': 'orders'}\n"
# Runs the generator, killing itself at the N-th event in generated/ (0: never).
KILLED_AT_EVENT = """\
import os, signal, sys
target, seen = int(sys.argv[1]), 0
generated = os.path.abspath("generated")
def hook(event, args):
    global seen
    if event in {"open", "os.chmod", "os.rename"} and args and isinstance(args[0], str):
        if os.path.abspath(args[0]).startswith(generated):
            seen += 1
            if seen == target:
                os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(hook)
from codegen.cli import main
sys.exit(main(["--no-cache"]))
"""


def generated(project: Project) -> dict[str, bytes]:
    folder = project.root / "generated"
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.py"))}


def leftovers(project: Project) -> list[str]:
    return sorted(path.name for path in (project.root / "generated").glob(".*.tmp"))


def start(project: Project, arguments: list[str]) -> subprocess.Popen[bytes]:
    """A silent process in the project, leading a process group of its own."""
    return subprocess.Popen(
        arguments,
        cwd=project.root,
        env=clean_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def run_killed(project: Project, rng: random.Random, full_run: float) -> int:
    """One generator run, SIGKILLed at a random moment or event; its exit code."""
    if rng.random() < 0.5:
        event = rng.randint(1, 12)
        arguments = [sys.executable, "-c", KILLED_AT_EVENT, str(event)]
        delay = None
    else:
        arguments = [sys.executable, "-m", "codegen", "--no-cache"]
        delay = rng.uniform(0, full_run)
    process = start(project, arguments)
    if delay is not None:
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=120)


@pytest.mark.depth
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_any_point_leaves_the_old_or_the_new_files(project: Project) -> None:
    order = project.root / "routes" / "orders" / "get.py"
    without = generated(project)
    project.write("routes/orders/get.py", ROUTE)
    start = time.perf_counter()
    assert project.codegen("--no-cache").code == 0
    full_run = time.perf_counter() - start
    with_orders = generated(project)
    assert with_orders != without
    rng = random.Random(20261128)
    killed = left_behind = 0

    for trial in range(TRIALS):
        if trial % 2:
            order.unlink()
        else:
            project.write("routes/orders/get.py", ROUTE)
        code = run_killed(project, rng, full_run)
        killed += code == -signal.SIGKILL

        now = generated(project)
        for name, text in now.items():
            assert text in (without[name], with_orders[name]), (trial, name)
        assert set(now) == set(without)
        left_behind += bool(leftovers(project))

    assert killed >= TRIALS // 2  # most runs really died mid-way
    assert left_behind  # some died between the temporary file and the rename
    final = project.codegen("--no-cache")
    assert final.code == 0, final.stderr
    assert leftovers(project) == []
    assert generated(project) == (with_orders if order.exists() else without)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif(os.cpu_count() == 1, reason="one core parses without workers")
def test_sigkill_mid_parse_leaves_no_worker_alive(project: Project) -> None:
    """Enough files to parse over several processes for seconds; the
    generator is killed while its workers parse them, and they exit on their
    own."""
    statements = "".join(f"x{line} = {line}\n" for line in range(200))
    for number in range(400):
        project.write(f"routes/many/r{number}/get.py", statements + ROUTE)
    generator = start(project, [sys.executable, "-m", "codegen", "--no-cache"])
    python = Path(sys.executable).resolve()

    def workers() -> set[int]:  # Pythons, where the formatter would be ruff
        return {pid for pid in children(generator.pid) if executable(pid) == python}

    try:
        wait_until(lambda: bool(workers()) or generator.poll() is not None, 60)
        parsing = workers()
        assert parsing, "the generator parsed without workers"
        assert generator.poll() is None, "the generator finished parsing"

        generator.kill()
        generator.wait()

        wait_until(lambda: not any(alive(pid) for pid in parsing), timeout=10)
    finally:
        kill_group(generator)


def executable(pid: int) -> Path | None:
    """The program a process runs; None once it has gone."""
    try:
        return Path(f"/proc/{pid}/exe").resolve(strict=True)
    except OSError:
        return None
