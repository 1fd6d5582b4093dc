import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from main import CONNECTED, app

client = TestClient(app)


def test_router_dependencies_guard_the_websocket():
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/rooms/a") as ws:
        ws.receive_text()
    with client.websocket_connect("/rooms/a?key=secret") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "[a] hi"
    assert CONNECTED == ["a"]
