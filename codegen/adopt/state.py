"""Which module-level names of the app are rebound while it runs: by its own
functions (`global engine`) or by its tests (`main.engine = ...`,
`monkeypatch.setattr(main, "settings", ...)`, `patch("app.main.send")`).

Code that moves out of a module reads such a name through that module when
it runs, so that both see one object whatever rebinds it. The scan reads
every module of the project with `ast` (it never imports them); what it
cannot see, the project's own tests, run before and after, still catch.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

# The last part of a call that rebinds `(module, "name")` or `"module.name"`:
# `setattr`, `monkeypatch.setattr`, `mock.patch`, `patch.object`, `mocker.patch`.
REBINDING_CALLS = frozenset({"setattr", "delattr", "patch", "object"})


def rebound_names(root: Path, files: Iterable[Path]) -> dict[str, set[str]]:
    """Each module's (dotted name) names that some code rebinds."""
    paths = list(files)
    modules = {_module_name(root, path) for path in paths}
    rebound: defaultdict[str, set[str]] = defaultdict(set)
    for path in paths:
        try:
            tree = ast.parse(path.read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue
        name = _module_name(root, path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                rebound[name].update(node.names)
        aliases = _module_aliases(tree, name, path.name == "__init__.py", modules)
        for module, rebound_name in _rebindings(tree, aliases, modules):
            rebound[module].add(rebound_name)
    return dict(rebound)


def _module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_aliases(
    tree: ast.Module, name: str, is_package: bool, modules: set[str]
) -> dict[str, str]:
    """The local names that stand for one of `modules` (`import app.main as
    m`, `from app import main`), or for a package on the way to one."""
    package = name if is_package else name.rpartition(".")[0]
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    first = alias.name.split(".")[0]
                    aliases[first] = first
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, package)
            for alias in node.names:
                module = f"{source}.{alias.name}" if source else alias.name
                if module in modules:
                    aliases[alias.asname or alias.name] = module
    return aliases


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".") if package else []
    base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join([*base, *([node.module] if node.module else [])])


def _rebindings(
    tree: ast.Module, aliases: dict[str, str], modules: set[str]
) -> Iterator[tuple[str, str]]:
    """`(module, name)` for each rebinding of another module's name."""
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute):
                module = _dotted(target.value, aliases)
                if module in modules:
                    yield module, target.attr
        if isinstance(node, ast.Call) and _called(node.func) in REBINDING_CALLS:
            yield from _rebound_by_call(node, aliases, modules)


def _rebound_by_call(
    call: ast.Call, aliases: dict[str, str], modules: set[str]
) -> Iterator[tuple[str, str]]:
    arguments = call.args
    first = arguments[0] if arguments else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        module, _, name = first.value.rpartition(".")  # `patch("app.main.send")`
        if module in modules:
            yield module, name
    elif first is not None and len(arguments) > 1:
        second, target = arguments[1], _dotted(first, aliases)
        if (
            target in modules
            and isinstance(second, ast.Constant)
            and isinstance(second.value, str)
            and target is not None
        ):
            yield target, second.value


def _called(function: ast.expr) -> str | None:
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else None


def _dotted(node: ast.expr, aliases: dict[str, str]) -> str | None:
    """The module a `name` or `package.module` expression stands for."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, aliases)
        return f"{base}.{node.attr}" if base else None
    return None
