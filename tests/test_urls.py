"""The typed URL builders: every one builds a URL its own route answers."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from types import FunctionType
from urllib.parse import unquote

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from starlette.routing import Match

from app import app
from generated import urls

ROUTES = [
    route
    for route in app.router.routes
    if isinstance(route, APIRoute | APIWebSocketRoute)
]

TRICKY_VALUES = [
    "plain",
    "with space",
    "ünïcödé",
    "100%",
    "a?b",
    "a#b",
    "a+b",
    "~x;y",
    "7",
]
BUILDERS = {
    name: function
    for name, function in vars(urls).items()
    if isinstance(function, FunctionType)
    and function.__module__ == urls.__name__
    and not name.startswith("_")
}


def first_full_match(path: str, method: str) -> tuple[str, dict[str, object]]:
    """What Starlette does with a request: the first route that fully matches."""
    scope_type = "websocket" if method == "WS" else "http"
    scope = {"type": scope_type, "path": path, "root_path": "", "method": method}
    for route in app.router.routes:
        match, child = route.matches(scope)
        if match is Match.FULL:
            return getattr(route, "path", ""), child["path_params"]
    raise AssertionError(f"no route matches {method} {path}")


def declared_route(builder: Callable[..., str]) -> tuple[str, str]:
    """The first method and the path a builder's docstring names."""
    methods, path = (builder.__doc__ or "").rsplit(" ", 1)
    return methods.split(", ")[0], path


def test_there_is_a_builder_for_every_path_of_the_router() -> None:
    paths = {declared_route(builder)[1] for builder in BUILDERS.values()}

    assert paths == {route.path for route in ROUTES}


@pytest.mark.parametrize("value", TRICKY_VALUES)
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_builder_is_routed_back_to_its_own_route(name: str, value: str) -> None:
    builder = BUILDERS[name]
    method, path = declared_route(builder)
    arguments = {
        parameter: value for parameter in inspect.signature(builder).parameters
    }

    url = builder(**arguments)

    assert url.isascii()
    assert first_full_match(unquote(url), method) == (path, arguments)


def test_a_catch_all_keeps_its_slashes() -> None:
    assert urls.files_path("docs/a b/report.pdf") == "/files/docs/a%20b/report.pdf"
    assert first_full_match("/files/docs/x/y", "GET")[1] == {"path": "docs/x/y"}


@pytest.mark.parametrize("value", ["", ".", "..", "a/b"])
def test_values_that_cannot_be_one_segment_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="cannot be a single path segment"):
        urls.users_user_id(value)


@pytest.mark.parametrize("value", ["../etc", "a/./b"])
def test_catch_all_values_with_dot_segments_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match=re.escape("has a `.` or `..` segment")):
        urls.files_path(value)


def test_builders_take_ints_for_path_parameters() -> None:
    assert urls.users_user_id_posts(7) == "/users/7/posts"
