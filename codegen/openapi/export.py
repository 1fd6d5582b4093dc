"""The app's OpenAPI document, as FastAPI builds it: the app is imported in
a subprocess (`codegen.openapi.dump`), in the project's environment.

This is the one part of the generator besides `adopt` that runs user code:
the document depends on what FastAPI makes of every model and dependency,
which only importing tells.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from codegen.config import PYPROJECT, Config
from codegen.diagnostics import Code, Diagnostic, Position
from codegen.importing import importing_environment

DUMP = "codegen.openapi.dump"  # run with `-m`: nothing of ours shadows the app's
FAILED = 3  # dump.py's exit status when it wrote a failure down
IMPORT_SECONDS = 300  # an app that takes longer to import is stuck


@dataclass(frozen=True)
class Stage:
    """A step of making the document that can fail, and how that is said."""

    code: Code
    message: str  # formatted with the app's target and the error
    hint: str


STAGES = {
    "import": Stage(
        Code.APP_NOT_IMPORTABLE,
        "cannot import {target}: {error}",
        "the document is read by importing the app, which must import without"
        " its server running",
    ),
    "not an app": Stage(
        Code.NOT_AN_APP,
        "{target} is not a FastAPI app: {error}",
        "name the app as module:attribute in [tool.codegen] openapi_app (or app)",
    ),
    "document": Stage(
        Code.DOCUMENT_FAILED,
        "cannot build the OpenAPI document of {target}: {error}",
        "FastAPI raised this building the document, as /openapi.json would",
    ),
}


class ExportFailed(Exception):
    """The document could not be made; the diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def exported_document(config: Config) -> str:
    """The app's document, formatted as it is committed (dump.formatted)."""
    target = config.openapi_app
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "openapi.json"
        try:
            result = subprocess.run(
                [sys.executable, "-m", DUMP, target, str(output)],
                cwd=config.root,
                env=importing_environment(config.root),
                capture_output=True,
                text=True,
                timeout=IMPORT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            stuck = f"no document after {IMPORT_SECONDS} s"
            failed = {"failure": "import", "message": stuck}
            raise ExportFailed(failure(config, failed)) from None
        if result.returncode == 0 and output.is_file():
            return output.read_text(encoding="utf-8")
        if result.returncode == FAILED and output.is_file():
            raise ExportFailed(failure(config, json.loads(output.read_text())))
        last = (result.stderr.strip().splitlines() or [f"exit {result.returncode}"])[-1]
        raise ExportFailed(failure(config, {"failure": "import", "message": last}))


def failure(config: Config, written: Mapping[str, str | int]) -> Diagnostic:
    """dump.py's failure as a diagnostic at the project's line that raised it
    (or at pyproject.toml, which names the app)."""
    stage = STAGES[str(written["failure"])]
    file = Path(str(written.get("file") or config.root / PYPROJECT))
    where = config.relative(file) if file.is_relative_to(config.root) else str(file)
    message = stage.message.format(target=config.openapi_app, error=written["message"])
    line = int(written.get("line") or 1)
    return Diagnostic(where, Position(line, 1), stage.code, message, stage.hint)
