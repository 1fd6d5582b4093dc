"""Stage 3: order the routes as FastAPI must match them, and name them.

Starlette tries routes in registration order and takes the first full match,
so the order is by specificity: at each depth a static segment comes before a
parameter, and a parameter before a catch-all; ties go by path text, then by
method. Mistakes that only show across files (two files for one route,
sibling parameters with different names) are found here, and each route
gets the settings of the folders above it.
"""

from __future__ import annotations

import difflib
import keyword
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from codegen.diagnostics import START, Code, Diagnostic, has_errors
from codegen.discover import Method, RouteFile, SegmentKind
from codegen.naming import route_names, url_builder_names
from codegen.parse import FolderSettings, Handler, RouteSpec
from codegen.registration import (
    DERIVED_ARGUMENTS,
    accepted_keys,
    registration_method,
)
from codegen.source import Expression

METHOD_ORDER = {method: index for index, method in enumerate(Method)}
# Starlette's own rule for a `{name}` in a path.
PARAMETER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Annotation or default text showing the handler can read path parameters itself.
READS_PATH_ITSELF = re.compile(
    r"\b(Request|WebSocket|HTTPConnection|Depends|Security)\b"
)


@dataclass(frozen=True)
class MergedOption:
    """A registration keyword argument and every value given for it.

    Values come root folder first, the route's own `meta` last; several
    values merge into one list (`dependencies`, `tags`) or dict (`responses`).
    """

    key: str
    values: tuple[Expression, ...]


@dataclass(frozen=True)
class PlannedRoute:
    """A route in its place in the table, with its names, URL and options.

    The alias, unique and derived from the file's location, is what its
    module is imported as. The name is its `name=` (for `url_path_for`, and
    by default its OpenAPI operationId): the alias, unless `meta` keeps the
    route's own, which several routes may share as in any FastAPI app.
    """

    spec: RouteSpec
    alias: str
    name: str
    url: str  # the path, with a trailing `/` if the route declares one
    url_builder: str  # the name of its path's builder in the typed URL module
    options: tuple[MergedOption, ...]

    @property
    def method(self) -> Method:
        return self.spec.file.method


@dataclass(frozen=True)
class Plan:
    """The route table in match order, or the errors that prevent it.

    Warnings come with a table; errors come without one.
    """

    routes: tuple[PlannedRoute, ...]
    diagnostics: tuple[Diagnostic, ...]


def plan(specs: Iterable[RouteSpec], settings: Iterable[FolderSettings] = ()) -> Plan:
    """Validate the specs together and order them into the route table."""
    ordered = sorted(specs, key=lambda spec: match_order(spec.file))
    folders = sorted(settings, key=lambda folder: len(folder.folder.parts))
    urls = {spec.file: route_url(spec, folders) for spec in ordered}
    diagnostics = [
        *invalid_meta_keys(ordered),
        *invalid_parameters(ordered),
        *duplicate_routes(ordered, urls),
        *mismatched_parameters(ordered),
        *unused_path_parameters(ordered),
    ]
    if has_errors(diagnostics):
        return Plan((), tuple(diagnostics))
    aliases = route_names(spec.file for spec in ordered)
    builders = url_builder_names((urls[spec.file], spec.file) for spec in ordered)
    routes = tuple(
        PlannedRoute(
            spec,
            alias=aliases[spec.file],
            name=spec.name or aliases[spec.file],
            url=urls[spec.file],
            url_builder=builders[urls[spec.file]],
            options=merged_options(spec, folders),
        )
        for spec in ordered
    )
    return Plan(routes, tuple(diagnostics))


def route_url(spec: RouteSpec, folders: Iterable[FolderSettings]) -> str:
    """The file's path, ending with `/` if the file or its nearest folder that
    decides says so (`trailing_slash = True`)."""
    trailing = spec.trailing_slash
    if trailing is None:
        for folder in folders:  # root first: the nearest decides
            inside = folder.folder in spec.file.path.parents
            if inside and folder.trailing_slash is not None:
                trailing = folder.trailing_slash
    url = spec.file.url
    return f"{url}/" if trailing and url != "/" else url


def merged_options(
    spec: RouteSpec, folders: Iterable[FolderSettings]
) -> tuple[MergedOption, ...]:
    """The route's own options, after those of every folder above it.

    A websocket takes only the folder settings its registration accepts
    (`dependencies`); `tags` and `responses` describe HTTP operations.
    """
    accepted = accepted_keys(spec.file.method)
    values: dict[str, list[Expression]] = {}
    for folder in folders:
        if folder.folder in spec.file.path.parents:
            for option in folder.options:
                if option.key in accepted:
                    values.setdefault(option.key, []).append(option.value)
    for option in spec.meta:
        values.setdefault(option.key, []).append(option.value)
    return tuple(MergedOption(key, tuple(exprs)) for key, exprs in values.items())


def match_order(file: RouteFile) -> tuple[tuple[tuple[int, str], ...], int]:
    """Sort key: per segment (kind, text), then the method."""
    segments = tuple((segment.kind.value, segment.name) for segment in file.segments)
    return segments, METHOD_ORDER[file.method]


def invalid_meta_keys(specs: Iterable[RouteSpec]) -> Iterator[Diagnostic]:
    for spec in specs:
        for entry in spec.meta:
            if entry.key in DERIVED_ARGUMENTS:
                yield Diagnostic(
                    str(spec.file.path),
                    entry.position,
                    Code.META_KEY_RESERVED,
                    f"`meta` cannot set {entry.key!r}: the generator derives it "
                    "from the file's location",
                    hint="remove the key; move or rename the file to change it",
                )
                continue
            accepted = accepted_keys(spec.file.method)
            if entry.key not in accepted:
                yield Diagnostic(
                    str(spec.file.path),
                    entry.position,
                    Code.META_KEY_UNKNOWN,
                    f"`meta` key {entry.key!r} is not an argument of "
                    f"`APIRouter.{registration_method(spec.file.method)}`",
                    hint=did_you_mean(entry.key, accepted),
                )


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "accepted keys: " + ", ".join(sorted(choices))


def invalid_parameters(specs: Iterable[RouteSpec]) -> Iterator[Diagnostic]:
    for spec in specs:
        segments = spec.file.segments
        for index, segment in enumerate(segments):
            if segment.kind is SegmentKind.STATIC:
                continue
            if not PARAMETER_NAME.fullmatch(segment.name) or keyword.iskeyword(
                segment.name
            ):
                yield Diagnostic(
                    str(spec.file.path),
                    START,
                    Code.INVALID_PARAMETER_NAME,
                    f"folder `{segment.folder}` names parameter {segment.name!r}, "
                    "which is not an ASCII Python identifier",
                    hint="the handler must accept it as an argument; use "
                    "letters, digits and `_`, e.g. `$user_id`",
                )
            parameters_before = {
                earlier.name
                for earlier in segments[:index]
                if earlier.kind is not SegmentKind.STATIC
            }
            if segment.name in parameters_before:
                yield Diagnostic(
                    str(spec.file.path),
                    START,
                    Code.PARAMETER_REPEATED,
                    f"parameter {segment.name!r} appears twice in `{spec.file.url}`",
                    hint=f"rename one of the `{segment.folder}` folders: each path "
                    "parameter becomes an argument of the handler",
                )
            if segment.kind is SegmentKind.CATCH_ALL and index != len(segments) - 1:
                yield Diagnostic(
                    str(spec.file.path),
                    START,
                    Code.CATCH_ALL_NOT_LAST,
                    f"catch-all folder `{segment.folder}` must be the last folder "
                    "of a route",
                    hint="move the route files into the catch-all folder itself",
                )


def duplicate_routes(
    specs: Iterable[RouteSpec], urls: dict[RouteFile, str]
) -> Iterator[Diagnostic]:
    by_route: defaultdict[tuple[str, Method], list[RouteSpec]] = defaultdict(list)
    for spec in specs:
        for method in spec.file.methods:
            by_route[urls[spec.file], method].append(spec)
    for (url, method), same in by_route.items():
        first, *others = sorted(same, key=lambda spec: spec.file.path)
        for other in others:
            yield Diagnostic(
                str(other.file.path),
                START,
                Code.DUPLICATE_ROUTE,
                f"{method.label} {url} is also defined by {first.file.path}",
                hint="groups `(name)` add no URL segment; remove one of the files",
            )


def mismatched_parameters(specs: Iterable[RouteSpec]) -> Iterator[Diagnostic]:
    """Sibling parameter folders must share one name.

    FastAPI would match `/users/{id}` and `/users/{user_id}` alike and send
    every request to whichever comes first.
    """
    names: defaultdict[tuple[str, ...], dict[str, RouteSpec]] = defaultdict(dict)
    for spec in specs:
        for index, segment in enumerate(spec.file.segments):
            if segment.kind is SegmentKind.STATIC:
                continue
            parent = tuple(s.url for s in spec.file.segments[:index])
            shape = (*parent, segment.kind.name)
            names[shape].setdefault(segment.folder, spec)
    for siblings in names.values():
        (first_folder, first), *others = sorted(
            siblings.items(), key=lambda item: item[0]
        )
        for folder, spec in others:
            yield Diagnostic(
                str(spec.file.path),
                START,
                Code.PARAMETER_NAME_MISMATCH,
                f"parameter folder `{folder}` has a sibling `{first_folder}` "
                f"(used by {first.file.path})",
                hint="give sibling parameter folders one name and move the "
                "files into that folder",
            )


def unused_path_parameters(specs: Iterable[RouteSpec]) -> Iterator[Diagnostic]:
    """A path parameter the handler does not take by name is a likely typo.

    `def handler(id: int)` under `$order_id/` makes `id` a required query
    parameter. A handler that takes the request, the websocket or a
    dependency may read the parameter there, so it is not warned about.
    """
    for spec in specs:
        handler = spec.handler
        if reads_path_itself(handler):
            continue
        accepted = {parameter.name for parameter in handler.parameters}
        for segment in spec.file.segments:
            if segment.kind is SegmentKind.STATIC or segment.name in accepted:
                continue
            yield Diagnostic(
                str(spec.file.path),
                handler.position,
                Code.PATH_PARAMETER_UNUSED,
                f"`handler` takes no parameter `{segment.name}` for the path "
                f"parameter from `{segment.folder}`",
                hint=f"add `{segment.name}: str` (or another type) to `handler`; "
                "a differently named parameter becomes a query parameter",
            )


def reads_path_itself(handler: Handler) -> bool:
    return handler.takes_any_keyword or any(
        READS_PATH_ITSELF.search(f"{p.annotation or ''} {p.default or ''}")
        for p in handler.parameters
    )
