"""Stage 1: find the route files in the routes tree and their URL segments.

Only names on disk are read here; file contents are the parse stage's job.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from codegen.diagnostics import START, Code, Diagnostic, unreadable
from codegen.tree import Entry, Snapshot, snapshot


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

    def __hash__(self) -> int:
        # Its path alone tells it apart; hashing every segment each time a
        # file keys a dict costs most of planning a large tree.
        return hash(self.path)

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


# What each folder's subtree held when last walked, for a walk to reuse.
Found = dict[str, Discovery]


def discover(
    root: Path,
    routes: Path,
    tree: Snapshot | None = None,
    found: Found | None = None,
    changed: Collection[str] = (),
) -> Discovery:
    """The route files of `routes` (inside project `root`), in name order.

    Reads the folders' listings from `tree` (a snapshot of them), or from
    disk. With `found`, the subtrees an earlier walk found are taken from it
    unless a folder in them is among the `changed` (listed again since), and
    this walk's subtrees are added to it. Depth-first with a stack of folder
    walks rather than recursion, so that however deep the tree, the walk
    cannot exhaust Python's stack.
    """
    walk = _Walk(tree if tree is not None else snapshot(root, routes), found, changed)
    top = routes.relative_to(root).as_posix()
    pending = [(top, walk.folder(top, ()), walk.marks())]
    while pending:
        relative, folder, marks = pending[-1]
        subfolder = next(folder, None)
        if subfolder is None:
            pending.pop()
            walk.record(relative, marks)
        else:
            pending.append((*subfolder, walk.marks()))
    return Discovery(tuple(walk.files), tuple(walk.settings), tuple(walk.diagnostics))


FolderWalk = Iterator[tuple[str, "FolderWalk"]]


class _Walk:
    """What a walk of the tree has found so far."""

    def __init__(
        self, tree: Snapshot, found: Found | None, changed: Collection[str]
    ) -> None:
        self.tree = tree
        self.found = found
        # A subtree is found again if no folder in it changed: not if it is a
        # changed folder or one above it.
        self.stale = {
            "/".join(parts[:end])
            for folder in changed
            for parts in [folder.split("/")]
            for end in range(1, len(parts) + 1)
        }
        self.files: list[RouteFile] = []
        self.settings: list[SettingsFile] = []
        self.diagnostics: list[Diagnostic] = []

    def marks(self) -> tuple[int, int, int]:
        return len(self.files), len(self.settings), len(self.diagnostics)

    def record(self, relative: str, marks: tuple[int, int, int]) -> None:
        """Keep what the walk of `relative` found since `marks`, for reuse."""
        if self.found is None:
            return
        files, settings, diagnostics = marks
        self.found[relative] = Discovery(
            tuple(self.files[files:]),
            tuple(self.settings[settings:]),
            tuple(self.diagnostics[diagnostics:]),
        )

    def reused(self, relative: str) -> bool:
        """Add what an earlier walk found in `relative`, if it is unchanged."""
        if self.found is None or relative in self.stale:
            return False
        earlier = self.found.get(relative)
        if earlier is None:
            return False
        self.files.extend(earlier.files)
        self.settings.extend(earlier.settings)
        self.diagnostics.extend(earlier.diagnostics)
        return True

    def folder(self, relative: str, segments: tuple[Segment, ...]) -> FolderWalk:
        """Record the folder's files; yield the walk of each subfolder, in order."""
        listing = self.tree[relative]
        if listing.error is not None:
            message = f"cannot read the folder: {listing.error}"
            hint = "check its permissions"
            self.diagnostics.append(unreadable(relative, message, hint))
            return
        entries = [entry for entry in listing.entries if not is_ignored(entry.name)]
        self.diagnostics.extend(case_clashes(relative, entries))
        for entry in entries:
            path = f"{relative}/{entry.name}"
            if entry.is_folder:
                segment = folder_segment(entry.name)
                if segment is not None and segment.kind is SegmentKind.STATIC:
                    self.diagnostics.extend(unsafe_name(path, entry.name))
                inner = segments if segment is None else (*segments, segment)
                if not self.reused(path):
                    yield path, self.folder(path, inner)
            elif entry.links_to_folder:
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


def case_clashes(relative: str, entries: list[Entry]) -> list[Diagnostic]:
    """Folders whose names differ only by case: one folder on macOS and Windows."""
    first: dict[str, str] = {}
    clashes = []
    for entry in entries:
        if not entry.is_folder:
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
