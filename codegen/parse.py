"""Stage 2: read route files and folder settings into specs.

Nothing here imports or executes a file. A route file's `handler` and `meta`
are found by name at module level; a folder's `__init__.py` contributes its
module-level `dependencies`, `tags` and `responses` to every route below it.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Generic, TypeVar

import libcst as cst

from codegen.diagnostics import START, Code, Diagnostic, Position
from codegen.discover import RouteFile, SettingsFile
from codegen.registration import DERIVED_ARGUMENTS, accepted_keys_of_any_route
from codegen.source import (
    Option,
    SourceModule,
    assigned_value,
    read_module,
    top_level_assignments,
    top_level_bindings,
)

HANDLER = "handler"
META = "meta"
NAME = "name"  # a `meta` key that keeps a route's own name (`url_path_for`)
TRAILING_SLASH = "trailing_slash"  # a route's URL ends with `/` (`POST /items/`)
FOLDER_SETTINGS = ("dependencies", "tags", "responses")
FOLDER_NAMES = (*FOLDER_SETTINGS, TRAILING_SLASH)


@dataclass(frozen=True)
class Parameter:
    """One parameter of the handler, with its annotation and default as written."""

    name: str
    annotation: str | None
    default: str | None


@dataclass(frozen=True)
class Handler:
    """The route's endpoint function."""

    parameters: tuple[Parameter, ...]
    takes_any_keyword: bool  # has `**kwargs`
    position: Position


@dataclass(frozen=True)
class RouteSpec:
    """Everything the generator needs to know about one route file."""

    file: RouteFile
    handler: Handler
    meta: tuple[Option, ...]  # registration options, without `name`
    name: str | None = None  # `meta`'s "name", if the route keeps its own
    trailing_slash: bool | None = None  # the file's own `trailing_slash`, if set


@dataclass(frozen=True)
class FolderSettings:
    """The settings a folder's `__init__.py` gives every route below it."""

    folder: PurePosixPath  # relative to the project root
    options: tuple[Option, ...]
    trailing_slash: bool | None = None


T = TypeVar("T")


@dataclass(frozen=True)
class ParseResult(Generic[T]):
    """What a file says, or `None` and the diagnostics that explain why."""

    spec: T | None
    diagnostics: tuple[Diagnostic, ...]


def parse_route(file: RouteFile, data: bytes) -> ParseResult[RouteSpec]:
    """Read the route file `file`, whose content is `data`."""
    diagnostics: list[Diagnostic] = []
    source = read_module(file.path, data, file.module, diagnostics)
    if source is None:
        return ParseResult(None, tuple(diagnostics))
    handler = read_handler(source)
    options = read_meta(source)
    name = next((option for option in options if option.key == NAME), None)
    own_name = None if name is None else literal(source, name, str)
    trailing_slash = read_trailing_slash(source)
    if diagnostics or handler is None:
        return ParseResult(None, tuple(diagnostics))
    meta = tuple(option for option in options if option.key != NAME)
    return ParseResult(RouteSpec(file, handler, meta, own_name, trailing_slash), ())


def parse_settings(file: SettingsFile, data: bytes) -> ParseResult[FolderSettings]:
    """Read a folder's `__init__.py` (content `data`) for its subtree's settings."""
    diagnostics: list[Diagnostic] = []
    source = read_module(file.path, data, file.module, diagnostics)
    if source is None:
        return ParseResult(None, tuple(diagnostics))
    options = tuple(read_settings(source))
    trailing_slash = read_trailing_slash(source)
    if diagnostics:
        return ParseResult(None, tuple(diagnostics))
    return ParseResult(FolderSettings(file.path.parent, options, trailing_slash), ())


Parsed = ParseResult[RouteSpec] | ParseResult[FolderSettings]


def parse_file(file: RouteFile | SettingsFile, data: bytes) -> Parsed:
    """Parse a route file or a folder's settings, whichever `file` is."""
    if isinstance(file, SettingsFile):
        return parse_settings(file, data)
    return parse_route(file, data)


def read_handler(source: SourceModule) -> Handler | None:
    definition = source.single_binding(HANDLER, Code.HANDLER_DEFINED_TWICE)
    if definition is None:
        source.report(
            START,
            Code.MISSING_HANDLER,
            "no `handler` function in this route file",
            hint="define `def handler(...)` or `async def handler(...)`",
        )
        return None
    definition = named_function(source, definition)
    if not isinstance(definition, cst.FunctionDef):
        source.report(
            source.position(definition),
            Code.HANDLER_NOT_A_FUNCTION,
            "`handler` must be a function defined in this file",
            hint="write `def handler(...)` or `async def handler(...)` here, "
            "or `handler = read_item` after `def read_item(...)`",
        )
        return None
    params = definition.params
    return Handler(
        parameters=tuple(
            Parameter(
                name=param.name.value,
                annotation=source.source_of(param.annotation.annotation)
                if param.annotation
                else None,
                default=source.source_of(param.default) if param.default else None,
            )
            for param in (*params.posonly_params, *params.params, *params.kwonly_params)
        ),
        takes_any_keyword=isinstance(params.star_kwarg, cst.Param),
        position=source.position(definition),
    )


def named_function(source: SourceModule, definition: cst.CSTNode) -> cst.CSTNode:
    """The function `handler = name` names, if `name` is one defined in the
    file, so that a function keeps its own name (`__name__`, tracebacks);
    else `definition` itself."""
    value = assigned_value(definition)
    if isinstance(value, cst.Name) and value.value != HANDLER:
        bindings = list(top_level_bindings(source.module, value.value))
        function = bindings[0] if len(bindings) == 1 else None
        if isinstance(function, cst.FunctionDef) and (
            source.position(function) < source.position(definition)
        ):
            return function
    return definition


def read_meta(source: SourceModule) -> tuple[Option, ...]:
    statement = source.single_binding(META, Code.OPTION_DEFINED_TWICE)
    if statement is None:
        return ()
    value = assigned_value(statement)
    if not isinstance(value, cst.Dict):
        source.report(
            source.position(statement),
            Code.META_NOT_A_DICT,
            "`meta` must be a dict literal: `meta = {...}`",
            hint="the generator reads meta without running the file, "
            "so it cannot evaluate calls or names here",
        )
        return ()
    return tuple(_meta_options(source, value))


def read_trailing_slash(source: SourceModule) -> bool | None:
    """The module's `trailing_slash = True` (or `False`), if it has one."""
    statement = source.single_binding(TRAILING_SLASH, Code.OPTION_DEFINED_TWICE)
    value = None if statement is None else assigned_value(statement)
    if statement is None or value is None:
        return None
    setting = Option(
        TRAILING_SLASH, source.expression(value), source.position(statement)
    )
    return literal(source, setting, bool)


LiteralType = TypeVar("LiteralType", str, bool)


def literal(
    source: SourceModule, setting: Option, kind: type[LiteralType]
) -> LiteralType | None:
    """A setting that decides the route table itself, so it must be a literal."""
    parts = setting.value.parts
    try:
        evaluated = ast.literal_eval(parts[0]) if isinstance(parts[0], str) else None
    except (ValueError, SyntaxError, TypeError):
        evaluated = None
    if len(parts) == 1 and isinstance(evaluated, kind):
        return evaluated
    example = '"read_item"' if kind is str else "True"
    source.report(
        setting.position,
        Code.SETTING_NOT_A_LITERAL,
        f"`{setting.key}` must be a {kind.__name__} literal, e.g. `{example}`",
        hint="it decides the route table, which is read without running the file",
    )
    return None


def _meta_options(source: SourceModule, value: cst.Dict) -> Iterator[Option]:
    seen: set[str] = set()
    for element in value.elements:
        key = _literal_key(element)
        if key is None:
            source.report(
                source.position(element),
                Code.META_KEY_NOT_A_STRING,
                "`meta` keys must be string literals, without `**` unpacking",
                hint='write each option as `"key": value`',
            )
        elif key in seen:
            source.report(
                source.position(element),
                Code.META_KEY_DUPLICATED,
                f"`meta` key {key!r} is given more than once",
                hint="Python keeps only the last one; remove the others",
            )
        else:
            assert isinstance(element, cst.DictElement)
            seen.add(key)
            yield Option(
                key, source.expression(element.value), source.position(element)
            )


def _literal_key(element: cst.BaseDictElement) -> str | None:
    """The key of a `"key": value` element; `None` for any other kind."""
    if not isinstance(element, cst.DictElement):
        return None
    key = element.key
    if isinstance(key, cst.SimpleString | cst.ConcatenatedString):
        value = key.evaluated_value
        return value if isinstance(value, str) else None
    return None


def read_settings(source: SourceModule) -> Iterator[Option]:
    """The folder settings among `__init__.py`'s top-level assignments.

    Other names are the module's own business (helpers, imports), except
    those that look like a mistaken setting: a near miss (`tag`), a `meta`
    dict, or a registration option that folders cannot set (`summary`).
    """
    seen: set[str] = set()
    for name, statement in top_level_assignments(source.module):
        value = assigned_value(statement)
        if name == TRAILING_SLASH:
            continue  # read by `read_trailing_slash`
        if name in FOLDER_SETTINGS and value is not None:
            if name in seen:
                source.report(
                    source.position(statement),
                    Code.OPTION_DEFINED_TWICE,
                    f"folder setting `{name}` is assigned more than once",
                    hint="keep a single assignment",
                )
                continue
            seen.add(name)
            yield Option(name, source.expression(value), source.position(statement))
        elif _looks_like_a_setting(name):
            close = _near_miss(name)
            source.report(
                source.position(statement),
                Code.FOLDER_SETTING_UNKNOWN,
                f"`{name}` is not a folder setting",
                hint=(f"did you mean `{close}`? " if close else "")
                + "a folder's __init__.py can set "
                + ", ".join(f"`{setting}`" for setting in FOLDER_NAMES)
                + f"; name a helper `_{name}`",
            )


def _looks_like_a_setting(name: str) -> bool:
    """`meta`, a registration option, or a near miss of a setting's name.

    A near miss is close in spelling and starts with the same letter: typos
    rarely change the first one, helpers like `stages` often do.
    """
    if name == META or _near_miss(name) is not None:
        return True
    return name in accepted_keys_of_any_route() and name not in DERIVED_ARGUMENTS


def _near_miss(name: str) -> str | None:
    close = difflib.get_close_matches(name, FOLDER_NAMES, n=1, cutoff=0.8)
    return close[0] if close and close[0][0] == name[0] else None
