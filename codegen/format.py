"""Give the generated text the project's own import order and formatting.

The router is committed and reviewed beside hand-written code, so it passes
the project's `ruff check` and `ruff format --check` by construction: ruff,
pinned in pyproject.toml, formats it with the project's own settings.

A generated module is a sequence of pieces (the imports, each load, each
registration), each formatted on its own and remembered, so that a change
to one route formats one registration, not a 75,000-line router. A piece is
formatted followed by a stand-in for the next piece's first statement, and
cut before it: the blank lines ruff puts between the two are the piece's.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

RUFF = [sys.executable, "-m", "ruff"]  # the ruff pinned beside the generator


# The stand-in statements a piece is formatted before, by where the next
# piece starts: at module level with a statement or a `def`, or in a body.
# Each is found again by its name, whatever indentation the project's ruff
# settings give it, and is as many lines long after formatting as before.
# The last piece of a module has none.
STAND_INS = {
    (False, False): "{} = 0\n",
    (False, True): "def {}():\n    pass\n",
    (True, False): "    {} = 0\n",
}
BODY = "def _codegen_body():\n"  # what a body piece is formatted inside


class FormatterError(Exception):
    """ruff could not run or rejected the text: a bug, not a user mistake."""


class Piece(NamedTuple):
    """Whole statements of a generated module, and where they stand.

    `text` ends with the blank lines the emitter puts before the next piece.
    A named tuple rather than a dataclass: a run looks up every piece of a
    75,000-line router by value, and a tuple hashes and compares in C.
    """

    text: str
    in_body: bool = False  # inside `add_routes`, indented
    definition: bool = False  # starts with a `def`
    sorts_imports: bool = False


# (module, piece, how the next one starts) -> the piece formatted, with its
# blank lines after: ruff's settings may differ from one path to another.
FormatKey = tuple[str, Piece, tuple[bool, bool] | None]


def format_modules(
    modules: Sequence[tuple[Path, Sequence[Piece]]],
    root: Path,
    known: dict[FormatKey, str],
) -> list[str]:
    """Each module (its path, its pieces) formatted.

    Pieces in `known` are not formatted again; those formatted now are added
    to it, and it is pruned to these modules' pieces when it holds twice as
    many: it never grows far past what they need.
    """
    keyed = [(output, keys(pieces, _name(root, output))) for output, pieces in modules]
    batches = [
        (output, batch) for output, module in keyed for batch in _batches(module, known)
    ]
    if batches:
        # Each batch is a ruff subprocess: wait for them side by side.
        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            formatted = pool.map(
                lambda job: _format_batch(job[1], root, job[0]), batches
            )
            for (_, batch), texts in zip(batches, formatted, strict=True):
                known.update(zip(batch, texts, strict=True))
    needed = sum(len(module) for _, module in keyed)
    if len(known) > 2 * needed:  # pieces of earlier runs: forget them
        kept = {key: known[key] for _, module in keyed for key in module}
        known.clear()
        known.update(kept)
    return ["".join([known[key] for key in module]) for _, module in keyed]


def keys(pieces: Sequence[Piece], name: str) -> list[FormatKey]:
    """Each piece with its module and how the piece after it starts."""
    return [
        (name, piece, (after.in_body, after.definition) if after else None)
        for piece, after in zip(pieces, [*pieces[1:], None], strict=True)
    ]


def _batches(
    module: list[FormatKey], known: dict[FormatKey, str]
) -> list[list[FormatKey]]:
    """The pieces of the module not formatted yet, by how they are formatted.

    The first piece holds the module docstring, which only the first
    statement of a module is: it is formatted alone.
    """
    missing = [key for key in dict.fromkeys(module) if key not in known]
    first = module[0]
    batches = (
        [key for key in missing if key == first],
        [key for key in missing if key != first and not key[1].in_body],
        [key for key in missing if key[1].in_body],
    )
    return [batch for batch in batches if batch]


def _format_batch(batch: list[FormatKey], root: Path, output: Path) -> list[str]:
    """Format the pieces in one ruff run, each before its stand-in; cut them apart."""
    in_body = batch[0][1].in_body
    marker = "_codegen_cut"
    while any(marker in piece.text for _, piece, _ in batch):
        marker += "_"  # a name no piece uses, to find the stand-ins by
    stand_ins = [
        STAND_INS[after].format(f"{marker}_{index}") if after else ""
        for index, (_, _, after) in enumerate(batch)
    ]
    text = (BODY if in_body else "") + "".join(
        piece.text + stand_in
        for (_, piece, _), stand_in in zip(batch, stand_ins, strict=True)
    )
    if any(piece.sorts_imports for _, piece, _ in batch):
        text = _sort_imports(text, root, output)
    formatted = _ruff(["format", "--stdin-filename", _name(root, output)], text, root)
    _check_compiles(formatted, _name(root, output))
    if in_body:
        formatted = formatted[formatted.index("\n") + 1 :]  # the `def` around
    return list(_cut(formatted, stand_ins, marker))


def _cut(formatted: str, stand_ins: list[str], marker: str) -> Iterator[str]:
    """The text before each stand-in, in order, without leading blank lines."""
    start = 0
    for index, stand_in in enumerate(stand_ins):
        if not stand_in:  # the module's last piece
            yield formatted[start:].lstrip("\n")
            return
        found = re.compile(rf"\b{marker}_{index}\b").search(formatted, start)
        assert found is not None, "ruff keeps every statement"
        line = formatted.rfind("\n", 0, found.start()) + 1
        end = line
        for _ in range(stand_in.count("\n")):  # as many lines as written
            end = formatted.index("\n", end) + 1
        yield formatted[start:line].lstrip("\n")
        start = end


def _name(root: Path, output: Path) -> str:
    return str(output.relative_to(root))


def _sort_imports(text: str, root: Path, output: Path) -> str:
    arguments = ["check", "--fix-only", "--select", "I", "--stdin-filename"]
    return _ruff([*arguments, _name(root, output)], text, root)


class GeneratorBug(Exception):
    """The generator produced something it must never produce."""


def _check_compiles(text: str, filename: str) -> None:
    """Never hand out a router that is not valid Python (a generator bug)."""
    try:
        compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        raise GeneratorBug(f"generated text does not compile: {error}") from error


def _ruff(arguments: list[str], text: str, root: Path) -> str:
    command = [*RUFF, *arguments, "--quiet", "-"]
    try:
        result = subprocess.run(
            command, input=text, capture_output=True, text=True, cwd=root, check=False
        )
    except OSError as error:
        raise FormatterError(f"cannot run ruff: {error}") from error
    if result.returncode != 0:
        raise FormatterError(f"`ruff {arguments[0]}` failed: {result.stderr.strip()}")
    return result.stdout


def sort_imports_in_place(paths: list[Path], root: Path) -> None:
    """Sort the imports of files written for the user (ruff's isort rules)."""
    if paths:
        command = ["check", "--fix-only", "--select", "I", "--no-cache", "--quiet"]
        subprocess.run(
            [*RUFF, *command, *map(str, paths)],
            cwd=root,
            capture_output=True,
            check=False,
        )
