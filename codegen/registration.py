"""Which `meta` keys a route's registration accepts.

The answer comes from FastAPI's own signatures, so it follows the installed
FastAPI instead of a hand-kept list that would drift. They are read from
FastAPI's source with `ast` (a few milliseconds) rather than by importing
FastAPI (most of a second), falling back to the import if the source does
not have the expected shape.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
from functools import cache
from pathlib import Path

from codegen.discover import Method

# Arguments the generator derives from the file's location; `meta` cannot set them.
DERIVED_ARGUMENTS = frozenset({"self", "path", "endpoint", "methods", "name"})


def registration_method(method: Method) -> str:
    """The `APIRouter` method that registers a route of this kind."""
    if method is Method.WEBSOCKET:
        return "add_api_websocket_route"
    return "add_api_route"


@cache
def accepted_keys(method: Method) -> frozenset[str]:
    """The keyword arguments `meta` may give the route's registration."""
    name = registration_method(method)
    parameters = _parameters_from_source(name) or _parameters_by_import(name)
    return parameters - DERIVED_ARGUMENTS


def accepted_keys_of_any_route() -> frozenset[str]:
    """Every option some registration accepts: what looks like a route option."""
    return frozenset().union(*(accepted_keys(method) for method in Method))


def _parameters_from_source(function: str) -> frozenset[str] | None:
    return _router_methods_in_source().get(function)


@cache
def _router_methods_in_source() -> dict[str, frozenset[str]]:
    """The parameters of every `APIRouter` method, from one parse of its source."""
    spec = importlib.util.find_spec("fastapi")
    if spec is None or not spec.submodule_search_locations:
        return {}
    routing = Path(spec.submodule_search_locations[0]) / "routing.py"
    try:
        tree = ast.parse(routing.read_bytes())
    except (OSError, SyntaxError):
        return {}
    methods: dict[str, frozenset[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "APIRouter":
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    arguments = member.args
                    every = (
                        *arguments.posonlyargs,
                        *arguments.args,
                        *arguments.kwonlyargs,
                    )
                    methods[member.name] = frozenset(arg.arg for arg in every)
    return methods


def _parameters_by_import(function: str) -> frozenset[str]:
    from fastapi import APIRouter

    return frozenset(inspect.signature(getattr(APIRouter, function)).parameters)
