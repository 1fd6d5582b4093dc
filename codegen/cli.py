"""`python -m codegen`: regenerate the router, or check that it is current.

Exit codes follow black and ruff: 0 success, 1 stale output or errors in the
routes tree, 2 a usage error or a failure of the tool itself.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from codegen.config import Config, ConfigError, load_config
from codegen.diagnostics import Diagnostic
from codegen.format import FormatterError
from codegen.output import read_current, write_atomically
from codegen.pipeline import build

COMMAND = "python -m codegen"
OK, FAILED, CRASHED = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        config = load_config(Path.cwd(), arguments.routes, arguments.output)
        return run(config, check=arguments.check)
    except ConfigError as error:
        return report([error.diagnostic], None)
    except FormatterError as error:
        print(f"{COMMAND}: cannot format the router: {error}", file=sys.stderr)
        return CRASHED
    except Exception:  # a bug in the generator, never a user's mistake
        print(f"{COMMAND}: internal error, please report it:", file=sys.stderr)
        traceback.print_exc()
        return CRASHED


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog=COMMAND,
        description="Compile the routes tree into the generated FastAPI router.",
    )
    cli.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and show a diff if the router is stale",
    )
    cli.add_argument("--routes", metavar="DIR", help="the routes folder")
    cli.add_argument("--output", metavar="FILE", help="the generated router file")
    return cli


def run(config: Config, *, check: bool) -> int:
    result = build(config)
    output = config.relative(config.output)
    if result.text is None:
        return report(list(result.diagnostics), output)
    current = read_current(config.output)
    count = f"{len(result.routes)} route{'' if len(result.routes) == 1 else 's'}"
    if current == result.text:
        print(f"{output} is up to date ({count}).", file=sys.stderr)
        return OK
    if check:
        sys.stdout.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                result.text.splitlines(keepends=True),
                fromfile=f"{output} (committed)",
                tofile=f"{output} (generated)",
            )
        )
        print(f"{output} is stale: run `{COMMAND}` to update it.", file=sys.stderr)
        return FAILED
    write_atomically(config.output, result.text)
    print(f"{output} updated ({count}).", file=sys.stderr)
    return OK


def report(diagnostics: list[Diagnostic], output: str | None) -> int:
    """Print every diagnostic, then one summary line."""
    for diagnostic in diagnostics:
        print(diagnostic.render(), file=sys.stderr)
    plural = "" if len(diagnostics) == 1 else "s"
    untouched = f"; {output} was left unchanged" if output else ""
    print(f"Found {len(diagnostics)} error{plural}{untouched}.", file=sys.stderr)
    return FAILED
