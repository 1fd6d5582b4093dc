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
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from codegen.diagnostics import START, Code, Diagnostic, has_errors
from codegen.discover import Method, RouteFile, SegmentKind
from codegen.naming import is_exact, route_name, unique_names, url_builder_name
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


@dataclass(frozen=True, eq=False)
class PlannedRoute:
    """A route in its place in the table, with its names, URL and options.

    The alias, unique and derived from the file's location, is what its
    module is imported as. The name is its `name=` (for `url_path_for`, and
    by default its OpenAPI operationId): the alias, unless `meta` keeps the
    route's own, which several routes may share as in any FastAPI app.

    Compared by identity: the planner hands out the same object while the
    route is unchanged, so later stages can remember what they made of it.
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
    return Planner(settings).update(specs)


# Routes added at once beyond which sorting the whole order is cheaper than
# inserting each in its place.
INSERT_AT_MOST = 32
# The routes a check or a name must see together: those sharing a path and
# method, sibling parameter folders, and those that would share a name.
GroupKey = tuple[object, ...]
# Where a route sorts: by `match_order`, then by path (discovery order).
Order = tuple[tuple[tuple[int, str], ...], int, PurePosixPath]


@dataclass(frozen=True)
class RouteFacts:
    """What a route is on its own, before it meets the others."""

    spec: RouteSpec
    order: Order  # its place in match order
    url: str
    options: tuple[MergedOption, ...]
    diagnostics: tuple[Diagnostic, ...]
    groups: tuple[GroupKey, ...]


class Planner:
    """The route table, kept up to date as the route files change.

    `plan` is a planner's first update. The watch loop keeps its planner (for
    as long as no folder's settings change) and hands it every spec on each
    run; only specs that are not the very objects it saw last time are read
    again, with the groups they are in, so a save costs the same in a tree of
    100 routes or 5,000.
    """

    def __init__(self, settings: Iterable[FolderSettings]) -> None:
        self.folders = sorted(settings, key=lambda folder: len(folder.folder.parts))
        self.facts: dict[PurePosixPath, RouteFacts] = {}
        self.order: list[Order] = []  # sorted
        self.members: defaultdict[GroupKey, set[PurePosixPath]] = defaultdict(set)
        self.group_diagnostics: dict[GroupKey, list[Diagnostic]] = {}
        self.aliases: dict[PurePosixPath, str] = {}
        self.builders: dict[str, str] = {}  # url -> its builder's name
        self.builder_urls: dict[GroupKey, set[str]] = {}
        self.routes: dict[PurePosixPath, PlannedRoute] = {}
        self.problems: dict[PurePosixPath, tuple[Diagnostic, ...]] = {}
        self.unsettled: set[PurePosixPath] = set()  # routes whose names may change

    def update(self, specs: Iterable[RouteSpec]) -> Plan:
        """The route table of exactly `specs`."""
        current = {spec.file.path: spec for spec in specs}
        changed: set[GroupKey] = set()
        for path in [
            path
            for path, facts in self.facts.items()
            if current.get(path) is not facts.spec
        ]:
            changed.update(self._remove(path))
        added = [
            self._add(spec) for path, spec in current.items() if path not in self.facts
        ]
        if len(added) > INSERT_AT_MOST:
            self.order.extend(facts.order for facts in added)
            self.order.sort()
        else:
            for facts in added:
                insort(self.order, facts.order)
        changed.update(group for facts in added for group in facts.groups)
        for group in changed:
            self._settle(group)
        return self._plan()

    def _add(self, spec: RouteSpec) -> RouteFacts:
        """Take the route in; its place in `order` is the caller's to make."""
        facts = route_facts(spec, self.folders)
        self.facts[spec.file.path] = facts
        if facts.diagnostics:
            self.problems[spec.file.path] = facts.diagnostics
        self.unsettled.add(spec.file.path)
        for group in facts.groups:
            self.members[group].add(spec.file.path)
        return facts

    def _remove(self, path: PurePosixPath) -> tuple[GroupKey, ...]:
        facts = self.facts.pop(path)
        del self.order[bisect_left(self.order, facts.order)]
        for group in facts.groups:
            self.members[group].discard(path)
        self.aliases.pop(path, None)
        self.routes.pop(path, None)
        self.problems.pop(path, None)
        self.unsettled.discard(path)
        return facts.groups

    def _settle(self, group: GroupKey) -> None:
        """Check a group again, and name its members again."""
        members = list(self.members[group])
        if len(members) > 1:
            members.sort(key=lambda path: self.facts[path].order)
        kind = group[0]
        if not members:
            del self.members[group]
            self.group_diagnostics.pop(group, None)
        elif kind == "route":
            url, method = group[1:]
            assert isinstance(url, str) and isinstance(method, Method)
            self.group_diagnostics[group] = duplicate_routes(
                [self.facts[path].spec for path in members], url, method
            )
        elif kind == "parameter":
            shape = group[1]
            assert isinstance(shape, tuple)
            self.group_diagnostics[group] = mismatched_parameters(
                [self.facts[path].spec for path in members], index=len(shape) - 1
            )
        elif kind == "name":
            self.unsettled.update(members)
            self.aliases.update(
                unique_names(
                    str(group[1]),
                    members,
                    exact=lambda path: is_exact(self.facts[path].spec.file),
                    identity=str,
                )
            )
        else:  # a builder's name, for each path of the routes that share it
            for url in self.builder_urls.pop(group, ()):
                del self.builders[url]
            files = {
                self.facts[path].url: self.facts[path].spec.file for path in members
            }
            self.builder_urls[group] = set(files)
            self.unsettled.update(members)
            self.builders.update(
                unique_names(
                    str(group[1]),
                    files,
                    exact=lambda url: is_exact(files[url]),
                    identity=lambda url: url,
                )
            )

    def _plan(self) -> Plan:
        diagnostics = sorted(
            [
                *(d for found in self.problems.values() for d in found),
                *(d for found in self.group_diagnostics.values() for d in found),
            ],
            key=Diagnostic.sort_key,
        )
        if has_errors(diagnostics):
            return Plan((), tuple(diagnostics))
        for path in self.unsettled:
            self._settle_route(path)
        self.unsettled.clear()
        routes = tuple(self.routes[path] for _, _, path in self.order)
        return Plan(routes, tuple(diagnostics))

    def _settle_route(self, path: PurePosixPath) -> None:
        """The route in the table: the same object as before if its names and
        spec are, so that later stages can tell it is unchanged."""
        facts = self.facts[path]
        alias, builder = self.aliases[path], self.builders[facts.url]
        known = self.routes.get(path)
        if (
            known is None
            or known.spec is not facts.spec
            or known.alias != alias
            or known.url_builder != builder
        ):
            self.routes[path] = PlannedRoute(
                facts.spec,
                alias=alias,
                name=facts.spec.name or alias,
                url=facts.url,
                url_builder=builder,
                options=facts.options,
            )


def route_facts(spec: RouteSpec, folders: Sequence[FolderSettings]) -> RouteFacts:
    file = spec.file
    url = route_url(spec, folders)
    shapes = [shape for shape, _ in parameter_shapes(file)]
    return RouteFacts(
        spec,
        order=(*match_order(file), file.path),
        url=url,
        options=merged_options(spec, folders),
        diagnostics=(
            *invalid_meta_keys([spec]),
            *invalid_parameters([spec]),
            *unused_path_parameters([spec]),
        ),
        groups=(
            *(("route", url, method) for method in file.methods),
            *(("parameter", shape) for shape in shapes),
            ("name", route_name(file)),
            ("builder", url_builder_name(file)),
        ),
    )


def parameter_shapes(file: RouteFile) -> list[tuple[tuple[str, ...], str]]:
    """Each parameter folder of a route file, by the shape of its place (the
    URL segments before it, and its kind): sibling folders share one name."""
    urls = [segment.url for segment in file.segments]
    return [
        ((*urls[:index], segment.kind.name), segment.folder)
        for index, segment in enumerate(file.segments)
        if segment.kind is not SegmentKind.STATIC
    ]


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
    specs: Sequence[RouteSpec], url: str, method: Method
) -> list[Diagnostic]:
    """Each file but the first that declares the same route."""
    first, *others = sorted(specs, key=lambda spec: spec.file.path)
    return [
        Diagnostic(
            str(other.file.path),
            START,
            Code.DUPLICATE_ROUTE,
            f"{method.label} {url} is also defined by {first.file.path}",
            hint="groups `(name)` add no URL segment; remove one of the files",
        )
        for other in others
    ]


def mismatched_parameters(specs: Sequence[RouteSpec], index: int) -> list[Diagnostic]:
    """Sibling parameter folders (segment `index` of `specs`, in match order)
    must share one name.

    FastAPI would match `/users/{id}` and `/users/{user_id}` alike and send
    every request to whichever comes first.
    """
    first_by_folder: dict[str, RouteSpec] = {}
    for spec in specs:
        first_by_folder.setdefault(spec.file.segments[index].folder, spec)
    (first_folder, first), *others = sorted(
        first_by_folder.items(), key=lambda item: item[0]
    )
    return [
        Diagnostic(
            str(spec.file.path),
            START,
            Code.PARAMETER_NAME_MISMATCH,
            f"parameter folder `{folder}` has a sibling `{first_folder}` "
            f"(used by {first.file.path})",
            hint="give sibling parameter folders one name and move the "
            "files into that folder",
        )
        for folder, spec in others
    ]


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
