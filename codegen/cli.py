"""`python -m codegen`: regenerate, check, list, watch, scaffold, or serve.

Exit codes follow black and ruff: 0 success, 1 stale output or errors in the
routes tree, 2 a usage error or a failure of the tool itself.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import traceback
from collections.abc import Callable, Collection, Sequence
from functools import partial
from pathlib import Path

from codegen import COMMAND
from codegen.config import (
    Config,
    ConfigError,
    configured_app,
    load_config,
    read_tools,
)
from codegen.diagnostics import Diagnostic, has_errors
from codegen.format import FormatterError
from codegen.output import read_current, write_atomically
from codegen.scaffold import ScaffoldError, create_route_file, parse_new_route
from codegen.session import Session

# The stages (libcst) and watchfiles are imported where they are needed, so
# that a run in which nothing changed starts in a few milliseconds.

OK, FAILED, CRASHED = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    arguments = cli.parse_args(argv)
    if arguments.json and not arguments.list:
        cli.error("--json goes with --list")
    if arguments.command == "openapi":
        if arguments.check or arguments.list or arguments.watch:
            cli.error("give openapi's options after it: openapi --check")
        if arguments.accept and not arguments.breaking:
            cli.error("--accept goes with --breaking")
    if arguments.command == "adopt":
        from codegen.adopt.command import Request, adopt

        try:
            target = arguments.target or configured_app(read_tools(Path.cwd()))
        except ConfigError as error:
            return report([error.diagnostic], untouched=[])
        if not target:
            cli.error(
                "adopt needs the app as MODULE:ATTR (e.g. main:app), or"
                " [tool.fastapi] entrypoint in pyproject.toml"
            )
        request = Request(
            target=target,
            routes=arguments.routes,
            output=arguments.output,
            dry_run=arguments.dry_run,
            partial=arguments.partial,
            force=arguments.force,
            test=arguments.test,
            no_test=arguments.no_test,
        )
        return guarded(lambda: adopt(Path.cwd(), request))
    try:
        config = load_config(Path.cwd(), arguments.routes, arguments.output)
    except ConfigError as error:
        return report([error.diagnostic], untouched=[])
    if arguments.command == "openapi":
        from codegen.openapi.command import DocumentRequest, openapi

        document = DocumentRequest(
            check=arguments.check_document,
            base=arguments.breaking,
            accepted=arguments.accept,
        )
        return guarded(lambda: openapi(config, document))
    session = Session(config, cache=not arguments.no_cache)
    regenerate = partial(regenerate_in, session)
    if arguments.command == "new":
        command = partial(new_route, config, arguments.route, regenerate)
    elif arguments.command == "dev":
        from codegen.watch import serve_and_watch

        regenerate()
        command = partial(
            serve_and_watch, config, arguments.host, arguments.port, regenerate
        )
    elif arguments.watch:
        from codegen.watch import watch

        regenerate()
        command = partial(watch, config.routes, regenerate)
    elif arguments.list:
        command = partial(list_routes, session, as_json=arguments.json)
    else:
        command = partial(generate, session, check=arguments.check)
    return guarded(lambda: saved(session, command))


def regenerate_in(session: Session, changed: Collection[Path] | None = None) -> int:
    return guarded(lambda: generate(session, check=False, changed=changed))


def saved(session: Session, command: Callable[[], int]) -> int:
    """Run the command, then keep what the session learnt in the cache."""
    try:
        return command()
    finally:
        session.save()


def guarded(command: Callable[[], int]) -> int:
    """Run a command; a failure of the tool itself is exit 2, never a user's."""
    try:
        return command()
    except FormatterError as error:
        print(f"{COMMAND}: cannot format the generated files: {error}", file=sys.stderr)
        return CRASHED
    except BrokenPipeError:  # the reader went away (`--list | head`): not a bug
        # Python flushes stdout at exit; point it somewhere that accepts it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FAILED
    except Exception:  # a bug in the generator, never a user's mistake
        print(f"{COMMAND}: internal error, please report it:", file=sys.stderr)
        traceback.print_exc()
        return CRASHED


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog=COMMAND,
        description="Compile the routes tree into the generated FastAPI router.",
    )
    mode = cli.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and show a diff if a generated file is stale",
    )
    mode.add_argument(
        "--list",
        action="store_true",
        help="print the route table in match order: method, path, file, name, "
        "dependencies",
    )
    mode.add_argument(
        "--watch",
        action="store_true",
        help="regenerate on every change under the routes folder, until Ctrl-C",
    )
    cli.add_argument("--json", action="store_true", help="with --list: print JSON")
    cli.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache"
    )
    add_locations(cli, default=None)
    commands = cli.add_subparsers(dest="command", metavar="{new,dev,adopt,openapi}")
    new = commands.add_parser(
        "new", help='create a route file: new "GET /orders/{order_id}"'
    )
    new.add_argument("route", help='method and path, e.g. "WS /rooms/{room}"')
    add_locations(new, default=argparse.SUPPRESS)
    dev = commands.add_parser(
        "dev", help="serve the app; regenerate and restart it on every save"
    )
    dev.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    dev.add_argument("--port", type=int, default=8000, help="default: 8000")
    add_locations(dev, default=argparse.SUPPRESS)
    adopt = commands.add_parser(
        "adopt",
        help="move an existing app's routes into the routes tree, and prove "
        "nothing changed (imports the app)",
        description="Move the routes of an existing FastAPI app into the routes "
        "tree with libcst, then prove the move: the OpenAPI document and the "
        "route table must be the same, and the project's own tests must pass as "
        "they did, or every file is restored. Unlike "
        "generating, this imports your app (in a subprocess, before and after).",
    )
    adopt.add_argument(
        "target",
        nargs="?",
        help="the app, as MODULE:ATTR (e.g. main:app); by default"
        " [tool.fastapi] entrypoint (or [tool.codegen] app) in pyproject.toml",
    )
    adopt.add_argument(
        "--dry-run", action="store_true", help="print the plan; write nothing"
    )
    adopt.add_argument(
        "--partial",
        action="store_true",
        help="move what can move exactly; leave the rest where it is",
    )
    adopt.add_argument(
        "--force",
        action="store_true",
        help="run even if git shows uncommitted changes in files it would touch",
    )
    tests = adopt.add_mutually_exclusive_group()
    tests.add_argument(
        "--test",
        metavar="CMD",
        help="the shell command that runs the project's tests, before and after "
        "(default: pytest, when the project has test_*.py files); a test that "
        "passed before and fails after undoes the adoption",
    )
    tests.add_argument(
        "--no-test", action="store_true", help="do not run the project's tests"
    )
    add_locations(adopt, default=argparse.SUPPRESS)
    add_openapi(commands)
    return cli


def add_openapi(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    document = commands.add_parser(
        "openapi",
        help="write the app's OpenAPI document (imports the app), check it, or "
        "say what changed since a revision",
        description="Write the app's OpenAPI document to [tool.codegen] openapi "
        "(generated/openapi.json), formatted for review. Unlike generating, this "
        "imports your app, in a subprocess, as /openapi.json would build it.",
    )
    document.add_argument(
        "--check",
        dest="check_document",
        action="store_true",
        help="write nothing; exit 1 and show a diff if the document is stale",
    )
    document.add_argument(
        "--breaking",
        metavar="BASE",
        help="print what changed since BASE (a git revision, or a file), "
        "breaking or not; exit 1 on a breaking change not accepted",
    )
    document.add_argument(
        "--accept",
        metavar="FILE",
        type=Path,
        help="with --breaking: breaking changes accepted, one printed line each",
    )


def add_locations(cli: argparse.ArgumentParser, default: object) -> None:
    """`--routes` and `--output`, which override `[tool.codegen]`."""
    cli.add_argument("--routes", metavar="DIR", default=default, help="routes folder")
    cli.add_argument(
        "--output", metavar="FILE", default=default, help="generated router file"
    )


def new_route(config: Config, text: str, regenerate: Callable[[], int]) -> int:
    """Scaffold a route file, then regenerate so that it is served."""
    try:
        route = parse_new_route(text)
        path = create_route_file(config, route)
    except ScaffoldError as error:
        print(f"{COMMAND} new: {error}", file=sys.stderr)
        return FAILED
    print(f"Created {config.relative(path)}.", file=sys.stderr)
    return regenerate()


def generate(
    session: Session, *, check: bool, changed: Collection[Path] | None = None
) -> int:
    """Write (or with `check`, compare) every generated file; say what happened.

    `changed`: the paths changed since the session's last run, if known.
    """
    config = session.config
    result = session.generate(changed)
    if not result.outputs:
        outputs = [config.relative(path) for path in config.generated_files]
        return report(result.diagnostics, untouched=outputs)
    report(result.diagnostics, untouched=[])
    count = routes_count(result.route_count)
    stale = False
    for output in result.outputs:
        name = config.relative(output.path)
        current = read_current(output.path)
        if current == output.text:
            print(f"{name} is up to date ({count}).", file=sys.stderr)
        elif check:
            stale = True
            show_stale(name, current, output.text, made_by="generated", fix=COMMAND)
        else:
            write_atomically(output.path, output.text.encode())
            print(f"{name} updated ({count}).", file=sys.stderr)
    return FAILED if stale else OK


def show_stale(name: str, current: str, text: str, *, made_by: str, fix: str) -> None:
    """A stale file's diff from what is committed (on stdout), then the
    command that updates it."""
    sys.stdout.writelines(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{name} (committed)",
            tofile=f"{name} ({made_by})",
        )
    )
    sys.stdout.flush()  # the diff, then what to do about it
    print(f"{name} is stale: run `{fix}` to update it.", file=sys.stderr)


def list_routes(session: Session, *, as_json: bool) -> int:
    """Print the route table in match order, like `flask routes`."""
    table = session.plan()
    if has_errors(table.diagnostics):
        return report(table.diagnostics, untouched=[])
    report(table.diagnostics, untouched=[])
    from codegen.dependencies import declared_dependencies

    rows: list[dict[str, str | list[str]]] = [
        {
            "method": route.spec.file.label,
            "path": route.url,
            "file": str(route.spec.file.path),
            "name": route.name,
            "dependencies": list(declared_dependencies(route)),
        }
        for route in table.routes
    ]
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
    return OK


def print_table(rows: list[dict[str, str | list[str]]]) -> None:
    """Aligned columns under an upper-case header; lists joined by commas."""
    columns = ["method", "path", "file", "name", "dependencies"]
    lines = [[column.upper() for column in columns]]
    lines.extend([cell(row[column]) for column in columns] for row in rows)
    widths = [max(len(line[index]) for line in lines) for index in range(len(columns))]
    for line in lines:
        cells = (cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        print("  ".join(cells).rstrip())


def cell(value: str | list[str]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def routes_count(count: int) -> str:
    return f"{count} route{'' if count == 1 else 's'}"


def listed(items: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return " and ".join(filter(None, [", ".join(items[:-1]), *items[-1:]]))


def report(diagnostics: Sequence[Diagnostic], *, untouched: Sequence[str]) -> int:
    """Print every diagnostic and a summary line; exit 1 if any is an error.

    Prints nothing when there is nothing to say.
    """
    for diagnostic in diagnostics:
        print(diagnostic.render(), file=sys.stderr)
    errors = sum(not diagnostic.code.is_warning for diagnostic in diagnostics)
    warnings = len(diagnostics) - errors
    counts = [
        f"{count} {word}{'' if count == 1 else 's'}"
        for count, word in ((errors, "error"), (warnings, "warning"))
        if count
    ]
    if counts:
        were = "was" if len(untouched) == 1 else "were"
        left = (
            f"; {listed(untouched)} {were} left unchanged"
            if errors and untouched
            else ""
        )
        print(f"Found {listed(counts)}{left}.", file=sys.stderr)
    return FAILED if errors else OK
