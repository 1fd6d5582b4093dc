"""The example app under a real uvicorn process, over loopback HTTP and WebSocket."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import httpx
import pytest
from websockets.sync.client import connect

from tests.project import REPOSITORY, uvicorn_server


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`uvicorn app:app` on a free loopback port; yields its base URL."""
    with uvicorn_server(sys.executable, REPOSITORY) as (base, _):
        yield base


def test_http_routes_answer_over_the_network(server: str) -> None:
    with httpx.Client(base_url=server, timeout=5) as client:
        assert client.get("/users/me").json()["name"] == "Ada Lovelace"
        assert client.get("/users/2").json()["id"] == 2
        assert client.get("/admin/stats").status_code == 401
        schema = client.get("/openapi.json").json()
        assert "/users/{user_id}/posts" in schema["paths"]


def test_websocket_echo_over_the_network(server: str) -> None:
    url = server.replace("http://", "ws://") + "/chats/lobby"

    with connect(url, open_timeout=5, close_timeout=5) as websocket:
        websocket.send("ping")
        reply = json.loads(websocket.recv(timeout=5))

    assert reply == {"chat_id": "lobby", "message": "ping"}
