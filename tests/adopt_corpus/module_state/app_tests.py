from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient

import main
from main import Database, Settings

client = TestClient(main.app)


@pytest.fixture(autouse=True)
def database(tmp_path):
    original = main.database
    main.database = Database(tmp_path / "test.db")
    yield main.database
    main.database = original


def test_subscribe_and_list():
    response = client.post("/subscribers/", json={"email": "ada@example.com"})
    assert response.status_code == 201
    assert response.json() == {"id": 1, "email": "ada@example.com"}
    assert client.get("/subscribers/").json() == [{"id": 1, "email": "ada@example.com"}]


def test_uses_the_test_database(database):
    client.post("/subscribers/", json={"email": "grace@example.com"})
    assert database.execute("select email from subscribers") == [("grace@example.com",)]


def test_subscribing_twice_conflicts():
    client.post("/subscribers/", json={"email": "ada@example.com"})
    assert (
        client.post("/subscribers/", json={"email": "ada@example.com"}).status_code
        == 409
    )


def test_unsubscribe():
    client.post("/subscribers/", json={"email": "ada@example.com"})
    assert client.delete("/subscribers/1").status_code == 204
    assert client.get("/subscribers/").json() == []
    assert client.delete("/subscribers/1").status_code == 404


def test_maintenance_mode(monkeypatch):
    monkeypatch.setattr(main, "settings", Settings(maintenance=True))
    response = client.post("/subscribers/", json={"email": "ada@example.com"})
    assert response.status_code == 503
    assert client.get("/subscribers/").json() == []


def test_welcome_email_is_sent():
    with patch("main.send_welcome_email") as send:
        client.post("/subscribers/", json={"email": "ada@example.com"})
    send.assert_called_once_with("ada@example.com")


def test_welcome_email_is_queued(monkeypatch):
    monkeypatch.setattr(main, "outbox", [])
    monkeypatch.setattr(main, "settings", Settings(sender="news@example.org"))
    client.post("/subscribers/", json={"email": "ada@example.com"})
    assert main.outbox == [("ada@example.com", "Welcome! Yours, news@example.org")]


def test_health_reports_start_time():
    with TestClient(main.app) as started:
        body = started.get("/health").json()
    assert body["status"] == "ok"
    assert main.started_at is not None
    assert body["started_at"] == main.started_at.isoformat()
