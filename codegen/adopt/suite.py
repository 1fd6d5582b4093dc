"""The project's own tests as part of adopting's proof: run before and after,
and every test that passed before must pass after.

The OpenAPI document and the route table are not the whole behaviour: a
project's tests also reach into its modules (`main.engine = ...`). The
command is the project's (`--test`), else pytest when the project has tests.
Under pytest each test's outcome is read from a JUnit XML report; under any
other command, its exit status stands for the whole suite.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# `python` names the interpreter running adopt (see `run_tests`).
PYTEST = f"{Path(sys.executable).name} -m pytest"
# Both runs in the same order (pytest-randomly would shuffle each), writing
# no caches into the project.
PYTEST_OPTIONS = "-p no:cacheprovider -p no:randomly"
SHOWN_OUTPUT_LINES = 30


@dataclass(frozen=True)
class TestRun:
    """One run of the suite: its exit status, and each test's outcome when
    the command ran pytest (`True`: passed; skipped tests are left out)."""

    command: str
    returncode: int
    outcomes: dict[str, bool] | None
    seconds: float
    output: str

    def summary(self) -> str:
        if self.outcomes is None:
            result = f"exit status {self.returncode}"
        else:
            passed = sum(self.outcomes.values())
            result = f"{passed} passed, {len(self.outcomes) - passed} failed"
        return f"`{self.command}`: {result} in {self.seconds:.1f} s"

    @property
    def ran(self) -> bool:
        """Whether the suite ran: some test had an outcome, or, under a
        command that is not pytest, it exited 0."""
        if self.outcomes is None:
            return self.returncode == 0
        return bool(self.outcomes)

    def broken_by(self, after: TestRun) -> list[str]:
        """What passed in this run and fails in `after` (a test missing from
        its report fails: a suite that no longer starts has none)."""
        broken = [
            test
            for test, passed in (self.outcomes or {}).items()
            if passed and not (after.outcomes or {}).get(test, False)
        ]
        if self.returncode == 0 and after.returncode != 0 and not broken:
            broken.append(f"the suite (exit status {after.returncode})")
        return broken

    def tail(self) -> str:
        return "\n".join(self.output.splitlines()[-SHOWN_OUTPUT_LINES:])


class NoTestRunner(Exception):
    """The project has tests, but nothing here can run them."""


def test_command(root: Path, chosen: str | None, files: Iterable[Path]) -> str | None:
    """The command that runs the project's tests, or `None` for no tests:
    `chosen` (`--test`), else pytest when one of `files` is a test module."""
    if chosen is not None:
        return chosen
    tests = [path for path in files if _is_test_module(path.name)]
    if not tests:
        return None
    if importlib.util.find_spec("pytest") is None:
        shown = tests[0].relative_to(root).as_posix()
        raise NoTestRunner(
            f"the project has tests ({shown}, ...) but pytest is not installed "
            "here: install it, or name the command that runs them (--test CMD), "
            "or skip them (--no-test)"
        )
    return PYTEST


def _is_test_module(name: str) -> bool:
    return name.endswith(".py") and (
        name.startswith("test_") or name.endswith("_test.py")
    )


def run_tests(root: Path, command: str) -> TestRun:
    """Run `command` in a shell from `root`; `python` there is the
    interpreter running adopt, as in an activated virtual environment."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.xml"
        options = f"{PYTEST_OPTIONS} --junitxml={shlex.quote(str(report))}"
        environment = {
            **os.environ,
            "PATH": os.pathsep.join(
                [str(Path(sys.executable).parent), os.environ.get("PATH", "")]
            ),
            "PYTEST_ADDOPTS": f"{os.environ.get('PYTEST_ADDOPTS', '')} {options}",
            "PYTHONDONTWRITEBYTECODE": "1",  # leave no caches in moved folders
        }
        started = time.monotonic()
        result = subprocess.run(
            command,
            shell=True,
            cwd=root,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        seconds = time.monotonic() - started
        outcomes = _outcomes(report) if report.exists() else None
    return TestRun(command, result.returncode, outcomes, seconds, result.stdout)


def _outcomes(report: Path) -> dict[str, bool]:
    """Each test of a JUnit XML report (`file.Class::test`): passed or not."""
    outcomes: dict[str, bool] = {}
    for case in ElementTree.parse(report).iter("testcase"):
        results = {child.tag for child in case}
        if "skipped" in results:
            continue
        test = f"{case.get('classname', '')}::{case.get('name', '')}"
        outcomes[test] = not results & {"failure", "error"}
    return outcomes
