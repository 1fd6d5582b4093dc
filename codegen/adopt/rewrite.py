"""The new text of every file adopting touches: the route files, the private
modules that hold what routes share with the rest of the app, and the app's
own modules without their routes.

Code that moves keeps its text (comments, quotes, blank lines); code that
stays is not reformatted. Only whole top-level statements are removed or
added.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst

from codegen.adopt.modules import Import, SourceModule, import_lines, is_import
from codegen.adopt.moves import LIST_OPTIONS, Move, Point, Snippet, describe, refusal
from codegen.diagnostics import Code
from codegen.parse import FOLDER_NAMES, HANDLER, META, TRAILING_SLASH

PRIVATE_HEADER = '"""What the routes moved from `{module}` share with it."""\n'
Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement
# Names a route file binds itself; its other module-level names are its own
# (a global called `tags` or `responses` is no `meta` key).
ROUTE_FILE_NAMES = frozenset({HANDLER, META, TRAILING_SLASH})


@dataclass(frozen=True)
class Layout:
    """Where adopting puts things, and how the app's module names the app."""

    routes: PurePosixPath  # the routes folder, relative to the project root
    generated: str  # the package of the generated router, e.g. `generated`
    app_attribute: str  # the app's name in its module, e.g. `app`

    @property
    def routes_package(self) -> str:
        return ".".join(self.routes.parts)


class ModulePlan:
    """What leaves one of the app's modules: route functions and include
    statements (`removed`), and the definitions routes need (`moved` to a
    private module of the routes folder, which the module imports back)."""

    def __init__(
        self, module: SourceModule, layout: Layout, rebound: frozenset[str]
    ) -> None:
        self.module = module
        self.private = f"_{module.name.replace('.', '_')}"
        self.private_import = f"{layout.routes_package}.{self.private}"
        self.rebound = rebound  # names something rebinds while the app runs
        self.removed: set[int] = set()
        self.removed_inner: dict[int, set[int]] = {}  # an app factory's includes
        self.moved: set[int] = set()
        self.staying: set[int] = set()  # the app, routers, and what includes them

    @property
    def home(self) -> frozenset[str]:
        """The names that moved code reads through this module when it runs:
        those rebound while the app runs, and those of statements that stay
        (`app`), so that the moved code and the module see one object."""
        staying = {
            name
            for name, statements in self.module.bindings.items()
            if self.staying.intersection(statements)
        }
        return self.rebound | staying

    def definitions_for(self, names: Iterable[str]) -> set[int]:
        """The statements defining `names`, and those they need in turn;
        names bound only by imports need none, nor names read through the
        module when the code runs."""
        needed: set[int] = set()
        pending, seen, home = list(names), set(), self.home
        while pending:
            name = pending.pop()
            statements = self.module.bindings.get(name, [])
            if name in seen or all(map(self.module.is_import, statements)):
                continue
            seen.add(name)
            for index in set(statements) - needed:
                needed.add(index)
                statement = self.module.module.body[index]
                pending.extend(self.module.names_used([statement], home))
        return needed

    @property
    def moved_names(self) -> list[str]:
        return sorted(
            name
            for name, statements in self.module.bindings.items()
            if set(statements) & self.moved
        )


def route_file_text(
    move: Move, plans: dict[SourceModule, ModulePlan], in_folders: frozenset[int]
) -> str:
    """The route file: imports, `trailing_slash`, `meta`, then the handler."""
    place = (move.module, move.function)
    imports = required_imports(
        move.uses(in_folders), plans, describe(move.route), place, ROUTE_FILE_NAMES
    )
    function = move.function.with_changes(
        decorators=[
            each for each in move.function.decorators if each is not move.decorator
        ],
    )
    name = function.name.value
    settings = ["trailing_slash = True"] if move.trailing_slash else []
    options = move.meta(in_folders)
    lines = [f'    "name": {json.dumps(move.route.name, ensure_ascii=False)},']
    lines.extend(
        f'    "{key}": {merged(key, values)},' for key, values in options.items()
    )
    settings.append("meta = {\n" + "\n".join(lines) + "\n}")
    module, plan = move.module, plans[move.module]
    homed = module.read_through_home([move.function], plan.home)
    home = module.home_import(_nodes_of(move.uses(in_folders), module))
    code = module.code_elsewhere(function, homed, home).lstrip("\n")
    # The function keeps its name (`__name__`, what its decorators and
    # tracebacks see); the route file's `handler` names it.
    alias = "" if name == "handler" else f"\n\nhandler = {name}\n"
    code = "\n".join(settings) + "\n\n\n" + code + alias
    return move.module.futures + _with_imports(imports, code)


def folder_settings_text(
    options: dict[str, list[Snippet]],
    plans: dict[SourceModule, ModulePlan],
    where: str,
) -> str:
    """A folder's `__init__.py`: the options of the router it holds."""
    values = [value for each in options.values() for value in each]
    place = (values[0].module, values[0].node)
    imports = required_imports(values, plans, where, place, frozenset(FOLDER_NAMES))
    settings = "".join(
        f"{key} = {merged(key, each)}\n" for key, each in options.items()
    )
    return _with_imports(imports, settings)


def _with_imports(imports: list[Import], code: str) -> str:
    lines = import_lines(imports)
    return ("\n".join(lines) + "\n\n" if lines else "") + code


def required_imports(
    snippets: Iterable[Snippet],
    plans: dict[SourceModule, ModulePlan],
    where: str,
    place: tuple[SourceModule, cst.CSTNode],
    reserved: frozenset[str],
) -> list[Import]:
    """What a new file imports so that each name in `snippets` means what it
    meant; the module-level definitions they need join their module's
    private module. `where` and `place` say what a refusal is about;
    `reserved` are the names the new file binds itself."""
    snippets = list(snippets)
    bound: dict[str, Import] = {}
    for module in {snippet.module: None for snippet in snippets}:
        its_nodes = _nodes_of(snippets, module)
        home = plans[module].home
        names = module.names_used(its_nodes, home)
        if module.star_import is not None:
            raise refusal(
                module,
                module.star_import,
                Code.ADOPT_NAME_CANNOT_MOVE,
                f"{where}: `import *` binds names that cannot be known without "
                "running the module, so the code that would move cannot say "
                "where its names come from",
                hint="import the names it uses by name",
            )
        plan = plans[module]
        definitions = plan.definitions_for(names)
        moving = [*its_nodes, *(module.module.body[index] for index in definitions)]
        dunder = module.module_dunder_used(moving)
        if dunder is not None:
            raise refusal(
                *place,
                Code.ADOPT_NAME_CANNOT_MOVE,
                f"{where}: the code that would move reads `{dunder}`, which "
                "would then be another module's",
                hint=f"compute what it needs from `{dunder}` in a module that "
                "stays, or leave the route where it is (--partial)",
            )
        if declaring := next(filter(module.declares_global, moving), None):
            raise refusal(
                module,
                declaring,
                Code.ADOPT_NAME_CANNOT_MOVE,
                f"{where}: the endpoint needs this definition, which assigns "
                "module-level names (`global`)",
                hint="moved code cannot assign its old module's names",
            )
        if definitions & (plan.staying | plan.removed):
            index = min(definitions & (plan.staying | plan.removed))
            raise refusal(
                module,
                module.module.body[index],
                Code.ADOPT_NAME_CANNOT_MOVE,
                f"{where}: the endpoint needs this statement, which stays "
                "(it makes the app or a router, includes one, or is a route)",
                hint="define what the endpoint needs in a statement of its own",
            )
        imported = dict(module.imports_of(names))
        if module.read_through_home(its_nodes, home):
            home_import = module.home_import(its_nodes)
            imported[home_import.bound] = home_import
            names.add(home_import.bound)
        for name in sorted(names):
            if name in imported:
                wanted = imported[name]
            elif name in module.bindings:
                wanted = Import(plan.private_import, name)
            else:
                continue  # a builtin
            if name in reserved or bound.setdefault(name, wanted) != wanted:
                raise refusal(
                    *place,
                    Code.ADOPT_NAME_CANNOT_MOVE,
                    f"{where}: `{name}` would name two things in one file",
                    hint="rename one of them",
                )
        plan.moved |= definitions
    return list(bound.values())


def _nodes_of(snippets: Iterable[Snippet], module: SourceModule) -> list[cst.CSTNode]:
    return [snippet.node for snippet in snippets if snippet.module is module]


def merged(key: str, values: list[Snippet]) -> str:
    """Several values of one option (outermost router first) in one display.

    Displays are joined element by element (`["items", "custom"]`); any other
    value is unpacked into it (`[*TAGS, "custom"]`, `{**base, 403: ...}`).
    """
    if len(values) == 1:
        return values[0].module.code_elsewhere(values[0].node)
    is_list = key in LIST_OPTIONS
    items: list[str] = []
    for value in values:
        node = value.node
        if isinstance(node, cst.List if is_list else cst.Dict):
            elements: Iterable[cst.CSTNode] = node.elements
            items.extend(
                value.module.code_elsewhere(each).strip().rstrip(",")
                for each in elements
            )
        else:
            items.append(("*" if is_list else "**") + value.module.code_elsewhere(node))
    opening, closing = "[]" if is_list else "{}"
    return opening + ", ".join(items) + closing


def private_module_text(plan: ModulePlan) -> str:
    """The definitions moved out of a module, with the imports they use."""
    body, home = plan.module.module.body, plan.home
    moved = [body[index] for index in sorted(plan.moved)]
    names = plan.module.names_used(moved, home) - set(plan.moved_names)
    imports = [each for _, each in plan.module.imports_of(names)]
    homed = plan.module.read_through_home(moved, home)
    home_import = plan.module.home_import(moved)
    if homed:
        imports.append(home_import)
    lines = import_lines(imports)
    if plan.module.futures:  # `from __future__ import annotations` comes along
        lines.insert(0, plan.module.futures.strip())
    code = "".join(
        plan.module.code_elsewhere(each, homed, home_import) for each in moved
    )
    header = PRIVATE_HEADER.format(module=plan.module.name)
    opening = "\n" + "\n".join(lines) + "\n" if lines else ""
    return header + opening + "\n\n" + code.lstrip("\n")


def module_text(plan: ModulePlan, registration: list[str], at: Point | None) -> str:
    """The module without what left it, importing back what moved; with
    `registration`, its imports after the module's own and its calls before
    statement `at` (else at the end), in an app factory's body perhaps."""
    module = plan.module.module
    count = len(module.body)
    inserted: defaultdict[Point, list[str]] = defaultdict(list)
    if plan.moved:
        names = ", ".join(plan.moved_names)
        line = f"from {plan.private_import} import {names}\n"
        inserted[min(plan.moved), -1].append(line)
    if registration:
        inserted[_after_imports(plan.module), -1][:0] = registration[:2]
        inserted[(count, -1) if at is None else at].extend(registration[2:])
    body: list[Statement] = []
    for index in range(count + 1):
        statement = module.body[index] if index < count else None
        body.extend(_inserted(inserted.get((index, -1), []), statement))
        if statement is not None and index not in plan.removed | plan.moved:
            removed = plan.removed_inner.get(index, set())
            if removed or any(top == index and inner >= 0 for top, inner in inserted):
                statement = _function_text(statement, index, removed, inserted)
            body.append(statement)
    return module.with_changes(body=body).code


def _inserted(lines: list[str], before: cst.BaseStatement | None) -> list[Statement]:
    """Statements to insert before `before`, taking the blank lines above it."""
    added = [cst.parse_statement(line) for line in lines]
    if added and isinstance(before, Statement) and not is_import(before):
        blank = [line for line in before.leading_lines if line.comment is None]
        added[0] = added[0].with_changes(leading_lines=blank)
    return added


def _function_text(
    function: Statement,
    index: int,
    removed: set[int],
    inserted: dict[Point, list[str]],
) -> Statement:
    """An app factory without the statements that left its body, and with
    what `inserted` puts in it."""
    assert isinstance(function, cst.FunctionDef)
    assert isinstance(function.body, cst.IndentedBlock)
    statements = function.body.body
    body: list[cst.BaseStatement] = []
    for inner in range(len(statements) + 1):
        statement = statements[inner] if inner < len(statements) else None
        body.extend(_inserted(inserted.get((index, inner), []), statement))
        if statement is not None and inner not in removed:
            body.append(statement)
    return function.with_changes(body=function.body.with_changes(body=body))


def _after_imports(module: SourceModule) -> int:
    """The index of the first statement after the module's opening imports."""
    body = module.module.body
    index = 0
    while index < len(body) and (module.is_import(index) or _is_docstring(body[index])):
        index += 1
    return index


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(
            statement.body[0].value, cst.SimpleString | cst.ConcatenatedString
        )
    )


def registration_lines(layout: Layout, app: str) -> list[str]:
    """Two imports, then the calls that add the routes and the route index
    to the router of `app` (a name in the module, or in an app factory)."""
    router = f"{app}.router"
    return [
        f"from {layout.generated}.route_index import use_route_index\n",
        f"from {layout.generated}.router import add_routes\n",
        f"add_routes({router})\n",
        f"use_route_index({router})\n",
    ]
