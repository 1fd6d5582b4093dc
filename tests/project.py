"""Throwaway copies of the project, and running its command line in them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
TEMPLATE = ["codegen", "routes", "generated", "app.py", "pyproject.toml"]


@dataclass(frozen=True)
class Completed:
    """What a `python -m codegen` run printed and returned."""

    code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Project:
    """A copy of the template in a temporary folder."""

    root: Path

    @property
    def router(self) -> Path:
        return self.root / "generated" / "router.py"

    def write(self, relative: str, source: str) -> Path:
        """Create a file (and its folders) with dedented `source`."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return path

    def codegen(self, *arguments: str) -> Completed:
        """Run `python -m codegen` in the project, as a user would."""
        return self.python("-m", "codegen", *arguments)

    def python(self, *arguments: str) -> Completed:
        """Run the interpreter in the project folder, with a clean environment."""
        environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        environment.pop("PYTHONPATH", None)
        result = subprocess.run(
            [sys.executable, *arguments],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )
        return Completed(result.returncode, result.stdout, result.stderr)


def copy_template(destination: Path, *, with_routes: bool = True) -> Project:
    destination.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATE:
        source = REPOSITORY / name
        if name == "routes" and not with_routes:
            (destination / name).mkdir()
        elif source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return Project(destination)


Tree = Callable[[dict[str, str]], Path]
