"""The README's API table is the route table, its token column is what
`--list` shows each route depends on, and the server agrees."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from tests.conftest import EXAMPLE

ROW = re.compile(r"^\| (GET|POST|PUT|DELETE) \| /api(\S+) \| (\S+) \| (\w+) \|$")
SAMPLE_VALUES = {"{slug}": "some-article", "{username}": "someone", "{id}": "1"}


def readme_rows() -> list[tuple[str, str, str, str]]:
    readme = (EXAMPLE / "README.md").read_text()
    return [
        (match[1], match[2], match[3], match[4])
        for match in map(ROW.match, readme.splitlines())
        if match
    ]


def test_the_table_lists_the_route_table_and_its_token_dependencies() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "codegen", "--list", "--json"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        check=True,
    )
    routes = [
        (route["method"], route["path"], route["file"], token(route["dependencies"]))
        for route in json.loads(listed.stdout)
    ]

    assert readme_rows() == routes


def token(dependencies: list[str]) -> str:
    """The token column for a route with these dependencies."""
    if "current_user" in dependencies:
        return "required"
    return "optional" if "optional_user" in dependencies else "no"


@pytest.mark.parametrize(
    ("method", "path", "token"),
    [(method, path, token) for method, path, _, token in readme_rows()],
)
def test_a_request_without_a_token_is_refused_where_one_is_required(
    in_process: TestClient, method: str, path: str, token: str
) -> None:
    for parameter, value in SAMPLE_VALUES.items():
        path = path.replace(parameter, value)

    response = in_process.request(method, path)

    assert (response.status_code == 401) == (token == "required"), response.text
