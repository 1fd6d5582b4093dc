"""An app's own modules as adopting reads them: which top-level statement
binds each name, which module-level names a piece of code uses, and how
another module can import what this one imports.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import libcst as cst
import libcst.metadata as meta
from libcst.helpers import get_absolute_module_from_package_for_import

# Compound statements run their body once at import time under a condition,
# in a loop or with a context: what they define is not defined unconditionally.
UNCONDITIONAL = (
    cst.SimpleStatementLine,
    cst.FunctionDef,
    cst.ClassDef,
)


class SourceModule:
    """One module of the app, parsed with libcst, with name bindings resolved."""

    def __init__(self, root: Path, path: Path) -> None:
        self.path = path
        self.relative = path.relative_to(root).as_posix()
        parts = self.relative.removesuffix(".py").split("/")
        self.is_package = parts[-1] == "__init__"
        self.name = ".".join(parts[:-1] if self.is_package else parts)
        self.package = self.name if self.is_package else self.name.rpartition(".")[0]
        self.text = path.read_text(encoding="utf-8")
        self.module = cst.parse_module(self.text)
        self.wrapper = meta.MetadataWrapper(self.module, unsafe_skip_copy=True)

    @cached_property
    def positions(self) -> dict[cst.CSTNode, meta.CodeRange]:
        return dict(self.wrapper.resolve(meta.PositionProvider))

    @cached_property
    def global_scope(self) -> meta.GlobalScope:
        scopes = self.wrapper.resolve(meta.ScopeProvider)
        scope = scopes[self.module]
        assert isinstance(scope, meta.GlobalScope)
        return scope

    @cached_property
    def statement_lines(self) -> list[int]:
        """The first line of each top-level statement, decorators included."""
        return [
            self.line_of(getattr(statement, "decorators", None) or statement)
            for statement in self.module.body
        ]

    def statement_at(self, line: int) -> int:
        """The index of the top-level statement that line `line` is part of."""
        return max(0, bisect.bisect_right(self.statement_lines, line) - 1)

    def line_of(self, node: cst.CSTNode | tuple[cst.Decorator, ...]) -> int:
        """The line a node (or the first of some decorators) starts on."""
        first = node[0] if isinstance(node, tuple) else node
        return self.positions[first].start.line

    def column_of(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.column + 1

    @cached_property
    def bindings(self) -> dict[str, list[int]]:
        """Each module-level name, and the top-level statements that bind it."""
        bound: defaultdict[str, list[int]] = defaultdict(list)
        for assignment in self.global_scope.assignments:
            if isinstance(assignment, meta.Assignment | meta.ImportAssignment):
                index = self.statement_at(self.line_of(assignment.node))
                if index not in bound[assignment.name]:
                    bound[assignment.name].append(index)
        return dict(bound)

    @cached_property
    def accesses(self) -> tuple[list[Location], list[Access]]:
        """Each read of a module-level name, by where it starts."""
        found = sorted(
            (
                _location(self.positions[access.node].start),
                Access(
                    _location(self.positions[access.node].end),
                    assignment.name,
                    access.node,
                    _at_call_time(access.scope),
                ),
            )
            for assignment in self.global_scope.assignments
            for access in assignment.references
        )
        return [start for start, _ in found], [access for _, access in found]

    def reads(
        self, nodes: Iterable[cst.CSTNode], through_home: Iterable[str] = ()
    ) -> Iterator[Access]:
        """The reads of module-level names inside `nodes` (decorators
        included), but for the reads of `through_home` when the code runs."""
        starts, accesses = self.accesses
        skipped = frozenset(through_home)
        for node in nodes:
            for part in (*getattr(node, "decorators", ()), node):
                span = self.positions[part]
                start, end = _location(span.start), _location(span.end)
                index = bisect.bisect_left(starts, start)
                while index < len(starts) and starts[index] < end:
                    access = accesses[index]
                    skip = access.at_call_time and access.name in skipped
                    if access.end <= end and not skip:
                        yield access
                    index += 1

    def names_used(
        self, nodes: Iterable[cst.CSTNode], through_home: Iterable[str] = ()
    ) -> set[str]:
        """The module-level names that code inside `nodes` reads, decorators
        and string annotations included; `through_home`: see `reads`."""
        nodes = list(nodes)
        names = {access.name for access in self.reads(nodes, through_home)}
        for node in nodes:
            names |= self._names_in_string_annotations(node)
        return names

    def read_through_home(
        self, nodes: Iterable[cst.CSTNode], names: Iterable[str]
    ) -> set[cst.CSTNode]:
        """The reads of `names` in `nodes` that happen when the code runs, so
        that moved code can make them through this module (`main.engine`)."""
        wanted = frozenset(names)
        return {
            access.node
            for access in self.reads(nodes)
            if access.at_call_time
            and access.name in wanted
            and isinstance(access.node, cst.Name)
        }

    def home_import(self, nodes: Iterable[cst.CSTNode]) -> Import:
        """An import that binds this module for moved code (`nodes`) that
        reads its names through it: by its last name (`from app import
        main`), or as `main_module` where that code names something `main`."""
        source, _, name = self.name.rpartition(".")
        taken = any(
            isinstance(each, cst.Name) and each.value == name
            for node in nodes
            for each in _walk(node)
        )
        return Import(source or None, name, f"{name}_module" if taken else None)

    def _names_in_string_annotations(self, node: cst.CSTNode) -> set[str]:
        """Module-level names in annotations written as strings (`-> "Item"`),
        which FastAPI and pydantic resolve in the module's globals (libcst
        records no read for a whole annotation that is a string)."""
        found: set[str] = set()
        for annotation in _walk(node):
            if isinstance(annotation, cst.Annotation):
                for text in _type_strings(annotation.annotation):
                    with contextlib.suppress(cst.ParserSyntaxError):
                        parsed = cst.parse_expression(text)
                        found |= {
                            each.value
                            for each in _walk(parsed)
                            if isinstance(each, cst.Name)
                        }
        return found & self.bindings.keys()

    def module_dunder_used(self, nodes: Iterable[cst.CSTNode]) -> str | None:
        """A name like `__file__` that code in `nodes` reads: it would mean
        another module once the code moves."""
        finder = _ModuleDunders()
        if "__" in self.text:
            for node in nodes:
                node.visit(finder)
        return finder.found

    def code_elsewhere(
        self,
        node: cst.CSTNode,
        homed: Collection[cst.CSTNode] = (),
        home: Import | None = None,
    ) -> str:
        """The node's code for another module: `__name__` becomes this
        module's name, so that `logging.getLogger(__name__)` gets the same
        logger, and the `homed` reads (see `read_through_home`) are made
        through this module as `home` binds it (`engine` becomes
        `main.engine`)."""
        if "__name__" in self.code(node) or homed:
            alias = home.bound if home else self.name
            changed = node.visit(_Elsewhere(self.name, set(homed), alias))
            assert isinstance(changed, cst.CSTNode)
            return self.code(changed)
        return self.code(node)

    def declares_global(self, node: cst.CSTNode) -> bool:
        """Whether a function assigns module-level names (`global x`)."""
        return "global" in self.text and any(
            isinstance(each, cst.Global) for each in _walk(node)
        )

    @cached_property
    def futures(self) -> str:
        """The module's `from __future__ import ...` lines: code that moves
        keeps their meaning (annotations left as strings), so they come along."""
        lines = [
            self.code(statement).strip() + "\n"
            for statement in self.module.body
            if isinstance(statement, cst.SimpleStatementLine)
            and any(
                isinstance(small, cst.ImportFrom)
                and isinstance(small.module, cst.Name)
                and small.module.value == "__future__"
                for small in statement.body
            )
        ]
        return "".join(lines) + "\n" if lines else ""

    @cached_property
    def star_import(self) -> cst.ImportFrom | None:
        """A top-level `from x import *`: the names it binds are unknown."""
        for statement in self.module.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.ImportFrom) and isinstance(
                        small.names, cst.ImportStar
                    ):
                        return small
        return None

    def is_import(self, index: int) -> bool:
        return is_import(self.module.body[index])

    def is_unconditional(self, index: int) -> bool:
        return isinstance(self.module.body[index], UNCONDITIONAL)

    def inner_statement_at(self, index: int, line: int) -> int | None:
        """Where line `line` is in the body of the function that top-level
        statement `index` defines: the index of a simple statement of that
        body (run whenever the function runs), else `None`."""
        function = self.module.body[index]
        if not isinstance(function, cst.FunctionDef) or not isinstance(
            function.body, cst.IndentedBlock
        ):
            return None
        for position, statement in enumerate(function.body.body):
            span = self.positions[statement]
            if span.start.line <= line <= span.end.line:
                simple = isinstance(statement, cst.SimpleStatementLine)
                return position if simple else None
        return None

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def imports_of(self, names: set[str]) -> Iterator[tuple[str, Import]]:
        """`(name, import)`: an absolute import that binds each of `names` as
        this module's own import statements bind it."""
        for index, statement in enumerate(self.module.body):
            if self.is_import(index):
                assert isinstance(statement, cst.SimpleStatementLine)
                for small in statement.body:
                    assert isinstance(small, cst.Import | cst.ImportFrom)
                    yield from self._absolute(small, names)

    def _absolute(
        self, statement: cst.Import | cst.ImportFrom, names: set[str]
    ) -> Iterator[tuple[str, Import]]:
        if isinstance(statement.names, cst.ImportStar):
            return
        source = None
        if isinstance(statement, cst.ImportFrom):
            source = get_absolute_module_from_package_for_import(
                self.package or None, statement
            )
        for alias in statement.names:
            name, rename = alias.evaluated_name, alias.evaluated_alias
            bound = rename or (name if source else name.split(".")[0])
            if bound in names:
                yield bound, Import(source, name, rename)


def is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
    )


@dataclass(frozen=True, order=True)
class Import:
    """`import name [as alias]`, or `from source import name [as alias]`."""

    source: str | None
    name: str
    alias: str | None = None

    @property
    def bound(self) -> str:
        """The name it binds."""
        return self.alias or self.name.split(".")[0]

    @property
    def clause(self) -> str:
        return f"{self.name} as {self.alias}" if self.alias else self.name


def import_lines(imports: Iterable[Import]) -> list[str]:
    """Import statements, one per module, `import` before `from` (ruff's
    isort, run on the files afterwards, puts them in sections)."""
    imports = list(imports)
    plain = sorted({f"import {each.clause}" for each in imports if each.source is None})
    by_source: defaultdict[str, set[str]] = defaultdict(set)
    for each in imports:
        if each.source is not None:
            by_source[each.source].add(each.clause)
    merged = [
        f"from {source} import {', '.join(sorted(clauses))}"
        for source, clauses in sorted(by_source.items())
    ]
    return plain + merged


class Modules:
    """The app's modules, each parsed and analysed once, by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parsed: dict[Path, SourceModule] = {}

    def get(self, path: Path) -> SourceModule:
        if path not in self.parsed:
            module = SourceModule(self.root, path)
            module.accesses  # noqa: B018  (the analysis, done once)
            self.parsed[path] = module
        return self.parsed[path]

    @contextlib.contextmanager
    def analysed_meanwhile(self, paths: Iterable[Path]) -> Iterator[None]:
        """Analyse `paths` on a thread while the caller waits for something
        else (the app importing in a subprocess); stop when it is done.

        Only the thread touches `parsed` until then.
        """
        done = threading.Event()

        def analyse() -> None:
            for path in paths:
                if done.is_set():
                    return
                with contextlib.suppress(Exception):  # not the app's, perhaps
                    self.get(path)

        worker = threading.Thread(target=analyse, daemon=True)
        worker.start()
        try:
            yield
        finally:
            done.set()
            worker.join()


def python_files(root: Path, skip: Iterable[Path]) -> Iterator[Path]:
    """The project's own modules, as far as their place tells: not in hidden
    folders, virtual environments, caches or the folders in `skip`."""
    skipped = set(skip)
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith((".", "__"))
            and name not in {"site-packages", "node_modules", "venv"}
            and here / name not in skipped
        )
        yield from (here / name for name in sorted(files) if name.endswith(".py"))


# `__name__` is written as the old module's name instead (`getLogger(__name__)`).
MODULE_DUNDERS = frozenset(
    {"__file__", "__spec__", "__package__", "__path__", "__loader__"}
)


class _ModuleDunders(cst.CSTVisitor):
    """Finds a read of a module's own attribute, such as `__file__`."""

    def __init__(self) -> None:
        self.found: str | None = None

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in MODULE_DUNDERS and self.found is None:
            self.found = node.value

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # `x.__name__` is `x`'s, not the module's
        return False


class _Elsewhere(cst.CSTTransformer):
    """Writes a bare `__name__` as the module's name, a string literal, and
    each of the `homed` reads as an attribute of the module (`alias`)."""

    def __init__(self, name: str, homed: set[cst.CSTNode], alias: str) -> None:
        self.name = name
        self.homed = homed
        self.alias = alias

    def leave_Name(
        self, original_node: cst.Name, updated_node: cst.Name
    ) -> cst.BaseExpression:
        if original_node.value == "__name__":
            return cst.SimpleString(json.dumps(self.name))
        if original_node in self.homed:
            return cst.Attribute(cst.Name(self.alias), updated_node)
        return updated_node

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return True

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return updated_node.with_changes(attr=original_node.attr)  # `x.__name__`


Location = tuple[int, int]  # line, column


@dataclass(frozen=True, order=True)
class Access:
    """A read of a module-level name: where it ends, and whether it happens
    when the code runs (in a function) rather than when it is defined."""

    end: Location
    name: str
    node: cst.CSTNode = field(compare=False)
    at_call_time: bool = field(compare=False)


def _at_call_time(scope: meta.Scope | None) -> bool:
    while scope is not None and not isinstance(scope, meta.GlobalScope):
        if isinstance(scope, meta.FunctionScope):
            return True
        scope = scope.parent
    return False


def _location(position: meta.CodePosition) -> Location:
    return (position.line, position.column)


def _type_strings(node: cst.CSTNode) -> Iterator[str]:
    """The strings of an annotation that name types: not `Literal`'s values."""
    if isinstance(node, cst.SimpleString):
        if isinstance(text := node.evaluated_value, str):
            yield text
        return
    if isinstance(node, cst.Subscript):
        value = node.value
        name = value.attr if isinstance(value, cst.Attribute) else value
        if isinstance(name, cst.Name) and name.value == "Literal":
            return
    for child in node.children:
        yield from _type_strings(child)


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)
