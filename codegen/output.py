"""The generated files: what a run produced, reading them, replacing them."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from codegen.diagnostics import Diagnostic


@dataclass(frozen=True)
class Output:
    """A generated file's location and its text."""

    path: Path
    text: str


@dataclass(frozen=True)
class Generated:
    """What generating produced: the files (none if there were errors), how
    many routes they hold, and the diagnostics.

    Plain data, so that a cached run can be replayed without the stages.
    """

    outputs: tuple[Output, ...]
    route_count: int
    diagnostics: tuple[Diagnostic, ...]


def read_current(path: Path) -> str:
    """The file's current text, or "" if it does not exist yet."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return ""


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file.

    The text goes to a temporary file beside it, is flushed to disk, and then
    renamed over the target (`os.replace` is atomic on POSIX and Windows).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(path.stat().st_mode if path.exists() else 0o644)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
