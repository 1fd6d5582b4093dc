"""The dependencies a route declares where the generator can read them.

`--list` shows them, so that a reader sees which routes need a token (or a
database session, a rate limit, ...) without opening every file: what each
`Depends(...)` or `Security(...)` calls, written in the folders' and the
route's `dependencies` and in the handler's parameters. The generator does
not import anything, so a dependency behind a name defined elsewhere (an
`Annotated` alias such as `CurrentUser`) is not followed.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from codegen.plan import PlannedRoute
from codegen.references import ImportedModule, ImportedName, ModuleGlobal
from codegen.source import Expression

DEPENDENCY_MARKERS = frozenset({"Depends", "Security"})


def declared_dependencies(route: PlannedRoute) -> tuple[str, ...]:
    """What the route's dependencies call, each once, in the order FastAPI
    runs them: the registration's `dependencies`, then the parameters."""
    found: list[str] = []
    for option in route.options:
        if option.key == "dependencies":
            for value in option.values:
                found.extend(called(as_written(value), fallback=None))
    for parameter in route.spec.handler.parameters:
        for text in (parameter.annotation, parameter.default):
            if text is not None:
                found.extend(called(text, fallback=parameter.annotation))
    return tuple(dict.fromkeys(found))


def as_written(expression: Expression) -> str:
    """The expression's source, near enough to find calls in: each name it
    reads as the module that defines it calls it."""
    return "".join(
        part if isinstance(part, str) else written_name(part)
        for part in expression.parts
    )


def written_name(reference: ImportedName | ImportedModule | ModuleGlobal) -> str:
    if isinstance(reference, ImportedModule):
        return reference.module
    return reference.name


def called(source: str, fallback: str | None) -> Iterator[str]:
    """The callable of each outermost `Depends(...)` in `source`.

    `Depends()` without one calls the annotated class: the first argument of
    `Annotated[...]`, or the annotation `fallback` of `x: Class = Depends()`.
    """
    try:
        expression = cst.parse_expression(source)
    except cst.ParserSyntaxError:
        return
    yield from _calls_in(expression, fallback)


def _calls_in(node: cst.CSTNode, fallback: str | None) -> Iterator[str]:
    if isinstance(node, cst.Subscript) and _name_of(node.value) == "Annotated":
        elements = [element.slice for element in node.slice]
        if elements and isinstance(elements[0], cst.Index):
            fallback = cst.Module([]).code_for_node(elements[0].value)
    if isinstance(node, cst.Call) and _name_of(node.func) in DEPENDENCY_MARKERS:
        dependency = _dependency_argument(node)
        if dependency is not None:
            yield cst.Module([]).code_for_node(dependency)
        elif fallback is not None:
            yield fallback
        return
    for child in node.children:
        yield from _calls_in(child, fallback)


def _dependency_argument(call: cst.Call) -> cst.BaseExpression | None:
    """`Depends`'s first argument, given by position or as `dependency=`."""
    for arg in call.args:
        keyword = arg.keyword.value if arg.keyword else None
        if (keyword is None and not arg.star) or keyword == "dependency":
            return arg.value
    return None


def _name_of(node: cst.BaseExpression) -> str | None:
    """`Depends` for `Depends` and for `fastapi.Depends`."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None
