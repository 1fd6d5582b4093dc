"""Decide, route by route, what adopting moves where, or why it cannot.

A route can move when its endpoint is a plain function defined at the top
level of one of the app's modules, registered by one route decorator, on
the app or on routers included unconditionally, at a path the conventions
express. Its decorator's options, and those of the routers and
`include_router` calls it came through, become its `meta`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import libcst as cst

from codegen.adopt.live import Include, LiveApp, LiveRoute, Site
from codegen.adopt.modules import Modules, SourceModule
from codegen.diagnostics import START, Code, Diagnostic, Position
from codegen.discover import (
    HTTP_METHODS,
    Method,
    RouteFile,
    Segment,
    SegmentKind,
    folder_segment,
    is_ignored,
    unsafe_name,
)
from codegen.scaffold import ScaffoldError, parse_new_route

ROUTE_DECORATORS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "api_route"}
    | {"websocket", "api_websocket_route"}
)
# Options of a router or an `include_router` call that become route options;
# `prefix` is already part of the live route's path.
ROUTER_OPTIONS = frozenset({"tags", "dependencies", "responses"})
LIST_OPTIONS = frozenset({"tags", "dependencies"})
# Decorator arguments the route file's location or its `meta` name stands for.
LOCATION_ARGUMENTS = frozenset({"path", "methods", "name"})


class Refused(Exception):
    """A route cannot be moved exactly; the diagnostic says where and why.

    `routes` are the ids of the live routes it stops, when more than the one
    being planned (a router's folder settings stop all of its routes).
    """

    def __init__(
        self, diagnostic: Diagnostic, routes: frozenset[int] = frozenset()
    ) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.routes = routes

    def stopping(self, routes: Iterable[LiveRoute]) -> Refused:
        return Refused(self.diagnostic, frozenset(id(route) for route in routes))


@dataclass(frozen=True)
class Snippet:
    """A node of one of the app's modules: an option's value, or part of the
    endpoint; the route file needs the module-level names it uses."""

    module: SourceModule
    node: cst.CSTNode


Options = tuple[tuple[str, Snippet], ...]


@dataclass(frozen=True)
class Layer:
    """A router a route came through: the options of its `include_router`
    call and of its own construction, which apply to each of its routes."""

    router: int  # the live router's id
    options: Options
    computed_prefixes: tuple[Snippet, ...] = ()  # `prefix=settings.prefix`

    def notes(self) -> list[str]:
        """What adopting fixed that the app computed when it started."""
        return [
            f"{prefix.module.relative}:{prefix.module.line_of(prefix.node)}: "
            f"note: the prefix `{prefix.module.code(prefix.node)}` is computed; its "
            "value when adopted is now part of the folders' names"
            for prefix in self.computed_prefixes
        ]


@dataclass(frozen=True)
class Move:
    """One route, moved to its own file."""

    route: LiveRoute
    module: SourceModule  # where the endpoint is defined
    statement: int  # the endpoint's top-level statement there
    decorator: cst.Decorator  # the one that registered it
    file: RouteFile  # where it goes
    trailing_slash: bool
    layers: tuple[Layer, ...]  # outermost router first
    own: Options  # the decorator's options

    @property
    def function(self) -> cst.FunctionDef:
        node = self.module.module.body[self.statement]
        assert isinstance(node, cst.FunctionDef)
        return node

    def meta(self, in_folders: frozenset[int]) -> dict[str, list[Snippet]]:
        """Its `meta` options, each value outermost router first, leaving out
        routers whose options are folder settings (`in_folders`)."""
        merged: dict[str, list[Snippet]] = {}
        layers = [
            layer.options for layer in self.layers if layer.router not in in_folders
        ]
        for options in (*layers, self.own):
            for key, value in options:
                merged.setdefault(key, []).append(value)
        return merged

    def uses(self, in_folders: frozenset[int]) -> list[Snippet]:
        """Everything whose module-level names the route file must bind."""
        function = self.function
        kept = [each for each in function.decorators if each is not self.decorator]
        nodes = [*kept, function.params, function.body]
        if function.returns is not None:
            nodes.append(function.returns)
        own = [Snippet(self.module, node) for node in nodes]
        meta = self.meta(in_folders).values()
        return own + [value for values in meta for value in values]


def refusal(
    where: SourceModule | str,
    node: cst.CSTNode | None,
    code: Code,
    message: str,
    hint: str | None = None,
) -> Refused:
    """A refusal located at `node` in a module, or at the top of a file."""
    if isinstance(where, str):
        return Refused(Diagnostic(where, START, code, message, hint))
    position = Position(where.line_of(node), where.column_of(node)) if node else START
    return Refused(Diagnostic(where.relative, position, code, message, hint))


def site_refusal(
    site: Site, root: Path, code: Code, message: str, hint: str | None = None
) -> Refused:
    """A refusal located at a line of user code that the live app recorded."""
    path = _relative(site.file, root)
    return Refused(Diagnostic(path, Position(site.line, 1), code, message, hint))


def describe(route: LiveRoute) -> str:
    """`GET /items/{item_id}`, `GET,POST /x`, `WS /ws`, `Mount /static`."""
    if route.kind == "websocket":
        return f"WS {route.path}"
    return f"{','.join(route.methods) or route.kind} {route.path}"


def plan_move(route: LiveRoute, live: LiveApp, modules: Modules, routes: Path) -> Move:
    """How `route` moves into the routes folder `routes`; else `Refused`."""
    root, where = modules.root, describe(route)
    endpoint, registered = route.endpoint, route.registered
    assert endpoint is not None and registered is not None
    if endpoint.function == "<lambda>" or not endpoint.is_function:
        what = "a lambda" if endpoint.is_function else f"a `{endpoint.function}`"
        raise site_refusal(
            registered,
            root,
            Code.ADOPT_NOT_A_FUNCTION,
            f"{where}: the endpoint is {what}, not a function",
            hint="a route file's handler is a `def`; write one that calls it, "
            "or leave the route where it is (--partial)",
        )
    if endpoint.file is None or not _inside(endpoint.file, root):
        sites = [registered, *(include.site for _, include in inclusions(route, live))]
        raise site_refusal(
            next((site for site in sites if _inside(site.file, root)), registered),
            root,
            Code.ADOPT_OUTSIDE_PROJECT,
            f"{where}: the endpoint `{endpoint.qualname}` is defined outside the "
            f"project, in {endpoint.file}",
            hint="only the project's own code moves into the routes folder; "
            "leave the route where it is (--partial)",
        )
    module = modules.get(endpoint.file)
    index = module.statement_at(endpoint.line)
    function = module.module.body[index]
    if (
        not isinstance(function, cst.FunctionDef)
        or function.name.value != endpoint.function
        or endpoint.qualname != endpoint.function
    ):
        raise refusal(
            module,
            function,
            Code.ADOPT_CONDITIONAL,
            f"{where}: `{endpoint.qualname}` is not defined at the top level "
            "(it is inside a condition, a loop, a class or a function)",
            hint="every file in the routes folder is served unconditionally; "
            "leave the route where it is (--partial)",
        )
    decorator = _route_decorator(module, function, where)
    if registered.file != endpoint.file or not _registered_by(
        module, decorator, registered
    ):
        raise refusal(
            module,
            function,
            Code.ADOPT_SEVERAL_ROUTES,
            f"{where}: registered by a call at "
            f"{_relative(registered.file, root)}:{registered.line}, not by its decorator",
            hint="leave the route where it is (--partial)",
        )
    _check_unconditional(registered, module, where)
    if module.declares_global(function):
        raise refusal(
            module,
            function,
            Code.ADOPT_NAME_CANNOT_MOVE,
            f"{where}: `{endpoint.function}` assigns module-level names (`global`)",
            hint="a moved endpoint cannot assign its old module's names",
        )
    methods = _methods(route, module, decorator, where)
    file, trailing_slash = _route_file(route, methods, routes, root, module, decorator)
    layers = _layers(route, live, modules, module, decorator, where)
    route_class = _route_class(route, live, modules, module, decorator, where)
    return Move(
        route,
        module,
        index,
        decorator,
        file,
        trailing_slash,
        layers,
        (*_own(module, decorator), *route_class),
    )


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _inside(path: Path, root: Path) -> bool:
    """Inside the project, and not in an installed package (a virtualenv in it)."""
    return path.is_relative_to(root) and "site-packages" not in path.parts


def _check_unconditional(
    site: Site, module: SourceModule, where: str, factory: Factory | None = None
) -> None:
    """A registration made by a function, or under a condition; an app
    `factory` may include routers in its own body (it does so each time)."""
    index = module.statement_at(site.line)
    if site.at_top_level and module.is_unconditional(index):
        return
    in_factory = factory == (module.path, index)
    if not in_factory or module.inner_statement_at(index, site.line) is None:
        raise refusal(
            module,
            module.module.body[index],
            Code.ADOPT_CONDITIONAL,
            f"{where}: registered conditionally, in a loop or by a function "
            f"(line {site.line})",
            hint="every file in the routes folder is served unconditionally; "
            "leave the route where it is (--partial)",
        )


def _route_decorator(
    module: SourceModule, function: cst.FunctionDef, where: str
) -> cst.Decorator:
    found = [
        decorator
        for decorator in function.decorators
        if isinstance(decorator.decorator, cst.Call)
        and isinstance(decorator.decorator.func, cst.Attribute)
        and decorator.decorator.func.attr.value in ROUTE_DECORATORS
    ]
    if len(found) != 1:
        raise refusal(
            module,
            function,
            Code.ADOPT_SEVERAL_ROUTES,
            f"{where}: `{function.name.value}` has {len(found)} route decorators",
            hint="a route file holds one route; leave it (--partial)",
        )
    return found[0]


def _registered_by(module: SourceModule, decorator: cst.Decorator, site: Site) -> bool:
    start = module.line_of(decorator)
    return start <= site.line <= module.positions[decorator].end.line


def _methods(
    route: LiveRoute, module: SourceModule, decorator: cst.Decorator, where: str
) -> tuple[Method, ...]:
    """The route's methods, in the order its decorator lists them.

    FastAPI's default operationId takes the first of the route's set of
    methods, whose order follows the order they were given in.
    """
    if route.kind == "websocket":
        return (Method.WEBSOCKET,)
    written = _written_methods(decorator) if len(route.methods) > 1 else route.methods
    methods = tuple(HTTP_METHODS.get(name.lower()) for name in written)
    if None in methods or sorted(written) != sorted(route.methods):
        raise refusal(
            module,
            decorator,
            Code.ADOPT_PATH_NOT_EXPRESSIBLE,
            f"{where}: no route file name stands for these methods",
            hint="give `methods` as a list of string literals",
        )
    return tuple(method for method in methods if method is not None)


def _written_methods(decorator: cst.Decorator) -> tuple[str, ...]:
    assert isinstance(decorator.decorator, cst.Call)
    for argument in decorator.decorator.args:
        if argument.keyword and argument.keyword.value == "methods":
            value = argument.value
            if isinstance(value, cst.List | cst.Tuple):
                names = [
                    element.value.evaluated_value
                    for element in value.elements
                    if isinstance(element.value, cst.SimpleString)
                ]
                return tuple(name.upper() for name in names if isinstance(name, str))
    return ()


def _route_file(
    route: LiveRoute,
    methods: tuple[Method, ...],
    routes: Path,
    root: Path,
    module: SourceModule,
    decorator: cst.Decorator,
) -> tuple[RouteFile, bool]:
    """The file the route becomes, and whether its path ends with `/`."""
    path, where = route.path, describe(route)
    try:
        folders = parse_new_route(f"{methods[0].label} {path}").folders
    except ScaffoldError as error:
        raise refusal(
            module,
            decorator,
            Code.ADOPT_PATH_NOT_EXPRESSIBLE,
            f"{where}: {error}",
            hint="a folder stands for a whole segment: static, `{name}`, "
            "or a last `{name:path}`",
        ) from None
    texts = path.strip("/").split("/") if path.strip("/") else []
    unfit = [
        text
        for text, folder in zip(texts, folders, strict=False)
        if text == folder  # static
        and (is_ignored(text) or text.startswith(("$", "(")) or unsafe_name("", text))
    ]
    if "//" in path or len(texts) != len(folders) or unfit:
        shown = f"`{unfit[0]}`" if unfit else "an empty segment"
        raise refusal(
            module,
            decorator,
            Code.ADOPT_PATH_NOT_EXPRESSIBLE,
            f"{where}: no folder can stand for {shown}",
            hint="folder names starting with `_`, `.`, `(` or `$` mean something "
            "else in the routes folder",
        )
    name = "_".join(method.value for method in methods) + ".py"
    relative = PurePosixPath(routes.relative_to(root).as_posix(), *folders, name)
    segments = tuple(
        folder_segment(folder) or Segment(SegmentKind.STATIC, folder, folder)
        for folder in folders
    )
    module_name = ".".join(relative.with_suffix("").parts)
    file = RouteFile(relative, module_name, segments, methods)
    return file, path.endswith("/") and path != "/"


Factory = tuple[Path, int]  # a module, and the top-level function in it
# A top-level statement, and the statement of its (function's) body: -1, none.
Point = tuple[int, int]


def point_of(module: SourceModule, site: Site) -> Point:
    """The statement of `module` that the line of user code `site` is part of."""
    index = module.statement_at(site.line)
    inner = None if site.at_top_level else module.inner_statement_at(index, site.line)
    return index, -1 if inner is None else inner


def app_factory(live: LiveApp, modules: Modules) -> Factory | None:
    """The function that makes the app, when one does (`def create_app():
    app = FastAPI(); app.include_router(...); return app`)."""
    created = live.routers[live.app_router]
    if created.at_top_level or not _inside(created.file, modules.root):
        return None
    module = modules.get(created.file)
    index = module.statement_at(created.line)
    if module.inner_statement_at(index, created.line) is None:
        return None
    return created.file, index


def local_app_name(live: LiveApp, modules: Modules) -> str | None:
    """The name an app factory gives the app it makes (`app = FastAPI()`)."""
    created = live.routers[live.app_router]
    module = modules.get(created.file)
    index, inner = point_of(module, created)
    function = module.module.body[index]
    if inner < 0 or not isinstance(function, cst.FunctionDef):
        return None
    statement = function.body.body[inner]
    assignment = (
        statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    )
    if isinstance(assignment, cst.Assign) and len(assignment.targets) == 1:
        target = assignment.targets[0].target
    elif isinstance(assignment, cst.AnnAssign):  # `app: FastAPI = FastAPI()`
        target = assignment.target
    else:
        return None
    return target.value if isinstance(target, cst.Name) else None


def inclusions(route: LiveRoute, live: LiveApp) -> list[tuple[int, Include]]:
    """The routers a route came through, innermost first, each with the
    `include_router` call that included it; it stops at a router included
    more than once (such a route is refused)."""
    found: list[tuple[int, Include]] = []
    router = route.router
    while router is not None and router != live.app_router:
        includes = live.includes.get(router, ())
        if len(includes) != 1:
            break
        found.append((router, includes[0]))
        router = includes[0].into
    return found


def _layers(
    route: LiveRoute,
    live: LiveApp,
    modules: Modules,
    module: SourceModule,
    decorator: cst.Decorator,
    where: str,
) -> tuple[Layer, ...]:
    """The routers a route came through, outermost first, with their options."""
    chain = inclusions(route, live)
    stuck = chain[-1][1].into if chain else route.router  # where the walk stopped
    if stuck is not None and stuck != live.app_router:
        count = len(live.includes.get(stuck, ()))
        raise refusal(
            module,
            decorator,
            Code.ADOPT_SEVERAL_ROUTES,
            f"{where}: its router is included {count} times",
            hint="a route file holds one route; leave it (--partial)",
        )
    layers: list[Layer] = []
    for router, include in reversed(chain):
        including = modules.get(include.site.file)
        into_app = include.into == live.app_router
        factory = app_factory(live, modules) if into_app else None
        _check_unconditional(include.site, including, where, factory)
        creating, made = _router_call(live, modules, router)
        included = _call(including, include.site, "include_router")
        options = (
            *_router_options(including, included, where),
            *_router_options(creating, made, where),
        )
        prefixes = (
            *_computed_prefix(including, included),
            *_computed_prefix(creating, made),
        )
        layers.append(Layer(router, options, prefixes))
    return tuple(layers)


def _route_class(
    route: LiveRoute,
    live: LiveApp,
    modules: Modules,
    module: SourceModule,
    decorator: cst.Decorator,
    where: str,
) -> Options:
    """`route_class_override`, when the app's router would make the route
    another class than its own router made it (`APIRouter(route_class=...)`).

    The generated router adds routes to the app's router, which makes them
    of its `route_class` (a class it was given, such as a `GzipRoute`).
    """
    if route.kind != "http" or route.route_class == live.app_route_class:
        return ()
    assert route.router is not None
    if route.router != live.app_router:
        creating, made = _router_call(live, modules, route.router)
        for argument in made.args:
            if argument.keyword and argument.keyword.value == "route_class":
                return (("route_class_override", Snippet(creating, argument.value)),)
    raise refusal(
        module,
        decorator,
        Code.ADOPT_ROUTER_OPTION,
        f"{where}: its route class `{route.route_class}` is not the one its "
        "router was made with (`APIRouter(route_class=...)`)",
        hint="give the router its route class when it is made, or leave the "
        "route where it is (--partial)",
    )


def _router_call(
    live: LiveApp, modules: Modules, router: int
) -> tuple[SourceModule, cst.Call]:
    """The `APIRouter(...)` call that made a router, and its module."""
    created = live.routers[router]
    creating = modules.get(created.file)
    return creating, _call(creating, created, "APIRouter")


def _computed_prefix(module: SourceModule, call: cst.Call) -> list[Snippet]:
    """A `prefix=` that is not a string literal (settings, f-strings)."""
    return [
        Snippet(module, argument.value)
        for argument in call.args
        if argument.keyword
        and argument.keyword.value == "prefix"
        and not isinstance(argument.value, cst.SimpleString)
    ]


def _router_options(module: SourceModule, call: cst.Call, where: str) -> Options:
    """`tags`, `dependencies` and `responses` of a router or an inclusion."""
    options: list[tuple[str, Snippet]] = []
    for argument in call.args:
        if argument.keyword is None:  # the router being included
            continue
        key = argument.keyword.value
        if key in {"prefix", "route_class"}:  # the path; see `_route_class`
            continue
        if key not in ROUTER_OPTIONS:
            raise refusal(
                module,
                argument,
                Code.ADOPT_ROUTER_OPTION,
                f"{where}: the router option `{key}` has no equivalent in a route file",
                hint="routers' `prefix`, `tags`, `dependencies` and `responses` "
                "move; leave the route where it is (--partial)",
            )
        options.append((key, Snippet(module, argument.value)))
    return tuple(options)


def _own(module: SourceModule, decorator: cst.Decorator) -> Options:
    """The decorator's options; its positional argument is the path."""
    assert isinstance(decorator.decorator, cst.Call)
    return tuple(
        (argument.keyword.value, Snippet(module, argument.value))
        for argument in decorator.decorator.args
        if argument.keyword and argument.keyword.value not in LOCATION_ARGUMENTS
    )


def _call(module: SourceModule, site: Site, name: str) -> cst.Call:
    """The call of `name` (`include_router`, `APIRouter`) that the statement
    at `site` makes (a statement of an app factory's body, perhaps)."""
    index, inner = point_of(module, site)
    statement: cst.CSTNode = module.module.body[index]
    if inner >= 0:
        assert isinstance(statement, cst.FunctionDef)
        statement = statement.body.body[inner]
    for node in _calls(statement):
        function = node.func
        if isinstance(function, cst.Attribute) and function.attr.value == name:
            return node
        if isinstance(function, cst.Name) and function.value == name:
            return node
    raise refusal(
        module,
        statement,
        Code.ADOPT_ROUTER_OPTION,
        f"cannot find the `{name}(...)` call this statement makes",
        hint="write it as a plain call (`router = APIRouter(...)`)",
    )


def _calls(node: cst.CSTNode) -> Iterator[cst.Call]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Call):
            yield current
        stack.extend(reversed(current.children))
