"""`python -m codegen openapi`: write the app's OpenAPI document, check it is
current, and say what changed in it since a base revision.

Exit codes as for generating: 0 current (or no breaking change), 1 stale
(or a breaking change not accepted, or an app that cannot be imported),
2 a usage error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen import COMMAND
from codegen.cli import FAILED, OK, report, show_stale
from codegen.config import Config
from codegen.openapi.compare import Change, changes
from codegen.openapi.export import ExportFailed, exported_document
from codegen.output import read_current, write_atomically

USAGE = 2  # as argparse exits
REFRESH = f"{COMMAND} openapi"


@dataclass(frozen=True)
class DocumentRequest:
    """What `openapi` was asked, from its options."""

    check: bool  # compare with the committed document; write nothing
    base: str | None  # a git revision or a file to compare the document with
    accepted: Path | None  # breaking changes accepted, one printed line each


class UsageError(Exception):
    """The command was asked something it cannot do; the message says why."""


def openapi(config: Config, request: DocumentRequest) -> int:
    if config.openapi is None:
        print("[tool.codegen] openapi is off: no document is kept.", file=sys.stderr)
        return OK
    status = OK
    if request.check or request.base is None:
        try:
            text = exported_document(config)
        except ExportFailed as error:
            return report(
                [error.diagnostic], untouched=[config.relative(config.openapi)]
            )
        status = refreshed(config, config.openapi, text, check=request.check)
    if request.base is not None:
        try:
            changed = compared(config, config.openapi, request.base, request.accepted)
            status = max(status, changed)
        except UsageError as error:
            print(f"{COMMAND} openapi: {error}", file=sys.stderr)
            return USAGE
    return status


def refreshed(config: Config, path: Path, text: str, *, check: bool) -> int:
    """Write the document (or with `check`, compare it); say which."""
    name = config.relative(path)
    current = read_current(path)
    if current == text:
        print(f"{name} is up to date.", file=sys.stderr)
        return OK
    if not check:
        write_atomically(path, text.encode())
        print(f"{name} updated.", file=sys.stderr)
        return OK
    show_stale(name, current, text, made_by="the app's", fix=REFRESH)
    return FAILED


def compared(config: Config, path: Path, base: str, accepting: Path | None) -> int:
    """Print what changed since `base`, breaking changes first; fail on one
    that `accepting` does not accept."""
    name = config.relative(path)
    before = document_at(config, path, base)
    if before is None:
        print(f"{base} has no {name}: nothing to compare.", file=sys.stderr)
        return OK
    if not path.is_file():
        raise UsageError(f"{name} does not exist: run `{REFRESH}` first")
    found = changes(before, parsed(path.read_bytes(), name))
    accepted = accepted_lines(accepting)
    refused = [
        change for change in found if change.breaking and change.line not in accepted
    ]
    agreed = [change for change in found if change.breaking and change.line in accepted]
    others = [change for change in found if not change.breaking]
    for title, members in (
        ("Breaking changes", refused),
        ("Accepted breaking changes", agreed),
        ("Other changes", others),
    ):
        if members:
            print(f"{title} ({len(members)}):")
            print("".join(f"  {change.line}\n" for change in members), end="")
    return verdict(base, found, refused, accepting)


def verdict(
    base: str, found: list[Change], refused: list[Change], file: Path | None
) -> int:
    sys.stdout.flush()  # the changes, then the verdict
    if not found:
        print(f"No changes to the API since {base}.", file=sys.stderr)
        return OK
    if not refused:
        print(f"No breaking change since {base}.", file=sys.stderr)
        return OK
    where = file or "a file given with --accept"
    count = f"{len(refused)} breaking change{'s' if len(refused) > 1 else ''}"
    print(
        f"{count} since {base}: restore what clients rely on, or accept each"
        f" line in {where}.",
        file=sys.stderr,
    )
    return FAILED


def document_at(config: Config, path: Path, base: str) -> Mapping[str, Any] | None:
    """The document in the file `base`, or committed at the git revision
    `base`; None if that revision has none."""
    file = Path(base)
    if file.is_file():
        return parsed(file.read_bytes(), base)
    if git(config, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        raise UsageError(f"{base!r} is neither a file nor a git revision")
    relative = f"{base}:./{config.relative(path)}"
    if git(config, "cat-file", "-e", relative) is None:
        return None
    text = git(config, "show", relative)
    assert text is not None
    return parsed(text.encode(), f"{base}'s {config.relative(path)}")


def git(config: Config, *arguments: str) -> str | None:
    """What git prints, or None if it fails."""
    try:
        result = subprocess.run(
            ["git", *arguments],
            cwd=config.root,
            capture_output=True,
            encoding="utf-8",  # the document's characters are written as they are
            errors="replace",
            check=False,
        )
    except FileNotFoundError as error:
        message = "git is not installed: give the base document as a file"
        raise UsageError(message) from error
    return result.stdout if result.returncode == 0 else None


def parsed(data: bytes, name: str) -> Mapping[str, Any]:
    """A document's JSON object, or why it is none."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{name} is not a JSON document: {error}") from error
    if not isinstance(document, Mapping):
        raise UsageError(f"{name} is not a JSON document: not an object")
    return document


def accepted_lines(file: Path | None) -> set[str]:
    """The changes a file accepts: one printed line each; blank lines and
    `#` comments aside. No file accepts nothing."""
    if file is None or not file.is_file():
        return set()
    lines = (line.strip() for line in file.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}
