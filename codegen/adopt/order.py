"""Whether the order of two routes can be seen: they can answer the same
request (Starlette takes the first that matches), or they share a name
(`url_path_for` builds the first one's URL).

The answers err towards "it can": a false "can" only refuses a move, a false
"cannot" would let one change what a request or a link gets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from codegen.adopt.live import LiveRoute

PARAMETER = re.compile(r"\{([^{}:]+)(?::([^{}]+))?\}")


def order_matters(first: LiveRoute, second: LiveRoute) -> bool:
    """Whether anything could tell which of the two routes comes first."""
    same_name = first.name is not None and first.name == second.name
    return same_name or can_share_a_request(first, second)


def can_share_a_request(first: LiveRoute, second: LiveRoute) -> bool:
    """Whether some request could be matched by both routes."""
    kinds = {first.kind, second.kind}
    if kinds == {"http", "websocket"}:
        return False
    if kinds <= {"http", "websocket"} and not set(first.methods) & set(second.methods):
        return False
    return paths_overlap(pattern(first), pattern(second))


def pattern(route: LiveRoute) -> list[str]:
    """The route's path as segments; a mount or other route matches below it too."""
    path = route.path
    if route.kind not in {"http", "websocket", "Route", "WebSocketRoute"}:
        path = path.rstrip("/") + "/{rest:path}"
    return path.split("/")


def paths_overlap(first: Sequence[str], second: Sequence[str]) -> bool:
    for index, (one, other) in enumerate(zip(first, second, strict=False)):
        if catches_the_rest(one) or catches_the_rest(other):
            return True
        if not segments_overlap(one, other):
            return False
        if index == min(len(first), len(second)) - 1 and len(first) != len(second):
            longer = first if len(first) > len(second) else second
            return catches_the_rest(longer[index + 1]) and len(longer) == index + 2
    return len(first) == len(second)


def catches_the_rest(segment: str) -> bool:
    """`{name:path}` matches any number of segments."""
    return any(match.group(2) == "path" for match in PARAMETER.finditer(segment))


def segments_overlap(one: str, other: str) -> bool:
    """Whether some text could be both segments: exact for a fixed segment
    against a pattern, and "yes" for two patterns (it cannot say otherwise)."""
    one_fixed, other_fixed = not PARAMETER.search(one), not PARAMETER.search(other)
    if one_fixed and other_fixed:
        return one == other
    if one_fixed or other_fixed:
        fixed, template = (one, other) if one_fixed else (other, one)
        return re.fullmatch(segment_regex(template), fixed) is not None
    return True


def segment_regex(template: str) -> str:
    """A segment with parameters as a regular expression (Starlette's rules)."""
    parts, cursor = [], 0
    for match in PARAMETER.finditer(template):
        parts.append(re.escape(template[cursor : match.start()]))
        parts.append(
            r"-?\d+(\.\d+)?" if match.group(2) in {"int", "float"} else "[^/]+"
        )
        cursor = match.end()
    parts.append(re.escape(template[cursor:]))
    return "".join(parts)


def reordered(
    before: Sequence[LiveRoute], after: Sequence[LiveRoute]
) -> list[tuple[LiveRoute, LiveRoute]]:
    """Pairs `(a, b)`, `a` first before and second after, whose order matters."""
    position = {route.key: index for index, route in enumerate(after)}
    heads = {id(route): head(route) for route in before}
    pairs = []
    for index, first in enumerate(before):
        if first.key not in position:
            continue
        for second in before[index + 1 :]:
            if position.get(second.key, len(after)) >= position[first.key]:
                continue
            one, other = heads[id(first)], heads[id(second)]
            unrelated = one is not None and other is not None and one != other
            if (not unrelated or first.name == second.name) and order_matters(
                first, second
            ):
                pairs.append((first, second))
    return pairs


def head(route: LiveRoute) -> str | None:
    """The route's fixed first segment, if it has one: routes whose fixed
    first segments differ match no request in common."""
    first = route.path.split("/")[1] if route.path.count("/") else ""
    fixed = route.kind in {"http", "websocket"} and not PARAMETER.search(first)
    return first if fixed and route.path.count("/") > 1 else None
