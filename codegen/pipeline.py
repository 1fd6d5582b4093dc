"""The stages run in order: discover, parse, plan, then emit and format.

Every command builds on `plan_tree` (the route table) or `build` (the
generated files), so they all agree on what the routes tree means. Parsing
is handed to a `Parser`, which the cache wraps to skip unchanged files.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from codegen.config import Config
from codegen.diagnostics import START, Code, Diagnostic, has_errors, unreadable
from codegen.discover import RouteFile, SettingsFile, discover
from codegen.emit import emit
from codegen.format import format_source
from codegen.output import Output
from codegen.parse import FolderSettings, Parsed, RouteSpec, parse_file
from codegen.plan import Plan, plan
from codegen.runtime import route_index
from codegen.url_builders import emit_url_builders

# A file to parse, with its bytes; and how a list of them gets parsed.
Job = tuple[RouteFile | SettingsFile, bytes]
Parser = Callable[[Sequence[Job]], list[Parsed]]
PARALLEL_FROM = 64  # files to parse before the work is spread over processes
# libcst takes about 0.1 ms per statement: a megabyte of dense code parses
# in seconds, five take most of a minute. Route files are meant to be small.
MAX_FILE_SIZE = 1_000_000


class GeneratorBug(Exception):
    """The generator produced something it must never produce."""


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(jobs) // (workers * 4))
        return list(pool.map(parse_file, *zip(*jobs, strict=True), chunksize=chunk))


def plan_tree(config: Config, parse: Parser = parse_all) -> Plan:
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
    discovery = discover(config.root, config.routes)
    unreadable_files: list[Diagnostic] = []
    jobs: list[Job] = []
    files: list[RouteFile | SettingsFile] = [*discovery.files, *discovery.settings]
    for file in files:
        data = _read(config.root, file.path, unreadable_files)
        if data is not None:
            jobs.append((file, data))
    results = parse(jobs)
    table = plan(
        (result.spec for result in results if isinstance(result.spec, RouteSpec)),
        (result.spec for result in results if isinstance(result.spec, FolderSettings)),
    )
    diagnostics = [
        *discovery.diagnostics,
        *unreadable_files,
        *(diagnostic for result in results for diagnostic in result.diagnostics),
        *table.diagnostics,
    ]
    ordered = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
    return Plan((), ordered) if has_errors(ordered) else Plan(table.routes, ordered)


def _read(root: Path, path: PurePosixPath, problems: list[Diagnostic]) -> bytes | None:
    """The file's bytes, if it is a regular file (reading a pipe would block
    forever) of a size that parses in seconds."""
    try:
        status = (root / path).stat()
        if not stat.S_ISREG(status.st_mode):
            reason, hint = "it is not a regular file", "replace it with a regular file"
        elif status.st_size > MAX_FILE_SIZE:
            problems.append(too_large(path, status.st_size))
            return None
        else:
            return (root / path).read_bytes()
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


def build(config: Config, parse: Parser = parse_all) -> Build:
    """Plan the routes tree; write the router, the URL module and the route index."""
    table = plan_tree(config, parse)
    if has_errors(table.diagnostics):
        return Build((), table)
    routes_folder = config.relative(config.routes)
    output_depth = len(config.output.relative_to(config.root).parts) - 1
    router = emit(table.routes, routes_folder, output_depth, config.operation_ids)
    urls = emit_url_builders(table.routes, routes_folder)
    texts = [
        (config.output, router, True),
        # Their imports are written in order already.
        (config.urls, urls, False),
        (config.route_index, route_index(), False),
    ]
    # Each is formatted by ruff subprocesses: wait for them side by side.
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        finished = pool.map(lambda text: _finished(config, *text), texts)
        return Build(tuple(finished), table)


def _finished(config: Config, path: Path, text: str, sort_imports: bool) -> Output:
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
