"""Where a name used in a route module's `meta` comes from.

`meta = {"dependencies": [Depends(require_token)]}` uses two names. The
generated router must evaluate the same expression outside the route module,
so each name is resolved statically (libcst's scope analysis) to one of:

- a global the route module defines itself: `<route alias>.require_token`;
- a name the module imports: the router imports it from the same place
  (`from fastapi import Depends`), which keeps the expression type-checkable
  under `mypy --strict` (no implicit re-exports);
- a module the route module imports (`import models`): imported the same way.

Builtins and names local to a lambda or comprehension stay as written.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass

import libcst as cst
import libcst.metadata as meta
from libcst.helpers import get_full_name_for_node


@dataclass(frozen=True)
class ModuleGlobal:
    """A name the route module binds itself (def, class, assignment).

    `name` may be dotted (`a.b`) when the module's binding of it is ambiguous.
    """

    name: str


@dataclass(frozen=True)
class ImportedName:
    """`from module import name` in the route module."""

    module: str
    name: str


@dataclass(frozen=True)
class ImportedModule:
    """`import module` (possibly dotted) in the route module."""

    module: str


Reference = ModuleGlobal | ImportedName | ImportedModule


class UndefinedName(Exception):
    """A name that neither the module nor the builtins define."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def resolve_reference(access: meta.Access, package: str) -> Reference | None:
    """Resolve a name read in a module of `package` (relative imports start there).

    Returns `None` for a name that needs no rewriting (a builtin, or a local of
    a lambda or comprehension); raises `UndefinedName` for one nobody defines.
    """
    referents = access.referents
    if not referents:
        raise UndefinedName(get_full_name_for_node(access.node) or "?")
    if not any(isinstance(r.scope, meta.GlobalScope) for r in referents):
        return None
    binding = next(iter(referents))
    if len(referents) > 1 or not isinstance(binding, meta.ImportAssignment):
        return ModuleGlobal(get_full_name_for_node(access.node) or "")
    if isinstance(binding.node, cst.Import):
        return _from_import(binding.node, binding.name)
    assert isinstance(binding.node, cst.ImportFrom)
    return _from_import_from(binding.node, binding.name, package)


def _from_import(statement: cst.Import, bound: str) -> Reference:
    for alias in statement.names:
        if alias.asname is not None and alias_name(alias) == bound:
            return ImportedModule(get_full_name_for_node(alias.name) or bound)
    # `import a.b.c` binds `a`, `a.b` and `a.b.c`; the access names which.
    return ImportedModule(bound)


def _from_import_from(statement: cst.ImportFrom, bound: str, package: str) -> Reference:
    source = _absolute_module(statement, package)
    if source is None or not is_importable_path(source):
        return ModuleGlobal(bound)
    assert not isinstance(statement.names, cst.ImportStar)
    for alias in statement.names:
        if alias_name(alias) == bound:
            return ImportedName(source, get_full_name_for_node(alias.name) or bound)
    return ModuleGlobal(bound)


def alias_name(alias: cst.ImportAlias) -> str:
    """The name an import binds: its `as` name, else the dotted name."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return get_full_name_for_node(alias.name) or ""


def _absolute_module(statement: cst.ImportFrom, package: str) -> str | None:
    """The absolute module a (possibly relative) `from ... import` reads from."""
    written = get_full_name_for_node(statement.module) if statement.module else None
    level = len(statement.relative)
    if level == 0:
        return written
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)]
    if level - 1 >= len(parts):
        return None
    return ".".join([*base, written] if written else base)


def is_importable_path(dotted: str) -> bool:
    """Whether `dotted` can be written in an `import` statement."""
    return all(
        part.isidentifier() and not keyword.iskeyword(part)
        for part in dotted.split(".")
    )
