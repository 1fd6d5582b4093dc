"""`python -m codegen adopt MODULE:ATTR`: move an app's routes into the routes
folder, then prove that nothing a client or the app can see has changed.

Unlike generating, adopting imports the app (in a subprocess, before and
after). Every file it writes goes through one transaction: when the proof
fails, each is restored byte for byte and what it created is removed.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from codegen.adopt.live import ImportFailed, LiveApp, LiveRoute, read_live_app
from codegen.adopt.modules import Modules, python_files
from codegen.adopt.moves import (
    Move,
    Point,
    Refused,
    Snippet,
    describe,
    inclusions,
    local_app_name,
    plan_move,
    point_of,
    refusal,
    site_refusal,
)
from codegen.adopt.order import reordered
from codegen.adopt.prove import differences, method_not_allowed_changes
from codegen.adopt.rewrite import (
    Layout,
    ModulePlan,
    folder_settings_text,
    module_text,
    private_module_text,
    registration_lines,
    route_file_text,
)
from codegen.adopt.settings import ROUTES_FOLDERS, adopted_config, settings_text
from codegen.adopt.state import rebound_names
from codegen.adopt.suite import NoTestRunner, TestRun, run_tests, test_command
from codegen.adopt.transaction import Transaction
from codegen.config import PYPROJECT, Config, ConfigError, read_table
from codegen.diagnostics import Code, Diagnostic
from codegen.format import sort_imports_in_place
from codegen.plan import match_order, parameter_shapes

OK, FAILED = 0, 1


@dataclass(frozen=True)
class Request:
    """What the user asked for on the command line."""

    target: str  # `module:attribute`
    routes: str | None
    output: str | None
    dry_run: bool
    partial: bool
    force: bool
    test: str | None  # the command that runs the project's tests
    no_test: bool


def adopt(root: Path, request: Request) -> int:
    say(
        f"Adopting {request.target}: importing it in a subprocess to read its "
        "routes (adopting runs your code; generating never does)."
    )
    try:
        config = adopted_config(root, request.target, request.routes, request.output)
    except ConfigError as error:
        report([error.diagnostic])
        return FAILED
    modules = Modules(root)
    ours = [config.routes, config.output.parent, root / "codegen"]
    own = list(python_files(root, ours))
    try:
        with modules.analysed_meanwhile(own):
            before = read_live_app(root, request.target)
    except ImportFailed as error:
        say(f"cannot import {request.target}:\n{error}")
        return FAILED
    routes_folder = config.relative(config.routes)
    if config.routes.name != ROUTES_FOLDERS[0] and not (
        request.routes or read_table(root).get("routes")
    ):
        taken = PurePosixPath(routes_folder).with_name(ROUTES_FOLDERS[0])
        say(
            f"note: {taken}/ is the app's own code; the routes tree goes in "
            f"{routes_folder}/ (--routes chooses another folder)"
        )
    candidates, refused = adoptable(before, config)
    if not candidates and not refused:
        adopted = any(registered_by(route, config.output) for route in before.routes)
        say(
            f"Nothing to adopt: every route of {request.target} is registered by "
            f"{config.relative(config.output)}."
            if adopted
            else f"Nothing to adopt: {request.target} has no routes."
        )
        return OK
    moves, unmovable = choose_moves(before, candidates, modules, config)
    refused += unmovable
    rebound = rebound_names(root, own)
    layout = Layout(
        routes=PurePosixPath(routes_folder),
        generated=config.relative(config.output.parent).replace("/", "."),
        app_attribute=request.target.partition(":")[2] or "app",
    )
    while True:  # each pass refuses one more move, or writes them all
        try:
            files = rewritten_files(before, moves, modules, layout, config, rebound)
            break
        except Refused as error:
            refused.append(error.diagnostic)
            moves = [move for move in moves if id(move.route) not in error.routes]
            moves, refused = keep_order(before, moves, refused, modules)
    report(refused)
    if refused and not request.partial:
        count = f"{len(refused)} route{'s' if len(refused) != 1 else ''}"
        say(
            f"Nothing was written: {count} cannot move exactly (--partial moves the others)."
        )
        return FAILED
    if not moves:
        say("Nothing to adopt: no route can move exactly.")
        return OK
    notes = {
        note: None for move in moves for layer in move.layers for note in layer.notes()
    }
    for note in notes:
        say(note)
    if request.dry_run:
        print_plan(moves)
        return OK
    dirty = uncommitted(root, [path for path in files if path.exists()])
    if dirty and not request.force:
        for path in dirty:
            say(f"{config.relative(path)}: has uncommitted changes")
        say("Nothing was written: commit or stash them first (or pass --force).")
        return FAILED
    try:
        command = None if request.no_test else test_command(root, request.test, own)
    except NoTestRunner as error:
        say(f"Nothing was written: {error}.")
        return FAILED
    tests = run_tests(root, command) if command else None
    if tests is not None and not tests.ran:
        say(tests.tail())
        say(
            f"Nothing was written: the project's tests do not run "
            f"({tests.summary()}); fix them, name the command that runs them "
            "(--test CMD), or skip them (--no-test)."
        )
        return FAILED
    if tests is not None:
        say(f"Ran the project's tests before adopting, {tests.summary()}.")
    elif not request.no_test:
        say(
            "note: the project has no tests (test_*.py) for the proof to run; "
            "--test CMD names the command that runs them"
        )
    return write_and_prove(config, request.target, files, before, len(moves), tests)


def say(message: str) -> None:
    print(message, file=sys.stderr)


def report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        say(diagnostic.render())


def registered_by(route: LiveRoute, generated: Path) -> bool:
    """Whether the generated router registered the route (it is adopted)."""
    registered = route.registered
    return registered is not None and registered.file.resolve() == generated.resolve()


def adoptable(
    live: LiveApp, config: Config
) -> tuple[list[LiveRoute], list[Diagnostic]]:
    """The routes the app's code registered and the generated router does not:
    FastAPI's routes to move, and a refusal for every other kind of route.

    Whether a route is adopted is decided by what registers it, never by
    where its code is: an app's own package may well be called `routes`.
    """
    candidates: list[LiveRoute] = []
    refused: list[Diagnostic] = []
    for route in live.routes:
        if route.registered is None or registered_by(route, config.output):
            continue
        if route.kind in {"http", "websocket"} and route.endpoint is not None:
            candidates.append(route)
            continue
        refused.append(
            site_refusal(
                route.registered,
                config.root,
                Code.ADOPT_NOT_A_FUNCTION,
                f"{describe(route)}: a Starlette `{route.kind}` (`add_route`), not "
                "a FastAPI route",
                hint="a route file holds a FastAPI route; register it with a route "
                "decorator, or leave it where it is (--partial)",
            ).diagnostic
        )
    return candidates, refused


def choose_moves(
    live: LiveApp, candidates: list[LiveRoute], modules: Modules, config: Config
) -> tuple[list[Move], list[Diagnostic]]:
    """The routes that can move exactly, and a refusal for every other one."""
    moves: list[Move] = []
    refused: list[Diagnostic] = []
    earlier: defaultdict[tuple[str, str], list[LiveRoute]] = defaultdict(list)
    files: set[PurePosixPath] = set()
    for route in candidates:
        try:
            same_path = earlier[route.kind, route.path]
            _check_reachable(route, same_path, config)
            same_path.append(route)
            move = plan_move(route, live, modules, config.routes)
            if move.file.path in files or (config.root / move.file.path).exists():
                raise refusal(
                    move.module,
                    move.function,
                    Code.ADOPT_PATH_NOT_EXPRESSIBLE,
                    f"{describe(route)}: {move.file.path} is taken by another route",
                    hint="routes/ has one file per path and method; leave one "
                    "route where it is (--partial)",
                )
            files.add(move.file.path)
            moves.append(move)
        except Refused as error:
            refused.append(error.diagnostic)
    moves, unnamed = one_name_per_parameter_folder(moves)
    return keep_order(live, moves, refused + unnamed, modules)


def one_name_per_parameter_folder(
    moves: list[Move],
) -> tuple[list[Move], list[Diagnostic]]:
    """Refuse the moves whose parameter folder would have a sibling of
    another name (`{id_or_slug}` beside `{content_id}`), which the routes
    tree cannot hold; the name most routes use stays, the first on a tie."""
    by_shape: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    shapes: dict[int, list[tuple[tuple[str, ...], str]]] = {}
    for move in moves:
        shapes[id(move)] = parameter_shapes(move.file)
        for shape, folder in shapes[id(move)]:
            by_shape[shape][folder] += 1
    kept, refused = [], []
    for move in moves:
        clash = next(
            (
                (folder, chosen)
                for shape, folder in shapes[id(move)]
                if (chosen := by_shape[shape].most_common(1)[0][0]) != folder
            ),
            None,
        )
        if clash is None:
            kept.append(move)
            continue
        folder, chosen = clash
        refused.append(
            refusal(
                move.module,
                move.decorator,
                Code.ADOPT_PATH_NOT_EXPRESSIBLE,
                f"{describe(move.route)}: its folder `{folder}` would sit beside "
                f"`{chosen}`, and sibling parameter folders have one name",
                hint="give the path parameters of one place one name, or leave "
                "the route where it is (--partial)",
            ).diagnostic
        )
    return kept, refused


def _check_reachable(
    route: LiveRoute, same_path: list[LiveRoute], config: Config
) -> None:
    """The same method and path registered twice: the second is never reached."""
    for other in same_path:
        if set(other.methods) & set(route.methods) or route.kind == "websocket":
            assert route.registered is not None
            raise site_refusal(
                route.registered,
                config.root,
                Code.ADOPT_DUPLICATE_ROUTE,
                f"{describe(route)} is registered twice; FastAPI never reaches "
                "this one",
                hint="remove the unreachable route",
            )


def keep_order(
    live: LiveApp, moves: list[Move], refused: list[Diagnostic], modules: Modules
) -> tuple[list[Move], list[Diagnostic]]:
    """Refuse moves that would change which of two routes a request reaches.

    The moved routes are added in one place, in the generator's match order
    (most specific first): a route that an earlier, less specific one
    shadows today would be reached first.
    """
    while True:
        moved = {id(move.route): move for move in moves}
        culprits: dict[int, tuple[Move, LiveRoute]] = {}
        predicted = predicted_order(live, moves, modules)
        for first, second in reordered(live.routes, predicted):
            for route, other in ((second, first), (first, second)):
                if id(route) in moved:
                    culprits.setdefault(id(route), (moved[id(route)], other))
        if not culprits:
            return moves, refused
        for move, other in culprits.values():
            refused.append(
                refusal(
                    move.module,
                    move.function,
                    Code.ADOPT_ORDER_WOULD_CHANGE,
                    f"{describe(move.route)}: it and {describe(other)} can match one "
                    "request or share a name, and the routes folder would put them "
                    "in the other order",
                    hint="register the more specific route first, or leave these "
                    "routes where they are (--partial)",
                ).diagnostic
            )
        moves = [move for move in moves if id(move.route) not in culprits]


def predicted_order(
    live: LiveApp, moves: Sequence[Move], modules: Modules
) -> list[LiveRoute]:
    """The route table after adopting: the moved routes, in match order, where
    the statement that added the first of them to the app was; every other
    route where it was (a route that statement added before the first moved
    one now comes after them)."""
    moved = {id(move.route) for move in moves}
    ordered = [
        move.route for move in sorted(moves, key=lambda move: match_order(move.file))
    ]
    point = registration_point(live, moves, modules)
    before: list[LiveRoute] = []
    split: list[LiveRoute] = []  # added by that statement, before the first
    after: list[LiveRoute] = []
    reached = False
    for route in live.routes:
        if id(route) in moved:
            reached = True
        elif reached:
            after.append(route)
        elif point is not None and app_statement(route, live, modules) == point:
            split.append(route)
        else:
            before.append(route)
    return before + ordered + split + after


def app_statement(route: LiveRoute, live: LiveApp, modules: Modules) -> Point | None:
    """The statement of the app's module that added `route` to the app: its
    registration, or the `include_router` that brought it in (in the body of
    an app factory, perhaps)."""
    chain = inclusions(route, live)
    site, into = (
        (chain[-1][1].site, chain[-1][1].into)
        if chain
        else (route.registered, route.router)
    )
    app_file = live.routers[live.app_router].file
    if site is None or into != live.app_router or site.file != app_file:
        return None
    return point_of(modules.get(app_file), site)


def registration_point(
    live: LiveApp, moves: Sequence[Move], modules: Modules
) -> Point | None:
    """The statement of the app's module that `add_routes(app.router)` goes
    before: the one that added the first moved route to the app, whether it
    leaves (a route) or stays (an `include_router` of routes that stay too);
    `None`: the end of the module."""
    moved = {id(move.route) for move in moves}
    first = next((route for route in live.routes if id(route) in moved), None)
    return None if first is None else app_statement(first, live, modules)


def rewritten_files(
    live: LiveApp,
    moves: list[Move],
    modules: Modules,
    layout: Layout,
    config: Config,
    rebound: dict[str, set[str]],
) -> dict[Path, str]:
    """The new text of every file adopting writes, generated files aside;
    `rebound`: each module's names that are rebound while the app runs."""
    plans: dict[Path, ModulePlan] = {}

    def plan_of(path: Path) -> ModulePlan:
        if path not in plans:
            module = modules.get(path)
            its_rebound = frozenset(rebound.get(module.name, ()))
            plans[path] = ModulePlan(module, layout, its_rebound)
        return plans[path]

    for move in moves:
        plan_of(move.module.path).removed.add(move.statement)
    moved = {id(move.route) for move in moves}
    every_route_moved: dict[tuple[Path, Point], bool] = {}
    for route in live.routes:
        for _, include in inclusions(route, live):
            site = include.site
            statement = (site.file, point_of(plan_of(site.file).module, site))
            every_route_moved[statement] = (
                every_route_moved.get(statement, True) and id(route) in moved
            )
    for (path, (index, inner)), removable in every_route_moved.items():
        plan = plans[path]
        if inner < 0:
            (plan.removed if removable else plan.staying).add(index)
        else:  # in an app factory, which stays
            plan.staying.add(index)
            if removable:
                plan.removed_inner.setdefault(index, set()).add(inner)
    for site in live.routers.values():
        if site.file in plans:
            plans[site.file].staying.add(
                plans[site.file].module.statement_at(site.line)
            )
    by_module = {plan.module: plan for plan in plans.values()}
    folders = router_folders(live, moves, config)
    in_folders = frozenset(folders)
    files: dict[Path, str] = {}
    for move in moves:
        try:
            text = route_file_text(move, by_module, in_folders)
            _check_not_needed_by_what_stays(move, plans[move.module.path])
        except Refused as refused:
            raise refused.stopping([move.route]) from None
        files[config.root / move.file.path] = text
    for router, folder in folders.items():
        its_moves = [move for move in moves if router in _routers(move)]
        layer = next(each for each in its_moves[0].layers if each.router == router)
        options: dict[str, list[Snippet]] = {}
        for key, value in layer.options:
            options.setdefault(key, []).append(value)
        where = f"the router of {describe(its_moves[0].route)}"
        try:
            text = folder_settings_text(options, by_module, where)
        except Refused as refused:
            raise refused.stopping(move.route for move in its_moves) from None
        files[config.root / folder / "__init__.py"] = text
    app_file = live.routers[live.app_router].file
    first_registration = registration_point(live, moves, modules)
    app_name = layout.app_attribute
    if first_registration is not None and first_registration[1] >= 0:
        app_name = local_app_name(live, modules) or app_name
    for path, plan in plans.items():
        registration = registration_lines(layout, app_name) if path == app_file else []
        if plan.removed or plan.moved or registration:
            files[path] = module_text(plan, registration, first_registration)
        if plan.moved:
            files[config.routes / f"{plan.private}.py"] = private_module_text(plan)
    settings = config.root / PYPROJECT
    current = settings.read_text(encoding="utf-8") if settings.exists() else ""
    if (wanted := settings_text(config, current)) != current:
        files[settings] = wanted
    if not (config.output.parent / "__init__.py").exists():
        files[config.output.parent / "__init__.py"] = ""
    return files


def _routers(move: Move) -> list[int]:
    return [layer.router for layer in move.layers]


def router_folders(
    live: LiveApp, moves: Sequence[Move], config: Config
) -> dict[int, PurePosixPath]:
    """The routers whose options become a folder's settings, and the folder.

    A router qualifies when every route it has moves, they all land in one
    folder that holds nothing else, and every router outside it qualifies
    too (folder settings apply before a route's `meta`, root first).
    """
    through: defaultdict[int, list[Move]] = defaultdict(list)
    for move in moves:
        for router in _routers(move):
            through[router].append(move)
    every_route: Counter[int] = Counter(
        router for route in live.routes for router, _ in inclusions(route, live)
    )
    routes = PurePosixPath(config.relative(config.routes))
    files = [move.file.path.as_posix() for move in moves]
    candidates: dict[int, PurePosixPath] = {}
    for router, its_moves in through.items():
        if every_route[router] != len(its_moves):  # some route of it stays
            continue
        folder = _common_folder([move.file.path.parent for move in its_moves])
        inside = sum(file.startswith(f"{folder.as_posix()}/") for file in files)
        layer = next(each for each in its_moves[0].layers if each.router == router)
        if (
            folder != routes
            and folder.is_relative_to(routes)
            and inside == len(its_moves)  # the folder holds nothing else
            and not (config.root / folder).exists()
            and folder not in candidates.values()
            and layer.options
        ):
            candidates[router] = folder
    changed = True
    while changed:
        changed = False
        for move in moves:
            routers = _routers(move)
            for outer, inner in itertools.pairwise(routers):
                if outer not in candidates and inner in candidates:
                    del candidates[inner]
                    changed = True
    return candidates


def _common_folder(folders: list[PurePosixPath]) -> PurePosixPath:
    common = folders[0]
    for folder in folders[1:]:
        while not folder.is_relative_to(common):
            common = common.parent
    return common


def _check_not_needed_by_what_stays(move: Move, plan: ModulePlan) -> None:
    """The endpoint's name must not be used by code that stays behind."""
    name = move.function.name.value
    body = plan.module.module.body
    rest = [body[index] for index in range(len(body)) if index not in plan.removed]
    if name in plan.module.names_used(rest):
        raise refusal(
            move.module,
            move.function,
            Code.ADOPT_NAME_CANNOT_MOVE,
            f"{describe(move.route)}: `{name}` is used by other code in "
            f"{move.module.relative}",
            hint="the function moves to its route file; use it from there, "
            "or leave the route where it is (--partial)",
        )


def print_plan(moves: Sequence[Move]) -> None:
    for move in sorted(moves, key=lambda move: match_order(move.file)):
        source = f"{move.module.relative}:{move.module.line_of(move.decorator)}"
        print(f"{describe(move.route)}  {source}  ->  {move.file.path}")
    count = f"{len(moves)} route{'s' if len(moves) != 1 else ''}"
    say(f"Would move {count} (dry run: nothing was written).")


def uncommitted(root: Path, paths: Sequence[Path]) -> list[Path]:
    """Which of `paths` git shows as changed; none outside a git checkout."""
    if not paths:
        return []
    result = subprocess.run(
        ["git", "status", "--porcelain", "--", *map(str, paths)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    changed = {line[3:] for line in result.stdout.splitlines()}
    return [path for path in paths if path.relative_to(root).as_posix() in changed]


def write_and_prove(
    config: Config,
    target: str,
    files: dict[Path, str],
    before: LiveApp,
    moved: int,
    tests: TestRun | None,
) -> int:
    """Write everything, generate, and prove; undo it all if anything differs
    (the app, or the outcome of a test of the project's own `tests`), or if
    anything interrupts it (Ctrl-C during the tests)."""
    from codegen.pipeline import build

    with Transaction() as transaction:
        notes: list[str] = []
        for path, text in files.items():
            transaction.write(path, text)
        sort_imports_in_place(
            [path for path in files if path.is_relative_to(config.routes)], config.root
        )
        generated = build(config)
        problems = [
            each.render()
            for each in generated.plan.diagnostics
            if not each.code.is_warning
        ]
        if not problems:
            for output in generated.outputs:
                transaction.write(output.path, output.text)
            try:
                after = read_live_app(config.root, target)
                problems = differences(before, after)
                notes = method_not_allowed_changes(before, after)
            except ImportFailed as error:
                problems = [f"the adopted app cannot be imported:\n{error}"]
        if not problems and tests is not None:
            tests_after = run_tests(config.root, tests.command)
            say(f"Ran them again after adopting, {tests_after.summary()}.")
            if broken := tests.broken_by(tests_after):
                problems = [
                    f"{len(broken)} of the project's tests passed before adopting and "
                    "fail after it:",
                    *(f"  {test}" for test in broken),
                    tests_after.tail(),
                ]
        if problems:
            transaction.undo()
            for problem in problems:
                say(problem)
            say(
                f"Adopting would change the app: all {len(transaction.saved)} files were restored."
            )
            return FAILED
    for note in notes:
        say(note)
    created = sum(data is None for data in transaction.saved.values())
    say(
        f"Adopted {moved} route{'s' if moved != 1 else ''} into "
        f"{config.relative(config.routes)}/ ({created} files created, "
        f"{len(transaction.saved) - created} changed). Proven: the OpenAPI document "
        "and the route table are the same"
        + (", and every test that passed still passes." if tests else ".")
    )
    return OK
