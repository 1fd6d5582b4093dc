"""Import an app and write its OpenAPI document, formatted for review.

Run by `codegen.openapi.export` in a fresh interpreter, from the project
root and in the project's environment, so that the document is the one the
app serves. It imports the standard library and the app, nothing else. A
failure is written down as JSON where the document would have been, with
the line of the project's code it happened at, and exits 3.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import sysconfig
import traceback
from pathlib import Path
from typing import Any, NoReturn

FAILED = 3  # the exit status that says the output holds a failure, not a document
LIBRARIES = tuple(
    {
        sysconfig.get_path("stdlib"),
        sysconfig.get_path("purelib"),
        sysconfig.get_path("platlib"),
    }
)


def formatted(document: object) -> str:
    """The document as committed: FastAPI's key order, two-space indents,
    characters as they are, and a final newline, for readable diffs."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(target: str, output: Path) -> None:
    module_name, _, attribute = target.partition(":")
    try:
        app: Any = importlib.import_module(module_name)
        for name in attribute.split("."):
            app = getattr(app, name)
    except BaseException as error:  # SystemExit too: the app is what failed
        fail(output, "import", error)
    if not callable(getattr(app, "openapi", None)):
        kind = type(app).__name__
        write(output, {"failure": "not an app", "message": f"it is a {kind}"})
    try:
        document = app.openapi()
    except BaseException as error:
        fail(output, "document", error)
    output.write_text(formatted(document), encoding="utf-8")
    os._exit(0)  # done: threads the app started must not keep it running


def fail(output: Path, stage: str, error: BaseException) -> NoReturn:
    file, line = "", 0
    if isinstance(error, SyntaxError) and error.filename:
        file, line = error.filename, error.lineno or 0
    else:
        for frame in traceback.extract_tb(error.__traceback__):
            if not frame.filename.startswith((*LIBRARIES, "<", __file__)):
                file, line = frame.filename, frame.lineno or 0
    said = str(error).strip().partition("\n")[0]
    message = f"{type(error).__name__}: {said}" if said else type(error).__name__
    write(output, {"failure": stage, "message": message, "file": file, "line": line})


def write(output: Path, failure: dict[str, object]) -> NoReturn:
    output.write_text(json.dumps(failure), encoding="utf-8")
    os._exit(FAILED)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
