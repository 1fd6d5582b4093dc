"""The proof that adopting changed nothing a client or the app can see: the
same OpenAPI document, and the same route table up to orders that no request
can tell apart."""

from __future__ import annotations

import difflib
import json
from collections import Counter

from codegen.adopt.live import LiveApp, LiveRoute
from codegen.adopt.moves import describe
from codegen.adopt.order import reordered

MAX_DIFF_LINES = 40


def differences(before: LiveApp, after: LiveApp) -> list[str]:
    """What differs, one line (or a diff) each; empty when nothing does."""
    found = [*_table_differences(before, after)]
    for first, second in reordered(before.routes, after.routes):
        found.append(
            f"{describe(first)} and {describe(second)} can answer the same request "
            "or share a name, and are now in the other order"
        )
    if before.openapi != after.openapi:
        found.append("the OpenAPI document differs:\n" + _json_diff(before, after))
    return found


def method_not_allowed_changes(before: LiveApp, after: LiveApp) -> list[str]:
    """Routes of one path with no method in common that changed places.

    No request reaches a different route, but a method neither answers gets
    a 405 whose `Allow` lists the methods of the first route of the path.
    """
    position = {route.key: index for index, route in enumerate(after.routes)}
    notes = []
    for index, first in enumerate(before.routes):
        for second in before.routes[index + 1 :]:
            flipped = position.get(first.key, -1) > position.get(second.key, -1) >= 0
            if flipped and (first.kind, first.path) == (second.kind, second.path):
                notes.append(
                    f"note: a 405 for {first.path} now says `Allow: "
                    f"{', '.join(second.methods)}` (was `{', '.join(first.methods)}`): "
                    f"{describe(second)} is now registered first"
                )
    return notes


def _identity(route: LiveRoute) -> tuple[object, ...]:
    return (
        *route.key,
        route.name,
        route.unique_id,
        route.operation_id,
        # The class by name: a class that moves to the routes folder is the
        # same class in another module.
        route.route_class.rpartition(".")[2],
    )


def _table_differences(before: LiveApp, after: LiveApp) -> list[str]:
    old = Counter(_identity(route) for route in before.routes)
    new = Counter(_identity(route) for route in after.routes)
    lines = []
    for identity in sorted((old - new).keys() | (new - old).keys(), key=str):
        kind, path, methods, name, unique_id, _, route_class = identity
        change = "gone" if old[identity] > new[identity] else "new"
        lines.append(
            f"route {change}: {kind} {','.join(methods)} {path} "  # type: ignore[arg-type]
            f"(name {name!r}, operationId {unique_id!r}, {route_class})"
        )
    return lines


def _json_diff(before: LiveApp, after: LiveApp) -> str:
    old = json.dumps(before.openapi, indent=2, sort_keys=True).splitlines()
    new = json.dumps(after.openapi, indent=2, sort_keys=True).splitlines()
    lines = list(difflib.unified_diff(old, new, "before", "after", lineterm=""))
    shown = lines[:MAX_DIFF_LINES]
    if len(lines) > MAX_DIFF_LINES:
        shown.append(f"... ({len(lines) - MAX_DIFF_LINES} more lines)")
    return "\n".join(shown)
