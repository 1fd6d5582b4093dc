"""Stage 1: find the route files in the routes tree and their URL segments.

Only names on disk are read here; file contents are the parse stage's job.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from codegen.diagnostics import START, Code, Diagnostic


class Method(Enum):
    """What a route file's name declares: an HTTP method, or a WebSocket."""

    GET = "get"
    HEAD = "head"
    POST = "post"
    PUT = "put"
    PATCH = "patch"
    DELETE = "delete"
    OPTIONS = "options"
    WEBSOCKET = "ws"

    @property
    def label(self) -> str:
        """How the route table shows it: `GET`, ..., `WS`."""
        return self.value.upper()


class SegmentKind(Enum):
    """How a folder matches a URL segment. Declared in match priority order."""

    STATIC = 0
    PARAMETER = 1
    CATCH_ALL = 2


@dataclass(frozen=True)
class Segment:
    """One folder of a route's location, as it appears in the URL."""

    kind: SegmentKind
    name: str  # the URL text for a static segment, else the parameter name
    folder: str  # the folder's name on disk

    @property
    def url(self) -> str:
        """The segment in FastAPI's path syntax."""
        if self.kind is SegmentKind.PARAMETER:
            return f"{{{self.name}}}"
        if self.kind is SegmentKind.CATCH_ALL:
            return f"{{{self.name}:path}}"
        return self.name


@dataclass(frozen=True)
class RouteFile:
    """A file that declares one route: where it is and what it answers."""

    path: PurePosixPath  # relative to the project root
    module: str  # the dotted module name it is imported as
    segments: tuple[Segment, ...]
    method: Method

    @property
    def url(self) -> str:
        """The route's path, e.g. `/users/{user_id}`."""
        return "/" + "/".join(segment.url for segment in self.segments)


@dataclass(frozen=True)
class SettingsFile:
    """A folder's `__init__.py`, whose settings apply to every route below it."""

    path: PurePosixPath  # relative to the project root
    module: str  # the dotted name of the folder's package


@dataclass(frozen=True)
class Discovery:
    """The route and settings files under the routes folder, and the misnamed."""

    files: tuple[RouteFile, ...]
    settings: tuple[SettingsFile, ...]
    diagnostics: tuple[Diagnostic, ...]


ROUTE_FILE_NAMES = {f"{method.value}.py": method for method in Method}
FOLDER_SETTINGS = "__init__.py"


def discover(root: Path, routes: Path) -> Discovery:
    """Walk `routes` (inside project `root`) in name order, without reading files."""
    walk = _Walk(root)
    walk.folder(routes, ())
    return Discovery(tuple(walk.files), tuple(walk.settings), tuple(walk.diagnostics))


class _Walk:
    """What a walk of the tree has found so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[RouteFile] = []
        self.settings: list[SettingsFile] = []
        self.diagnostics: list[Diagnostic] = []

    def folder(self, folder: Path, segments: tuple[Segment, ...]) -> None:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            if is_ignored(entry.name):
                continue
            path = Path(entry.path)
            relative = PurePosixPath(path.relative_to(self.root).as_posix())
            if entry.is_dir(follow_symlinks=False):
                segment = folder_segment(entry.name)
                self.folder(path, segments if segment is None else (*segments, segment))
            elif entry.name == FOLDER_SETTINGS:
                module = ".".join(relative.parent.parts)
                self.settings.append(SettingsFile(relative, module))
            elif entry.name in ROUTE_FILE_NAMES:
                self.files.append(
                    RouteFile(
                        path=relative,
                        module=".".join(relative.with_suffix("").parts),
                        segments=segments,
                        method=ROUTE_FILE_NAMES[entry.name],
                    )
                )
            elif entry.name.endswith(".py"):
                self.diagnostics.append(unknown_route_file(relative))


def is_ignored(name: str) -> bool:
    """Private helpers (`_name`), dot-files and `__pycache__` are never routes."""
    return name.startswith(("_", ".")) and name != FOLDER_SETTINGS


def folder_segment(name: str) -> Segment | None:
    """The URL segment a folder adds; `None` for a `(group)` folder."""
    if name.startswith("(") and name.endswith(")"):
        return None
    if name.startswith("$..."):
        return Segment(SegmentKind.CATCH_ALL, name.removeprefix("$..."), name)
    if name.startswith("$"):
        return Segment(SegmentKind.PARAMETER, name.removeprefix("$"), name)
    return Segment(SegmentKind.STATIC, name, name)


def unknown_route_file(path: PurePosixPath) -> Diagnostic:
    """A `.py` file that is no route: report it rather than drop it silently."""
    close = difflib.get_close_matches(path.name, ROUTE_FILE_NAMES, n=1, cutoff=0.6)
    rename = f"rename it to `{close[0]}`" if close else "rename it to a method name"
    return Diagnostic(
        path=str(path),
        position=START,
        code=Code.UNKNOWN_ROUTE_FILE,
        message=f"`{path.name}` is not a route file name",
        hint=(
            f"{rename} (get, post, put, patch, delete, head, options, ws), "
            f"or to `_{path.name}` if it is a helper module"
        ),
    )
