"""A typed Python client generated from the committed OpenAPI document
(generated/openapi.json), as the README shows it, calls the served API over
real HTTP: registration, a refused login and a taken name (error bodies),
and a call with the token."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE

# The client's code as generated: formatting it (ruff, by default) changes nothing.
NO_HOOKS = "post_hooks: []\n"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`openapi-python-client generate` from generated/openapi.json, importable."""
    folder = tmp_path_factory.mktemp("client")
    config = folder / "config.yaml"
    config.write_text(NO_HOOKS)
    generator = Path(sys.executable).parent / "openapi-python-client"
    document = EXAMPLE / "generated" / "openapi.json"
    paths = ["--path", str(document), "--output-path", str(folder / "conduit_client")]
    options = ["--meta", "none", "--config", str(config), "--fail-on-warning"]
    subprocess.run(
        [str(generator), "generate", *paths, *options], check=True, capture_output=True
    )
    sys.path.insert(0, str(folder))
    try:
        yield "conduit_client"
    finally:
        sys.path.remove(str(folder))


def test_the_generated_client_calls_the_served_api(
    client_package: str, served: str
) -> None:
    package: Any = importlib.import_module(client_package)
    users: Any = importlib.import_module(
        f"{client_package}.api.user_and_authentication"
    )
    models: Any = importlib.import_module(f"{client_package}.models")
    for name in ("create_user", "login", "get_current_user"):
        importlib.import_module(f"{users.__name__}.{name}")
    new_user = models.NewUserRequest(
        user=models.NewUser(
            username="typed", email="typed@example.com", password=PASSWORD
        )
    )
    wrong = models.LoginUserRequest(
        user=models.LoginUser(email="typed@example.com", password="not it at all")
    )

    with package.Client(base_url=served) as client:
        registered = users.create_user.sync_detailed(client=client, body=new_user)
        taken = users.create_user.sync_detailed(client=client, body=new_user)
        refused = users.login.sync_detailed(client=client, body=wrong)
    token = registered.parsed.user.token
    with package.AuthenticatedClient(
        base_url=served, token=token, prefix="Token"
    ) as signed_in:
        current = users.get_current_user.sync(client=signed_in)

    assert registered.status_code == HTTPStatus.CREATED
    assert isinstance(registered.parsed, models.UserResponse)
    assert registered.parsed.user.username == "typed"
    assert taken.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert isinstance(taken.parsed, models.GenericError)
    assert taken.parsed.errors.body == [
        "email has already been taken, username has already been taken"
    ]
    assert refused.status_code == HTTPStatus.UNAUTHORIZED
    assert json.loads(refused.content) == {
        "errors": {"body": ["email or password is invalid"]}
    }
    assert isinstance(current, models.UserResponse)
    assert current.user.email == "typed@example.com"
