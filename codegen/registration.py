"""Which `meta` keys a route's registration accepts.

The answer comes from FastAPI's own signatures, so it follows the installed
FastAPI instead of a hand-kept list that would drift.
"""

from __future__ import annotations

import inspect
from functools import cache

from codegen.discover import Method

# Arguments the generator derives from the file's location; `meta` cannot set them.
DERIVED_ARGUMENTS = frozenset({"self", "path", "endpoint", "methods", "name"})


@cache
def accepted_keys(method: Method) -> frozenset[str]:
    """The keyword arguments `meta` may give the route's registration."""
    from fastapi import APIRouter  # imported only when there is meta to check

    register = (
        APIRouter.add_api_websocket_route
        if method is Method.WEBSOCKET
        else APIRouter.add_api_route
    )
    return frozenset(inspect.signature(register).parameters) - DERIVED_ARGUMENTS


def accepted_keys_of_any_route() -> frozenset[str]:
    """Every option some registration accepts: what looks like a route option."""
    return frozenset().union(*(accepted_keys(method) for method in Method))
