"""The example app under a real uvicorn process, over loopback HTTP and WebSocket."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from websockets.sync.client import connect

from tests.project import REPOSITORY

STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`uvicorn app:app` on a free loopback port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--log-level", "warning"], cwd=REPOSITORY
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                httpx.get(f"{base}/", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("uvicorn did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


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
