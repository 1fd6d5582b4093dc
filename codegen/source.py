"""A Python file as the generator sees it: parsed by libcst, never executed.

`read_module` decodes and parses a file; a `SourceModule` then answers what
the parse stage asks of it: where a node is, what the module binds at top
level, and what an expression says with every module name resolved.
"""

from __future__ import annotations

import ast
import bisect
import io
import tokenize
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

import libcst as cst
import libcst.metadata as meta

from codegen.diagnostics import Code, Diagnostic, Position, unreadable
from codegen.references import Reference, UndefinedName, alias_name, resolve_reference

Part = str | Reference


@dataclass(frozen=True)
class DisplayItem:
    """One element of a list, tuple or dict display, e.g. `"a"`, `*x`, `404: {...}`."""

    parts: tuple[Part, ...]
    key: str | None  # a dict element's key as written, so merging can drop repeats


@dataclass(frozen=True)
class Expression:
    """An expression's source, split around the module names it uses.

    Joining the parts, each reference written as the generated router names
    it, gives an expression that means the same as it did in `module`. For a
    list, tuple or dict display, `items` are its elements, so that folder
    settings and a route's own options can be merged into one display.
    """

    module: str
    path: PurePosixPath  # the file it is written in, relative to the project root
    parts: tuple[Part, ...]
    items: tuple[DisplayItem, ...] | None
    is_primary: bool  # a name, attribute, call or subscript: safe to prefix with `*`


@dataclass(frozen=True)
class Option:
    """One registration keyword argument (a `meta` key or a folder setting)."""

    key: str
    value: Expression
    position: Position


class SourceModule:
    """A parsed module, the metadata about it, and the diagnostics it earned."""

    def __init__(
        self,
        module: cst.Module,
        text: str,
        path: PurePosixPath,
        name: str,
        diagnostics: list[Diagnostic],
    ) -> None:
        self.module = module
        self.text = text
        # What libcst's byte spans index: libcst reproduces `text` exactly, so
        # this is `module.bytes`, which would regenerate the code on each use.
        self.data = text.encode(module.encoding)
        self.name = name
        # What `from . import x` means here: a package's own name, else its parent's.
        self.package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        self.path = str(path)
        self.diagnostics = diagnostics
        self.metadata = meta.MetadataWrapper(module, unsafe_skip_copy=True)

    @cached_property
    def line_starts(self) -> list[int]:
        """The byte offset at which each line of the source starts."""
        data = self.data
        starts, index = [0], data.find(b"\n")
        while index != -1:
            starts.append(index + 1)
            index = data.find(b"\n", index + 1)
        return starts

    @cached_property
    def spans(self) -> Mapping[cst.CSTNode, meta.CodeSpan]:
        return self.metadata.resolve(meta.ByteSpanPositionProvider)

    @cached_property
    def scopes(self) -> Mapping[cst.CSTNode, meta.Scope | None]:
        """Scope analysis of the module's top level, which is all names need.

        Function and class bodies are left out: they bind nothing at module
        level, and they are most of a file, so analysing them would be most
        of the generator's time. The statements kept are the same node
        objects, so the scopes of a `meta` expression's names are found.
        """
        outline = self.module.with_changes(
            body=[_without_body(statement) for statement in self.module.body]
        )
        return meta.MetadataWrapper(outline, unsafe_skip_copy=True).resolve(
            meta.ScopeProvider
        )

    def report(
        self, position: Position, code: Code, message: str, hint: str | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(self.path, position, code, message, hint))

    @cached_property
    def top_level_positions(self) -> Mapping[cst.CSTNode, Position]:
        """Where each top-level statement, and each key of a dict assigned at
        top level (`meta`), starts, from CPython's parser.

        Every route needs these; libcst's byte spans would give the same
        answers at several times the cost, so only other nodes (in error
        messages) pay for them. libcst's small statements and CPython's
        top-level statements correspond one to one.
        """
        try:
            tree = ast.parse(self.text)
        except SyntaxError:  # libcst accepted it: byte spans will answer
            return {}
        statements = [
            small
            for statement in self.module.body
            for small in (
                statement.body
                if isinstance(statement, cst.SimpleStatementLine)
                else [statement]
            )
        ]
        positions: dict[cst.CSTNode, Position] = {}
        if len(statements) != len(tree.body):
            return positions
        for node, parsed in zip(statements, tree.body, strict=True):
            positions[node] = self.position_of(parsed.lineno, parsed.col_offset)
            value = getattr(node, "value", None)
            parsed_value = getattr(parsed, "value", None)
            if isinstance(value, cst.Dict) and isinstance(parsed_value, ast.Dict):
                for element, key in zip(value.elements, parsed_value.keys, strict=True):
                    if key is not None:
                        positions[element] = self.position_of(
                            key.lineno, key.col_offset
                        )
        return positions

    def position(self, node: cst.CSTNode) -> Position:
        """Line and column (in characters, 1-based) where `node` starts."""
        known = self.top_level_positions.get(node)
        if known is not None:
            return known
        offset = self.spans[node].start
        line = bisect.bisect_right(self.line_starts, offset)
        return self.position_of(line, offset - self.line_starts[line - 1])

    def position_of(self, line: int, byte_column: int) -> Position:
        """A position from a line and a 0-based column counted in bytes."""
        start = self.line_starts[line - 1]
        prefix = self.data[start : start + byte_column]
        return Position(line, len(prefix.decode(self.module.encoding)) + 1)

    def source_of(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def single_binding(self, name: str, code: Code) -> cst.CSTNode | None:
        """The first top-level statement binding `name`; later ones are reported."""
        definitions = list(top_level_bindings(self.module, name))
        for duplicate in definitions[1:]:
            self.report(
                self.position(duplicate),
                code,
                f"`{name}` is defined more than once at the top level",
                hint="keep a single definition",
            )
        return definitions[0] if definitions else None

    def expression(self, node: cst.BaseExpression) -> Expression:
        """Read `node`, resolving every module name it uses (once)."""
        finder = _ReferenceFinder(self)
        if _uses_names(node):  # literals need no scope analysis
            node.visit(finder)
        cutter = _Cutter(self, finder.found)
        return Expression(
            module=self.name,
            path=PurePosixPath(self.path),
            parts=cutter.parts(node),
            items=cutter.display_items(node),
            is_primary=isinstance(
                node, cst.Name | cst.Attribute | cst.Call | cst.Subscript
            ),
        )


class _Cutter:
    """Cuts the source of an expression's nodes around its resolved names."""

    def __init__(
        self, source: SourceModule, found: list[tuple[cst.CSTNode, Reference]]
    ) -> None:
        self.source = source
        self.references = [(source.spans[node], reference) for node, reference in found]

    def display_items(self, node: cst.BaseExpression) -> tuple[DisplayItem, ...] | None:
        if isinstance(node, cst.List | cst.Tuple):
            return tuple(self.list_item(item) for item in node.elements)
        if isinstance(node, cst.Dict):
            return tuple(self.dict_item(item) for item in node.elements)
        return None

    def list_item(self, element: cst.BaseElement) -> DisplayItem:
        if isinstance(element, cst.StarredElement):
            return DisplayItem(("*", *self.parts(element.value)), None)
        return DisplayItem(self.parts(element.value), None)

    def dict_item(self, element: cst.BaseDictElement) -> DisplayItem:
        if isinstance(element, cst.DictElement):
            parts = (*self.parts(element.key), ": ", *self.parts(element.value))
            return DisplayItem(parts, self.source.source_of(element.key))
        assert isinstance(element, cst.StarredDictElement)
        return DisplayItem(("**", *self.parts(element.value)), None)

    def parts(self, node: cst.CSTNode) -> tuple[Part, ...]:
        """The node's source, cut around the names inside it."""
        if not self.references:  # a literal: no byte spans needed
            return (self.source.source_of(node),)
        span = self.source.spans[node]
        end = span.start + span.length
        data, encoding = self.source.data, self.source.module.encoding
        parts: list[Part] = []
        cursor = span.start
        for found, reference in self.references:
            if span.start <= found.start and found.start + found.length <= end:
                parts.append(data[cursor : found.start].decode(encoding))
                parts.append(reference)
                cursor = found.start + found.length
        parts.append(data[cursor:end].decode(encoding))
        return tuple(part for part in parts if part != "")


class _ReferenceFinder(cst.CSTVisitor):
    """Collects, in source order, the nodes of an expression naming module globals."""

    def __init__(self, source: SourceModule) -> None:
        self.source = source
        self.found: list[tuple[cst.CSTNode, Reference]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if not isinstance(node, cst.Name | cst.Attribute):
            return True
        scope = self.source.scopes.get(node)
        accesses = scope.accesses[node] if scope is not None else set()
        if not accesses:
            return True
        try:
            resolved = resolve_reference(next(iter(accesses)), self.source.package)
        except UndefinedName as undefined:
            self.source.report(
                self.source.position(node),
                Code.NAME_UNDEFINED,
                f"`{undefined.name}` is not defined in this module",
                hint=f"define or import `{undefined.name}` at the top level",
            )
            return False
        if resolved is None:
            return True
        self.found.append((node, resolved))
        return False


def _uses_names(node: cst.CSTNode) -> bool:
    finder = _AnyName()
    node.visit(finder)
    return finder.found


class _AnyName(cst.CSTVisitor):
    """Whether an expression mentions any name (literals do not)."""

    def __init__(self) -> None:
        self.found = False

    def visit_Name(self, node: cst.Name) -> bool:
        self.found = True
        return False


def _without_body(statement: cst.BaseStatement) -> cst.BaseStatement:
    if isinstance(statement, cst.FunctionDef | cst.ClassDef):
        return statement.with_changes(body=_ELLIPSIS_BODY, decorators=())
    return statement


_ELLIPSIS_BODY = cst.IndentedBlock(
    body=[cst.SimpleStatementLine(body=[cst.Expr(cst.Ellipsis())])]
)


def read_module(
    path: PurePosixPath, data: bytes, name: str, diagnostics: list[Diagnostic]
) -> SourceModule | None:
    """Decode a file's bytes as Python does (BOM, coding cookie) and parse them."""
    try:
        text = _decode(data)
    except (UnicodeError, LookupError) as error:
        message = f"cannot read the file: {error}"
        diagnostics.append(unreadable(str(path), message, hint="save it as UTF-8"))
        return None
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        position, message = _syntax_error(text, str(path), error)
        diagnostics.append(Diagnostic(str(path), position, Code.SYNTAX_ERROR, message))
        return None
    return SourceModule(module, text, path, name, diagnostics)


def _decode(data: bytes) -> str:
    """Decode as Python does: a BOM or coding cookie, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        raise UnicodeError("it is not UTF-8 and declares no other encoding") from None
    return data.decode(encoding)


def _syntax_error(
    text: str, path: str, error: cst.ParserSyntaxError
) -> tuple[Position, str]:
    """Where and what the syntax error is, as CPython reports it.

    libcst's own positions can be off by a line; `compile` only parses (to an
    AST) and executes nothing, so it is safe to ask.
    """
    try:
        compile(text, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as cpython:
        position = Position(cpython.lineno or 1, cpython.offset or 1)
        return position, f"syntax error: {cpython.msg}"
    position = Position(error.raw_line, error.raw_column + 1)
    return position, f"syntax error: {error.message}"


def top_level_bindings(module: cst.Module, name: str) -> Iterator[cst.CSTNode]:
    """Statements at module level that bind `name`, in source order."""
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef | cst.ClassDef):
            if statement.name.value == name:
                yield statement
        elif isinstance(statement, cst.SimpleStatementLine):
            yield from (small for small in statement.body if _binds(small, name))


def top_level_assignments(module: cst.Module) -> Iterator[tuple[str, cst.CSTNode]]:
    """`(name, statement)` for each plain `name = ...` or `name: T = ...`."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                for target in _assigned_names(small):
                    yield target, small


def assigned_value(statement: cst.CSTNode) -> cst.BaseExpression | None:
    if isinstance(statement, cst.Assign | cst.AnnAssign):
        return statement.value
    return None


def _assigned_names(statement: cst.BaseSmallStatement) -> list[str]:
    if isinstance(statement, cst.Assign):
        targets = [target.target for target in statement.targets]
    elif isinstance(statement, cst.AnnAssign):
        targets = [statement.target]
    else:
        return []
    return [target.value for target in targets if isinstance(target, cst.Name)]


def _binds(statement: cst.BaseSmallStatement, name: str) -> bool:
    if name in _assigned_names(statement):
        return True
    if isinstance(statement, cst.Import | cst.ImportFrom) and not isinstance(
        statement.names, cst.ImportStar
    ):
        return any(alias_name(alias).split(".")[0] == name for alias in statement.names)
    return False
