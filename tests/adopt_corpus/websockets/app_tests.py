import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from main import app, manager

client = TestClient(app)


def test_echo_with_token():
    with client.websocket_connect("/ws/7?token=t") as websocket:
        websocket.send_text("hi")
        assert websocket.receive_text() == "7:t:hi"
        assert len(manager.active) == 1


def test_missing_token_is_refused():
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/ws/7") as websocket:
        websocket.receive_text()


def test_http_route_beside_it():
    assert client.get("/connections").json() == {"count": 0}
