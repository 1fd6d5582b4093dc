"""The example API through a client generated from generated/openapi.json:
`openapi-python-client generate --path generated/openapi.json
--output-path items_client --meta none`."""

from items_client import Client
from items_client.api.items import items_get
from items_client.models import HTTPValidationError, Item


def items_page(base_url: str, limit: int) -> list[Item] | HTTPValidationError | None:
    """A page of items, or why the server refused the request (a typed 422)."""
    with Client(base_url=base_url) as client:
        return items_get.sync(client=client, limit=limit)
