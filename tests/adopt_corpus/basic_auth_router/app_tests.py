from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_basic_auth():
    assert client.get("/users/me").status_code == 401
    assert client.get("/users/me", auth=("stanley", "swordfish")).json() == {"username": "stanley"}
    assert client.get("/users/me/settings", auth=("stanley", "bad")).status_code == 401
    assert client.get("/public").json() == {"public": True}
