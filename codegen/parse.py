"""Stage 2: read one route file with libcst into a `RouteSpec`.

Nothing here imports or executes the file. The handler and `meta` are found
by name at module level, and every name a `meta` value uses is resolved to
where the route module got it from, so the generated router can refer to the
same object with an explicit, type-checkable expression.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
import libcst.metadata as meta

from codegen.diagnostics import START, Code, Diagnostic, Position
from codegen.discover import RouteFile
from codegen.references import Reference, UndefinedName, alias_name, resolve_reference

HANDLER = "handler"
META = "meta"


@dataclass(frozen=True)
class Parameter:
    """One parameter of the handler, with its annotation's source text."""

    name: str
    annotation: str | None


@dataclass(frozen=True)
class Handler:
    """The route's endpoint function."""

    is_async: bool
    parameters: tuple[Parameter, ...]
    position: Position


MetaPart = str | Reference


@dataclass(frozen=True)
class MetaEntry:
    """One `meta` key and its value, as source text interleaved with references.

    Joining the parts, each reference written as the generated router names
    it, gives an expression that means the same as the value did in the route
    module.
    """

    key: str
    value: tuple[MetaPart, ...]
    position: Position


@dataclass(frozen=True)
class RouteSpec:
    """Everything the generator needs to know about one route file."""

    file: RouteFile
    handler: Handler
    meta: tuple[MetaEntry, ...]


@dataclass(frozen=True)
class ParseResult:
    """A spec, or the diagnostics that explain why there is none."""

    spec: RouteSpec | None
    diagnostics: tuple[Diagnostic, ...]


def parse_route(root: Path, file: RouteFile) -> ParseResult:
    """Read and parse `file` (located relative to `root`)."""
    diagnostics: list[Diagnostic] = []
    report = _Reporter(str(file.path), diagnostics)
    module = _read_module(root / file.path, report)
    if module is None:
        return ParseResult(None, tuple(diagnostics))
    wrapper = meta.MetadataWrapper(module, unsafe_skip_copy=True)
    reader = _ModuleReader(wrapper, file, report)
    handler = reader.handler()
    entries = reader.meta()
    if diagnostics or handler is None:
        return ParseResult(None, tuple(diagnostics))
    return ParseResult(RouteSpec(file, handler, entries), ())


@dataclass(frozen=True)
class _Reporter:
    """Collects the diagnostics of one file."""

    path: str
    diagnostics: list[Diagnostic]

    def __call__(
        self, position: Position, code: Code, message: str, hint: str | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(self.path, position, code, message, hint))


def _read_module(path: Path, report: _Reporter) -> cst.Module | None:
    """Decode the file as Python does (BOM, coding cookie) and parse it."""
    try:
        data = path.read_bytes()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        source = data.decode(encoding)
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError) as error:
        report(START, Code.UNREADABLE_FILE, f"cannot read the file: {error}")
        return None
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        position, message = _syntax_error(source, report.path, error)
        report(position, Code.SYNTAX_ERROR, message)
        return None


def _syntax_error(
    source: str, path: str, error: cst.ParserSyntaxError
) -> tuple[Position, str]:
    """Where and what the syntax error is, as CPython reports it.

    libcst's own positions can be off by a line; `compile` only parses (to an
    AST) and executes nothing, so it is safe to ask.
    """
    try:
        compile(source, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as cpython:
        return Position(cpython.lineno or 1, cpython.offset or 1), (
            f"syntax error: {cpython.msg}"
        )
    return Position(error.raw_line, error.raw_column + 1), (
        f"syntax error: {error.message}"
    )


class _ModuleReader:
    """Finds `handler` and `meta` among a module's top-level statements."""

    def __init__(
        self, wrapper: meta.MetadataWrapper, file: RouteFile, report: _Reporter
    ) -> None:
        self.module = wrapper.module
        self.file = file
        self.report = report
        self.positions = wrapper.resolve(meta.PositionProvider)
        self.spans = wrapper.resolve(meta.ByteSpanPositionProvider)
        self.scopes = wrapper.resolve(meta.ScopeProvider)

    def position(self, node: cst.CSTNode) -> Position:
        start = self.positions[node].start
        return Position(start.line, start.column + 1)

    def handler(self) -> Handler | None:
        definitions = list(_top_level_bindings(self.module, HANDLER))
        if not definitions:
            self.report(
                START,
                Code.MISSING_HANDLER,
                "no `handler` function in this route file",
                hint="define `def handler(...)` or `async def handler(...)`",
            )
            return None
        for duplicate in definitions[1:]:
            self.report(
                self.position(duplicate),
                Code.HANDLER_DEFINED_TWICE,
                "`handler` is defined more than once; only one endpoint per file",
                hint="remove or rename the other definitions",
            )
        definition = definitions[0]
        if not isinstance(definition, cst.FunctionDef):
            self.report(
                self.position(definition),
                Code.HANDLER_NOT_A_FUNCTION,
                "`handler` must be a function defined in this file",
                hint="write `def handler(...)` or `async def handler(...)` here",
            )
            return None
        return Handler(
            is_async=definition.asynchronous is not None,
            parameters=tuple(self.parameters(definition.params)),
            position=self.position(definition),
        )

    def parameters(self, params: cst.Parameters) -> Iterator[Parameter]:
        every = (*params.posonly_params, *params.params, *params.kwonly_params)
        for param in every:
            annotation = param.annotation
            yield Parameter(
                name=param.name.value,
                annotation=None
                if annotation is None
                else self.module.code_for_node(annotation.annotation),
            )

    def meta(self) -> tuple[MetaEntry, ...]:
        definitions = list(_top_level_bindings(self.module, META))
        if not definitions:
            return ()
        for duplicate in definitions[1:]:
            self.report(
                self.position(duplicate),
                Code.META_DEFINED_TWICE,
                "`meta` is assigned more than once",
                hint="keep a single `meta = {...}`",
            )
        value = _assigned_value(definitions[0])
        if not isinstance(value, cst.Dict):
            self.report(
                self.position(definitions[0]),
                Code.META_NOT_A_DICT,
                "`meta` must be a dict literal: `meta = {...}`",
                hint="the generator reads meta without running the file, "
                "so it cannot evaluate calls or names here",
            )
            return ()
        return tuple(self.meta_entries(value))

    def meta_entries(self, value: cst.Dict) -> Iterator[MetaEntry]:
        seen: set[str] = set()
        for element in value.elements:
            name = _literal_key(element)
            if name is None:
                self.report(
                    self.position(element),
                    Code.META_KEY_NOT_A_STRING,
                    "`meta` keys must be string literals, without `**` unpacking",
                    hint='write each option as `"key": value`',
                )
            elif name in seen:
                self.report(
                    self.position(element),
                    Code.META_KEY_DUPLICATED,
                    f"`meta` key {name!r} is given more than once",
                    hint="Python keeps only the last one; remove the others",
                )
            else:
                seen.add(name)
                yield MetaEntry(
                    name, self.expression_parts(element.value), self.position(element)
                )

    def expression_parts(self, expression: cst.BaseExpression) -> tuple[MetaPart, ...]:
        """Split the expression's source around the module names it uses."""
        finder = _ReferenceFinder(self)
        expression.visit(finder)
        span = self.spans[expression]
        source = self.module.bytes
        parts: list[MetaPart] = []
        cursor = span.start
        for node, reference in finder.found:
            node_span = self.spans[node]
            parts.append(source[cursor : node_span.start].decode(self.module.encoding))
            parts.append(reference)
            cursor = node_span.start + node_span.length
        parts.append(
            source[cursor : span.start + span.length].decode(self.module.encoding)
        )
        return tuple(part for part in parts if part != "")


class _ReferenceFinder(cst.CSTVisitor):
    """Collects, in source order, the nodes of an expression that name module globals."""

    def __init__(self, reader: _ModuleReader) -> None:
        self.reader = reader
        self.found: list[tuple[cst.CSTNode, Reference]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if not isinstance(node, cst.Name | cst.Attribute):
            return True
        scope = self.reader.scopes.get(node)
        accesses = scope.accesses[node] if scope is not None else set()
        if not accesses:
            return True
        try:
            resolved = resolve_reference(next(iter(accesses)), self.reader.file.module)
        except UndefinedName as undefined:
            self.reader.report(
                self.reader.position(node),
                Code.META_NAME_UNDEFINED,
                f"`meta` uses `{undefined.name}`, which this module does not define",
                hint=f"define or import `{undefined.name}` at the top level of this file",
            )
            return False
        if resolved is None:
            return True
        self.found.append((node, resolved))
        return False


def _top_level_bindings(module: cst.Module, name: str) -> Iterator[cst.CSTNode]:
    """Statements at module level that bind `name`, in source order."""
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef | cst.ClassDef):
            if statement.name.value == name:
                yield statement
            continue
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if _binds(small, name):
                yield small


def _binds(statement: cst.BaseSmallStatement, name: str) -> bool:
    if isinstance(statement, cst.Assign):
        return any(
            isinstance(target.target, cst.Name) and target.target.value == name
            for target in statement.targets
        )
    if isinstance(statement, cst.AnnAssign):
        return isinstance(statement.target, cst.Name) and statement.target.value == name
    if isinstance(statement, cst.Import | cst.ImportFrom) and not isinstance(
        statement.names, cst.ImportStar
    ):
        return any(alias_name(alias).split(".")[0] == name for alias in statement.names)
    return False


def _literal_key(element: cst.BaseDictElement) -> str | None:
    """The key of a `"key": value` element; `None` for any other kind."""
    if not isinstance(element, cst.DictElement):
        return None
    key = element.key
    if isinstance(key, cst.SimpleString | cst.ConcatenatedString):
        value = key.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _assigned_value(statement: cst.CSTNode) -> cst.BaseExpression | None:
    if isinstance(statement, cst.Assign | cst.AnnAssign):
        return statement.value
    return None
