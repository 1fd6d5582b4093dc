"""Readable, unique, stable identifiers for routes and for their paths.

A route's name (`users_user_id_get`) is its `name=`, its OpenAPI operationId
and the alias of its module; a path's name (`users_user_id`) is its typed URL
builder. Both come from the folder names: `$` dropped, other characters that
cannot be in an identifier replaced by `_`.
"""

from __future__ import annotations

import hashlib
import keyword
import re
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from codegen.discover import RouteFile, SegmentKind

Key = TypeVar("Key", bound=Hashable)


def route_name(file: RouteFile) -> str:
    """`users_user_id_get`: the folders, then the method."""
    return identifier([*words(file), *(method.value for method in file.methods)])


def url_builder_name(file: RouteFile) -> str:
    """`users_user_id` for the path (`/users/{user_id}`), whatever its methods."""
    return identifier(words(file))


def unique_names(
    name: str,
    keys: Iterable[Key],
    exact: Callable[[Key], bool],
    identity: Callable[[Key], str],
) -> dict[Key, str]:
    """Give the keys that would share `name` names of their own.

    Where two would share a name (`a-b/` and `a_b/`), the one whose folders
    are already identifiers keeps it (then the first by identity) and the
    others get a suffix from a hash of their own identity: a name never
    depends on which other files exist, unless it collides. A path with a
    trailing `/` is a path of its own, whose builder gets a suffix if it
    collides.
    """
    first, *others = sorted(keys, key=lambda key: (not exact(key), identity(key)))
    names = {first: name}
    for other in others:
        digest = hashlib.sha1(identity(other).encode()).hexdigest()[:6]
        names[other] = f"{name}_{digest}"
    return names


def words(file: RouteFile) -> list[str]:
    return [segment.name for segment in file.segments] or ["root"]


def identifier(parts: list[str]) -> str:
    """The parts joined by `_`, every run of other characters made one `_`;
    a keyword gets a trailing `_` (`class_`), as PEP 8 suggests."""
    name = re.sub(r"[\W_]+", "_", "_".join(parts), flags=re.ASCII).strip("_") or "root"
    if name[0].isdigit():
        return f"route_{name}"
    return f"{name}_" if keyword.iskeyword(name) else name


def is_exact(file: RouteFile) -> bool:
    """Whether every folder name is already a plain identifier."""
    return all(
        segment.kind is SegmentKind.STATIC and segment.name.isidentifier()
        for segment in file.segments
    )
