"""Writing a set of files so that all of them can be put back as they were."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from codegen.output import write_atomically


class Transaction:
    """Files written through it are restored byte for byte by `undo`; files and
    folders it created are removed."""

    def __init__(self) -> None:
        self.saved: dict[Path, bytes | None] = {}
        self.folders: list[Path] = []

    def __enter__(self) -> Transaction:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Anything that stops the block (Ctrl-C, say) undoes every write."""
        if kind is not None:
            self.undo()

    def write(self, path: Path, text: str) -> None:
        if path not in self.saved:
            self.saved[path] = path.read_bytes() if path.exists() else None
        missing = [parent for parent in path.parents if not parent.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            self.folders.append(folder)
        if self.saved[path] is None:  # a new file: `undo` removes it whole
            path.write_text(text, encoding="utf-8")
        else:
            write_atomically(path, text.encode("utf-8"))

    def undo(self) -> None:
        for path, data in self.saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, data)
        for folder in reversed(self.folders):
            for cache in folder.glob("__pycache__"):
                for compiled in cache.iterdir():
                    compiled.unlink()
                cache.rmdir()
            folder.rmdir()
