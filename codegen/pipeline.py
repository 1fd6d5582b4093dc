"""The stages run in order: discover, parse, plan, then emit and format.

Every command builds on `plan_tree` (the route table) or `build` (the router
text), so they all agree on what the routes tree means.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codegen.config import Config
from codegen.diagnostics import START, Code, Diagnostic, has_errors
from codegen.discover import discover
from codegen.emit import emit
from codegen.format import format_source
from codegen.parse import parse_route, parse_settings
from codegen.plan import Plan, plan
from codegen.url_builders import emit_url_builders


class GeneratorBug(Exception):
    """The generator produced something it must never produce."""


@dataclass(frozen=True)
class Output:
    """A generated file's location and its text."""

    path: Path
    text: str


@dataclass(frozen=True)
class Build:
    """The generated files and the plan they came from; none if it has errors."""

    outputs: tuple[Output, ...]
    plan: Plan


def plan_tree(config: Config) -> Plan:
    """Read the routes tree into the route table, with every diagnostic."""
    if not config.routes.is_dir():
        missing = Diagnostic(
            config.relative(config.routes),
            START,
            Code.ROUTES_DIR_MISSING,
            "the routes folder does not exist",
            hint="create it, or point `--routes` / [tool.codegen] routes at it",
        )
        return Plan((), (missing,))
    discovery = discover(config.root, config.routes)
    routes = [parse_route(config.root, file) for file in discovery.files]
    settings = [parse_settings(config.root, file) for file in discovery.settings]
    table = plan(
        (result.spec for result in routes if result.spec is not None),
        (result.spec for result in settings if result.spec is not None),
    )
    diagnostics = [
        *discovery.diagnostics,
        *(diagnostic for result in routes for diagnostic in result.diagnostics),
        *(diagnostic for result in settings for diagnostic in result.diagnostics),
        *table.diagnostics,
    ]
    ordered = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
    return Plan((), ordered) if has_errors(ordered) else Plan(table.routes, ordered)


def build(config: Config) -> Build:
    """Plan the routes tree and write the texts of the router and the URL module."""
    table = plan_tree(config)
    if has_errors(table.diagnostics):
        return Build((), table)
    routes_folder = config.relative(config.routes)
    output_depth = len(config.output.relative_to(config.root).parts) - 1
    router = emit(table.routes, routes_folder, output_depth)
    urls = emit_url_builders(table.routes, routes_folder)
    outputs = (
        _finished(config, config.output, router, sort_imports=True),
        # Its one import is written in order already.
        _finished(config, config.urls, urls, sort_imports=False),
    )
    return Build(outputs, table)


def _finished(config: Config, path: Path, text: str, *, sort_imports: bool) -> Output:
    """Formatted as the project formats code, and proven to compile."""
    formatted = format_source(text, config.root, path, sort_imports=sort_imports)
    _check_compiles(formatted, config.relative(path))
    return Output(path, formatted)


def _check_compiles(text: str, filename: str) -> None:
    """Never hand out a router that is not valid Python (a generator bug)."""
    try:
        compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        raise GeneratorBug(f"generated text does not compile: {error}") from error
