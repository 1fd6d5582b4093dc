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
    renamed over the target (`os.replace` is atomic on POSIX and Windows). A
    run killed before the rename leaves its temporary file behind, named
    after its process, and the next run removes it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(path)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
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


def remove_orphans(path: Path) -> None:
    """Delete temporary files of `path` whose writing process has died."""
    if os.name != "posix":  # os.kill(pid, 0) would terminate it on Windows
        return
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        pid = leftover.name.removeprefix(f".{path.name}.").split(".", 1)[0]
        if pid.isdigit() and not is_running(int(pid)):
            leftover.unlink(missing_ok=True)


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's
        return True
    return True
