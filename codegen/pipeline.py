"""The stages run in order: discover, parse, plan, then emit and format.

Every command builds on `plan_tree` (the route table) or `build` (the
generated files), so they all agree on what the routes tree means. Reading
and parsing, planning and formatting are handed in, so that a session
(`codegen.session`) can skip what has not changed since its last run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from codegen.config import Config
from codegen.diagnostics import START, Code, Diagnostic, has_errors, unreadable
from codegen.discover import Discovery, RouteFile, SettingsFile, discover
from codegen.emit import emit
from codegen.format import FormatKey, Piece, format_modules
from codegen.lifeline import worker_context, worker_started
from codegen.output import Output
from codegen.parse import FolderSettings, Parsed, ParseResult, RouteSpec, parse_file
from codegen.plan import Plan, PlannedRoute, plan
from codegen.runtime import runtime_module
from codegen.url_builders import emit_url_builders

# A file to parse, with its bytes; how a list of them gets parsed; how the
# route and settings files of a project get read and parsed; and how specs
# become the route table.
Job = tuple[RouteFile | SettingsFile, bytes]
Parser = Callable[[Sequence[Job]], list[Parsed]]
FileParser = Callable[[Path, Sequence[RouteFile | SettingsFile]], list[Parsed]]
Planning = Callable[[Iterable[RouteSpec], Iterable[FolderSettings]], Plan]
PARALLEL_FROM = 64  # files to parse before the work is spread over processes
# libcst takes about 0.1 ms per statement: a megabyte of dense code parses
# in seconds, five take most of a minute. Route files are meant to be small.
MAX_FILE_SIZE = 1_000_000


@dataclass(frozen=True)
class Build:
    """The generated files and the plan they came from; none if it has errors."""

    outputs: tuple[Output, ...]
    plan: Plan


def parse_all(jobs: Sequence[Job]) -> list[Parsed]:
    """Parse every file, over all cores when there are many."""
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or workers == 1:
        return [parse_file(file, data) for file, data in jobs]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=worker_context(),
        initializer=worker_started,
        initargs=(os.getpid(),),
    ) as pool:
        chunk = max(1, len(jobs) // (workers * 4))
        return list(pool.map(parse_file, *zip(*jobs, strict=True), chunksize=chunk))


def read_and_parse(
    root: Path, files: Sequence[RouteFile | SettingsFile], parse: Parser = parse_all
) -> list[Parsed]:
    """Read each file and parse it; a file that cannot be read is a diagnostic."""
    jobs: list[Job] = []
    unread: list[Parsed | None] = []
    for file in files:
        problems: list[Diagnostic] = []
        data = _read(root, file.path, problems)
        if data is None:
            unread.append(ParseResult(None, tuple(problems)))
        else:
            unread.append(None)
            jobs.append((file, data))
    parsed = iter(parse(jobs))
    return [result or next(parsed) for result in unread]


def discover_routes(config: Config) -> Discovery:
    return discover(config.root, config.routes)


@dataclass(frozen=True)
class Stages:
    """How each stage runs. A session hands in stages that reuse what its
    earlier runs found, and what it wrote and formatted for each route
    (`registrations`, `url_builders`, `formatted`: see `emit`,
    `emit_url_builders`, `format_modules`)."""

    discover: Callable[[Config], Discovery] = discover_routes
    parse: FileParser = read_and_parse
    plan: Planning = plan
    registrations: dict[PlannedRoute, str] | None = None
    url_builders: dict[tuple[PlannedRoute, ...], str] | None = None
    formatted: dict[FormatKey, str] | None = None


def plan_tree(config: Config, stages: Stages = Stages()) -> Plan:
    """Read the routes tree into the route table, with every diagnostic."""
    if not config.routes.is_dir():
        where = config.relative(config.routes)
        problem = "is not a folder" if config.routes.exists() else "does not exist"
        missing = Diagnostic(
            where,
            START,
            Code.ROUTES_DIR_MISSING,
            f"the routes folder `{where}` {problem}",
            hint="create it, or point `--routes` / [tool.codegen] routes at it",
        )
        return Plan((), (missing,))
    discovery = stages.discover(config)
    results = stages.parse(config.root, [*discovery.files, *discovery.settings])
    table = stages.plan(
        (result.spec for result in results if isinstance(result.spec, RouteSpec)),
        (result.spec for result in results if isinstance(result.spec, FolderSettings)),
    )
    diagnostics = [
        *discovery.diagnostics,
        *(diagnostic for result in results for diagnostic in result.diagnostics),
        *table.diagnostics,
    ]
    ordered = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
    return Plan((), ordered) if has_errors(ordered) else Plan(table.routes, ordered)


def _read(root: Path, path: PurePosixPath, problems: list[Diagnostic]) -> bytes | None:
    """The file's bytes, if it is a regular file (reading a pipe would block
    forever) of a size that parses in seconds."""
    # Joined as strings: pathlib's parsing costs more than the read.
    location = os.path.join(root, path)  # noqa: PTH118
    try:
        status = os.stat(location)  # noqa: PTH116
        if not stat.S_ISREG(status.st_mode):
            reason, hint = "it is not a regular file", "replace it with a regular file"
        elif status.st_size > MAX_FILE_SIZE:
            problems.append(too_large(path, status.st_size))
            return None
        else:
            with open(location, "rb") as file:  # noqa: PTH123
                return file.read()
    except FileNotFoundError:  # it was just listed: a link to nothing
        reason = "it is a link to a file that does not exist"
        hint = "fix or remove the link"
    except OSError as error:
        reason, hint = error.strerror or str(error), "check its permissions"
    problems.append(unreadable(str(path), f"cannot read the file: {reason}", hint))
    return None


def too_large(path: PurePosixPath, size: int) -> Diagnostic:
    return Diagnostic(
        str(path),
        START,
        Code.FILE_TOO_LARGE,
        f"the file is {size / 1e6:.1f} MB; route files are read up to "
        f"{MAX_FILE_SIZE / 1e6:g} MB",
        hint="move data into a helper module (`_data.py`), which is never read",
    )


def build(config: Config, stages: Stages = Stages()) -> Build:
    """Plan the routes tree; write the router, the URL module and the route index."""
    table = plan_tree(config, stages)
    if has_errors(table.diagnostics):
        return Build((), table)
    routes_folder = config.relative(config.routes)
    output_depth = len(config.output.relative_to(config.root).parts) - 1
    known = {} if stages.formatted is None else stages.formatted
    router = emit(
        table.routes,
        routes_folder,
        output_depth,
        config.operation_ids,
        stages.registrations,
    )
    urls = emit_url_builders(table.routes, routes_folder, stages.url_builders)
    modules = [
        (config.output, router),
        (config.urls, urls),
        *(
            (path, (Piece(runtime_module(name)),))
            for name, path in config.runtime_modules.items()
        ),
    ]
    texts = format_modules(modules, config.root, known)
    outputs = (
        Output(path, text) for (path, _), text in zip(modules, texts, strict=True)
    )
    return Build(tuple(outputs), table)
