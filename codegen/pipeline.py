"""The four stages run in order: discover, parse, plan, emit (then format).

Every command (write, `--check`, ...) builds the router text through here,
so they all agree on what the routes tree means.
"""

from __future__ import annotations

from dataclasses import dataclass

from codegen.config import Config
from codegen.diagnostics import START, Code, Diagnostic
from codegen.discover import discover
from codegen.emit import emit
from codegen.format import format_source
from codegen.parse import parse_route
from codegen.plan import PlannedRoute, plan


class GeneratorBug(Exception):
    """The generator produced something it must never produce."""


@dataclass(frozen=True)
class Build:
    """The router text and its route table, or the diagnostics that stop it."""

    text: str | None
    routes: tuple[PlannedRoute, ...]
    diagnostics: tuple[Diagnostic, ...]


def build(config: Config) -> Build:
    """Read the routes tree and produce the generated router's text."""
    if not config.routes.is_dir():
        missing = Diagnostic(
            config.relative(config.routes),
            START,
            Code.ROUTES_DIR_MISSING,
            "the routes folder does not exist",
            hint="create it, or point `--routes` / [tool.codegen] routes at it",
        )
        return Build(None, (), (missing,))
    discovery = discover(config.root, config.routes)
    parsed = [parse_route(config.root, file) for file in discovery.files]
    table = plan(result.spec for result in parsed if result.spec is not None)
    diagnostics = [
        *discovery.diagnostics,
        *(diagnostic for result in parsed for diagnostic in result.diagnostics),
        *table.diagnostics,
    ]
    if diagnostics:
        return Build(None, (), tuple(sorted(diagnostics, key=Diagnostic.sort_key)))
    text = emit(table.routes, config.relative(config.routes))
    formatted = format_source(text, config.root, config.output)
    _check_compiles(formatted, config.relative(config.output))
    return Build(formatted, table.routes, ())


def _check_compiles(text: str, filename: str) -> None:
    """Never hand out a router that is not valid Python (a generator bug)."""
    try:
        compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        raise GeneratorBug(f"generated text does not compile: {error}") from error
