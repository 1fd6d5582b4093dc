"""A typed Python client generated from the committed OpenAPI document, as
docs/openapi.md shows it (docs_src/typed_client.py), calls the served app
over real HTTP."""

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

from tests.project import REPOSITORY, uvicorn_server

# The client's code as generated: formatting it (ruff, by default) changes nothing.
NO_HOOKS = "post_hooks: []\n"


@pytest.fixture(scope="module")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`openapi-python-client generate` from generated/openapi.json, importable."""
    folder = tmp_path_factory.mktemp("client")
    config = folder / "config.yaml"
    config.write_text(NO_HOOKS)
    generator = Path(sys.executable).parent / "openapi-python-client"
    document = REPOSITORY / "generated" / "openapi.json"
    output = folder / "items_client"
    paths = ["--path", str(document), "--output-path", str(output)]
    options = ["--meta", "none", "--config", str(config), "--fail-on-warning"]
    subprocess.run(
        [str(generator), "generate", *paths, *options],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(folder))
    try:
        yield "items_client"
    finally:
        sys.path.remove(str(folder))


def test_the_generated_client_calls_the_served_app(client_package: str) -> None:
    package: Any = importlib.import_module(client_package)
    items_get: Any = importlib.import_module(f"{client_package}.api.items.items_get")
    item_get: Any = importlib.import_module(
        f"{client_package}.api.items.items_item_id_get"
    )
    users_post: Any = importlib.import_module(f"{client_package}.api.users.users_post")
    models: Any = importlib.import_module(f"{client_package}.models")

    with (
        uvicorn_server(sys.executable, REPOSITORY) as (base, _),
        package.Client(base_url=base, raise_on_unexpected_status=True) as client,
    ):
        page = items_get.sync_detailed(client=client, offset=2, limit=2)
        too_many = items_get.sync_detailed(client=client, limit=100)
        created = users_post.sync(
            client=client, body=models.NewUser(name="Grace", email="grace@example.com")
        )
        missing = item_get.sync_detailed(999, client=client)
        documented: Any = importlib.import_module("docs_src.typed_client")
        shown_page = documented.items_page(base, limit=3)
        shown_refusal = documented.items_page(base, limit=100)

    assert page.status_code == HTTPStatus.OK
    assert [(item.id, item.name) for item in page.parsed] == [
        (3, "item 3"),
        (4, "item 4"),
    ]
    assert all(isinstance(item, models.Item) for item in page.parsed)
    assert too_many.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert isinstance(too_many.parsed, models.HTTPValidationError)
    assert [error.loc for error in too_many.parsed.detail] == [["query", "limit"]]
    assert isinstance(created, models.User)
    assert (created.name, created.email) == ("Grace", "grace@example.com")
    assert missing.status_code == HTTPStatus.NOT_FOUND
    assert json.loads(missing.content) == {"detail": "item not found"}
    assert [item.id for item in shown_page] == [1, 2, 3]
    assert isinstance(shown_refusal, models.HTTPValidationError)
