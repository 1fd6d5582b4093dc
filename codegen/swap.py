"""What a save of route files changed in the generated router, for `codegen
dev` to apply to the running server instead of restarting it.

The router is a header (imports, helpers), `add_routes` (the route table)
and one `add_<route>` function per route, after a comment naming the route
and its file. A save that changes only route files changes the table and
some route functions: the server runs the changed definitions again, imports
the saved files afresh, and builds anew the routes they define; the other
routes stay as they are, built or not. Anything else restarts the server:
a file that is not a route file, a change to the router's header, a failed
run of the generator. The server itself refuses what it cannot swap exactly
(see dev_server.py), and is then restarted too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path

from codegen.config import Config
from codegen.discover import is_ignored, route_file_methods

TABLE = "add_routes"
# A top-level function after two blank lines, as the formatter leaves it,
# and the comment above it that names a route's file. (A line of a string
# that looks like one only cuts a function in two: that restarts.)
FUNCTION = re.compile(
    r"(?<=\n\n\n)(?:# [^\n]*  \((?P<file>[^\n]+)\)\n)?def (?P<name>\w+)\(",
)
# What editors write beside a file while saving it, and remove.
EDITOR_FILES = re.compile(r"^[.#]|~$")


@dataclass(frozen=True)
class Definition:
    """A top-level function of the router: its text, and its first line."""

    source: str
    line: int
    file: str | None  # the route file it adds, for a route's function


@dataclass(frozen=True)
class RouterText:
    """The router module cut at its top-level functions."""

    header: str
    functions: dict[str, Definition]

    @classmethod
    def cut(cls, text: str) -> RouterText:
        functions = {}
        starts = list(FUNCTION.finditer(text))
        line, counted = 1, 0
        for match, following in zip(starts, [*starts[1:], None], strict=True):
            line += text.count("\n", counted, match.start())
            counted = match.start()
            end = following.start() if following else len(text)
            source = text[match.start() : end].rstrip("\n") + "\n"
            functions[match["name"]] = Definition(source, line, match["file"])
        header = text[: starts[0].start()] if starts else text
        return cls(header, functions)


@dataclass(frozen=True)
class Restart:
    """Why a save can only be taken in by restarting the server."""

    reason: str


@dataclass(frozen=True)
class RouterSwap:
    """What the server does to take in a save: the message it is sent."""

    router: str  # the router module's file
    saved: tuple[str, ...]  # route files, and folders gone: imported afresh
    define: tuple[Definition, ...]  # the functions to run again
    remove: tuple[str, ...]  # the functions of routes gone
    rebuild: tuple[str, ...]  # the functions whose routes are built anew
    urls: str | None  # the URL builders' file, if it changed

    @property
    def route_files(self) -> list[str]:
        return [path for path in self.saved if path.endswith(".py")]

    @property
    def is_empty(self) -> bool:
        """Nothing to take in: a folder made, say, and nothing in it yet."""
        return not (self.route_files or self.define or self.remove)

    def message(self) -> str:
        return json.dumps(asdict(self))


def route_swap(
    config: Config,
    saved: Collection[Path],
    old: RouterText,
    new: RouterText,
    urls_changed: bool,
) -> RouterSwap | Restart:
    """The swap that takes the router from `old` to `new`, what the generator
    wrote after `saved` changed; or why the server must restart."""
    paths = saved_route_files(config, saved)
    if isinstance(paths, Restart):
        return paths
    if old.header != new.header or helpers(old) != helpers(new):
        return Restart(f"{config.relative(config.output)} changed beyond its routes")
    files = {config.relative(path) for path in paths}
    changed = [
        name
        for name, definition in new.functions.items()
        if name not in old.functions or old.functions[name].source != definition.source
    ]
    rebuild = {
        name
        for name, definition in new.functions.items()
        if definition.file is not None and (name in changed or definition.file in files)
    }
    return RouterSwap(
        router=str(config.output),
        saved=tuple(str(path) for path in sorted(paths)),
        define=tuple(new.functions[name] for name in changed),
        remove=tuple(sorted(old.functions.keys() - new.functions.keys())),
        rebuild=tuple(sorted(rebuild)),
        urls=str(config.urls) if urls_changed else None,
    )


def saved_route_files(config: Config, saved: Collection[Path]) -> set[Path] | Restart:
    """The saved route files and the folders gone, whose modules the server
    forgets; or a restart, for the first saved file that is no route file.

    A new folder is taken in if every file in it is a route file. A path
    gone without a suffix was a folder (or an editor's scratch file): the
    server forgets what was loaded from it, and restarts if another module
    imported any of that. What editors write beside a file while saving
    (`.#get.py`, `#get.py#`, `get.py~`) is no module and does not count.
    """
    paths: set[Path] = set()
    for path in saved:
        if path.is_dir():
            paths.update(
                file
                for file in path.rglob("*")
                if file.is_file() and "__pycache__" not in file.parts
            )
        else:
            paths.add(path)
    taken = set()
    for path in sorted(paths):
        if EDITOR_FILES.search(path.name):
            continue
        gone_folder = not path.exists() and not path.suffix
        if not (gone_folder or is_route_file(config, path)):
            return Restart(f"{config.relative(path)} is not a route file")
        taken.add(path)
    return taken


def helpers(router: RouterText) -> dict[str, str]:
    """The router's functions that are neither the table nor a route's."""
    return {
        name: definition.source
        for name, definition in router.functions.items()
        if definition.file is None and name != TABLE
    }


def is_route_file(config: Config, path: Path) -> bool:
    """A file that declares routes: not a folder's settings, nor a helper,
    nor anything in a private folder."""
    if not path.is_relative_to(config.routes):
        return False
    parts = path.relative_to(config.routes).parts
    return bool(route_file_methods(parts[-1])) and not any(map(is_ignored, parts))
