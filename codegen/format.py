"""Give the generated text the project's own import order and formatting.

The router is committed and reviewed beside hand-written code, so it passes
the project's `ruff check` and `ruff format --check` by construction: ruff,
pinned in pyproject.toml, formats it with the project's own settings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUFF = [sys.executable, "-m", "ruff"]  # the ruff pinned beside the generator


class FormatterError(Exception):
    """ruff could not run or rejected the text: a bug, not a user mistake."""


def format_source(
    text: str, root: Path, output: Path, *, sort_imports: bool = True
) -> str:
    """Sort imports (ruff's isort rules), then format, as if `text` were `output`."""
    stdin_name = str(output.relative_to(root))
    if sort_imports:
        text = _ruff(
            ["check", "--fix-only", "--select", "I", "--stdin-filename", stdin_name],
            text,
            root,
        )
    return _ruff(["format", "--stdin-filename", stdin_name], text, root)


def _ruff(arguments: list[str], text: str, root: Path) -> str:
    command = [*RUFF, *arguments, "--quiet", "-"]
    try:
        result = subprocess.run(
            command, input=text, capture_output=True, text=True, cwd=root, check=False
        )
    except OSError as error:
        raise FormatterError(f"cannot run ruff: {error}") from error
    if result.returncode != 0:
        raise FormatterError(f"`ruff {arguments[0]}` failed: {result.stderr.strip()}")
    return result.stdout


def sort_imports_in_place(paths: list[Path], root: Path) -> None:
    """Sort the imports of files written for the user (ruff's isort rules)."""
    if paths:
        command = ["check", "--fix-only", "--select", "I", "--no-cache", "--quiet"]
        subprocess.run(
            [*RUFF, *command, *map(str, paths)],
            cwd=root,
            capture_output=True,
            check=False,
        )
