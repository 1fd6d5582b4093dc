from fastapi.testclient import TestClient

from main import EVENTS, app, get_db

client = TestClient(app)


def test_session_opens_and_closes():
    EVENTS.clear()
    assert client.get("/rows/1").json() == {"row": "one"}
    assert EVENTS == ["open", "close"]


def test_class_dependency():
    assert client.get("/rows?skip=1").json() == ["two"]


def test_dependency_override():
    class Fake:
        rows = {1: "fake"}

    app.dependency_overrides[get_db] = lambda: Fake()
    try:
        assert client.get("/rows/1").json() == {"row": "fake"}
    finally:
        app.dependency_overrides.clear()
