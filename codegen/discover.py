"""Stage 1: find the route files in the routes tree and their URL segments.

Only names on disk are read here; file contents are the parse stage's job.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from codegen.diagnostics import START, Code, Diagnostic, unreadable


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
    """A file that declares one route: where it is and what it answers.

    A route answers one method (`get.py`), or several with one endpoint
    (`get_post.py`, like `@app.api_route(..., methods=["GET", "POST"])`).
    """

    path: PurePosixPath  # relative to the project root
    module: str  # the dotted module name it is imported as
    segments: tuple[Segment, ...]
    methods: tuple[Method, ...]  # in the file name's order

    @property
    def method(self) -> Method:
        """The first method: where the route sorts among its siblings."""
        return self.methods[0]

    @property
    def label(self) -> str:
        """How the route table shows its methods: `GET`, `GET,POST`, `WS`."""
        return ",".join(method.label for method in self.methods)

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
HTTP_METHODS = {
    method.value: method for method in Method if method is not Method.WEBSOCKET
}
FOLDER_SETTINGS = "__init__.py"
BRACKETS = frozenset("{}[]")
NEEDS_ENCODING = frozenset("?#%")  # a query, a fragment, or an escape


def discover(root: Path, routes: Path) -> Discovery:
    """Walk `routes` (inside project `root`) in name order, without reading files.

    Depth-first with a stack of folder walks rather than recursion, so that
    however deep the tree, the walk cannot exhaust Python's stack.
    """
    walk = _Walk(root)
    pending = [walk.folder(routes.relative_to(root).as_posix(), ())]
    while pending:
        subfolder = next(pending[-1], None)
        if subfolder is None:
            pending.pop()
        else:
            pending.append(subfolder)
    return Discovery(tuple(walk.files), tuple(walk.settings), tuple(walk.diagnostics))


FolderWalk = Iterator["FolderWalk"]


class _Walk:
    """What a walk of the tree has found so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[RouteFile] = []
        self.settings: list[SettingsFile] = []
        self.diagnostics: list[Diagnostic] = []

    def folder(self, relative: str, segments: tuple[Segment, ...]) -> FolderWalk:
        """Record the folder's files; yield the walk of each subfolder, in order."""
        try:
            with os.scandir(self.root / relative) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            message = f"cannot read the folder: {error.strerror or error}"
            hint = "check its permissions"
            self.diagnostics.append(unreadable(relative, message, hint))
            return
        entries = [entry for entry in entries if not is_ignored(entry.name)]
        self.diagnostics.extend(case_clashes(relative, entries))
        for entry in entries:
            path = f"{relative}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                segment = folder_segment(entry.name)
                if segment is not None and segment.kind is SegmentKind.STATIC:
                    self.diagnostics.extend(unsafe_name(path, entry.name))
                inner = segments if segment is None else (*segments, segment)
                yield self.folder(path, inner)
            elif entry.is_dir():
                self.diagnostics.append(linked_folder(path))
            elif entry.name == FOLDER_SETTINGS:
                module = ".".join(path.split("/")[:-1])
                self.settings.append(SettingsFile(PurePosixPath(path), module))
            elif methods := route_file_methods(entry.name):
                self.files.append(
                    RouteFile(
                        path=PurePosixPath(path),
                        module=".".join(path.removesuffix(".py").split("/")),
                        segments=segments,
                        methods=methods,
                    )
                )
            elif entry.name.endswith(".py"):
                self.diagnostics.append(unknown_route_file(PurePosixPath(path)))


def route_file_methods(name: str) -> tuple[Method, ...]:
    """The methods a file name declares: `get.py`, `ws.py`, `get_post.py`;
    none for any other name (a method named twice is no route file)."""
    if name in ROUTE_FILE_NAMES:
        return (ROUTE_FILE_NAMES[name],)
    words = name.removesuffix(".py").split("_")
    if not name.endswith(".py") or len(set(words)) != len(words):
        return ()
    methods = tuple(HTTP_METHODS[word] for word in words if word in HTTP_METHODS)
    return methods if len(methods) == len(words) else ()


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


def unsafe_name(path: str, name: str) -> list[Diagnostic]:
    """A static folder whose name a URL cannot carry as written.

    Starlette would read `{id}` as a parameter; `?`, `#`, `%`, spaces and
    control characters would need percent-encoding in every link to it.
    """
    if BRACKETS & set(name):
        problem = "has brackets, which are not how a path parameter is named"
        hint = "a path parameter is a folder named `$name`, e.g. `$id`"
    else:
        unsafe = sorted(
            {
                c
                for c in name
                if c in NEEDS_ENCODING or c.isspace() or not c.isprintable()
            }
        )
        if not unsafe:
            return []
        shown = ", ".join(f"{char!r}" for char in unsafe)
        problem = f"has {shown}, which a URL path cannot hold as written"
        hint = "rename it with letters, digits, `-`, `_`, `.` or `~`"
    return [
        Diagnostic(
            path,
            START,
            Code.FOLDER_NAME_NOT_URL_SAFE,
            f"folder `{name}` {problem}",
            hint,
        )
    ]


def case_clashes(relative: str, entries: list[os.DirEntry[str]]) -> list[Diagnostic]:
    """Folders whose names differ only by case: one folder on macOS and Windows."""
    first: dict[str, str] = {}
    clashes = []
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            continue
        earlier = first.setdefault(entry.name.casefold(), entry.name)
        if earlier != entry.name:
            clashes.append(
                Diagnostic(
                    f"{relative}/{entry.name}",
                    START,
                    Code.FOLDERS_DIFFER_BY_CASE,
                    f"folder `{entry.name}` differs from `{earlier}` only by case",
                    hint="a case-insensitive file system (macOS, Windows) cannot "
                    "check out both; merge them or rename one",
                )
            )
    return clashes


def linked_folder(path: str) -> Diagnostic:
    return Diagnostic(
        path,
        START,
        Code.LINKED_FOLDER,
        f"`{path.rsplit('/', 1)[-1]}` is a link to a folder, which is not followed",
        hint="move the folder into the routes tree: a linked folder can lead out "
        "of the project or back into the tree, in a loop",
    )


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
