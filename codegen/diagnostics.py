"""Diagnostics: what the generator reports about a user's routes tree.

Every problem the generator finds in user code is a `Diagnostic`, printed as
`path:line:col: CODE message` like ruff's, so editors can jump to it. The codes
are a public contract: each one is documented in docs/diagnostics.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Code(Enum):
    """A diagnostic code; docs/diagnostics.md documents each with an example and a fix."""

    UNREADABLE_FILE = "FR001"
    SYNTAX_ERROR = "FR002"
    FILE_TOO_LARGE = "FR003"
    MISSING_HANDLER = "FR101"
    HANDLER_NOT_A_FUNCTION = "FR102"
    HANDLER_DEFINED_TWICE = "FR103"
    META_NOT_A_DICT = "FR201"
    META_KEY_NOT_A_STRING = "FR202"
    META_KEY_UNKNOWN = "FR203"
    META_KEY_RESERVED = "FR204"
    META_KEY_DUPLICATED = "FR205"
    NAME_UNDEFINED = "FR206"
    OPTION_DEFINED_TWICE = "FR207"
    FOLDER_SETTING_UNKNOWN = "FR208"
    SETTING_NOT_A_LITERAL = "FR209"
    UNKNOWN_ROUTE_FILE = "FR301"
    DUPLICATE_ROUTE = "FR302"
    PARAMETER_NAME_MISMATCH = "FR303"
    INVALID_PARAMETER_NAME = "FR304"
    CATCH_ALL_NOT_LAST = "FR305"
    PATH_PARAMETER_UNUSED = "FR306"
    FOLDER_NAME_NOT_URL_SAFE = "FR307"
    LINKED_FOLDER = "FR308"
    FOLDERS_DIFFER_BY_CASE = "FR309"
    PARAMETER_REPEATED = "FR310"
    ROUTES_DIR_MISSING = "FR401"
    CONFIG_INVALID = "FR402"
    ADOPT_DUPLICATE_ROUTE = "FR501"
    ADOPT_ORDER_WOULD_CHANGE = "FR502"
    ADOPT_CONDITIONAL = "FR503"
    ADOPT_OUTSIDE_PROJECT = "FR504"
    ADOPT_NOT_A_FUNCTION = "FR505"
    ADOPT_PATH_NOT_EXPRESSIBLE = "FR506"
    ADOPT_SEVERAL_ROUTES = "FR507"
    ADOPT_NAME_CANNOT_MOVE = "FR508"
    ADOPT_ROUTER_OPTION = "FR509"
    APP_NOT_IMPORTABLE = "FR601"
    NOT_AN_APP = "FR602"
    DOCUMENT_FAILED = "FR603"

    @property
    def is_warning(self) -> bool:
        """A warning is printed but does not stop generation."""
        return self in _WARNINGS


_WARNINGS = frozenset({Code.PATH_PARAMETER_UNUSED})


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


START = Position(1, 1)


@dataclass(frozen=True)
class Diagnostic:
    """One problem, located in a file relative to the project root."""

    path: str
    position: Position
    code: Code
    message: str
    hint: str | None = None

    def render(self) -> str:
        """Format as `path:line:col: CODE message`, with the hint below it."""
        line = printable(
            f"{self.path}:{self.position.line}:{self.position.column}: "
            f"{self.code.value} {self.message}"
        )
        return line if self.hint is None else f"{line}\n    hint: {self.hint}"

    def sort_key(self) -> tuple[str, Position, str, str]:
        """Diagnostics print sorted by path, then position, then code."""
        return (self.path, self.position, self.code.value, self.message)


def printable(text: str) -> str:
    """`text` on one line: a tab or newline in a file name shows as `\\t`, `\\n`."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def unreadable(path: str, message: str, hint: str) -> Diagnostic:
    """FR001: a file or folder the generator cannot read."""
    return Diagnostic(path, START, Code.UNREADABLE_FILE, message, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any of them stops generation (warnings do not)."""
    return any(not diagnostic.code.is_warning for diagnostic in diagnostics)
