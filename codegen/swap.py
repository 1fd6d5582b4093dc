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
# A top-level function, and the comment above it that names a route's file.
FUNCTION = re.compile(
    r"^(?:# [^\n]*  \((?P<file>[^\n]+)\)\n)?def (?P<name>\w+)\(", re.MULTILINE
)


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
class RouterSwap:
    """What the server does to take in a save: the message it is sent."""

    router: str  # the router module's file
    forget: tuple[str, ...]  # the saved route files, imported afresh
    define: tuple[Definition, ...]  # the functions to run again
    rebuild: tuple[str, ...]  # the functions whose routes are built anew
    urls: str | None  # the URL builders' file, if it changed

    @property
    def route_files(self) -> list[str]:
        return [path for path in self.forget if path.endswith(".py")]

    @property
    def takes_in_anything(self) -> bool:
        return bool(self.route_files or self.define)

    def message(self) -> str:
        return json.dumps(asdict(self))


def route_swap(
    config: Config,
    saved: Collection[Path],
    old: RouterText,
    new: RouterText,
    urls_changed: bool,
) -> RouterSwap | str:
    """The swap that takes the router from `old` to `new`, what the generator
    wrote after `saved` changed; or why the server must restart."""
    forget = saved_route_files(config, saved)
    if isinstance(forget, str):
        return forget
    if old.header != new.header or helpers(old) != helpers(new):
        return f"{config.relative(config.output)} changed beyond its routes"
    files = {config.relative(path) for path in forget}
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
        forget=tuple(str(path) for path in sorted(forget)),
        define=tuple(new.functions[name] for name in changed),
        rebuild=tuple(sorted(rebuild)),
        urls=str(config.urls) if urls_changed else None,
    )


def saved_route_files(config: Config, saved: Collection[Path]) -> set[Path] | str:
    """The route files (and folders gone) whose modules the server must
    forget; or the first saved file that is no route file.

    A dot-file is no module (an editor's lock file, say). A path that is gone
    and was no Python file was a folder, or a file an editor wrote while
    saving: the modules under it, if any, are forgotten. A new folder is
    taken in if every file in it is a route file.
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
    forget = set()
    for path in sorted(paths):
        if path.name.startswith("."):
            continue
        gone_and_no_module = not path.exists() and path.suffix != ".py"
        if not (gone_and_no_module or is_route_file(config, path)):
            return f"{config.relative(path)} is not a route file"
        forget.add(path)
    return forget


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
