from fastapi.testclient import TestClient

from app.main import app, items, summary

client = TestClient(app)
ALICE = {"X-Token": "fake-super-secret-token"}
BOB = {"X-Token": "other-token"}


def test_root():
    assert client.get("/").json() == {"app": "Inventory", "sections": ["items"]}


def test_token_is_required():
    assert client.get("/items/").status_code == 422
    assert client.get("/items/", headers={"X-Token": "wrong"}).status_code == 401
    assert client.get("/items/plumbus", headers={"X-Token": "wrong"}).status_code == 401


def test_read_with_token():
    assert client.get("/items/", headers=ALICE).json() == [
        {"name": "Plumbus", "owner": "alice"}
    ]
    assert client.get("/items/plumbus", headers=BOB).json()["name"] == "Plumbus"


def test_missing_item():
    response = client.get("/items/portal-gun", headers=ALICE)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_create_is_owned_by_the_token_user():
    response = client.post(
        "/items/portal-gun", json={"name": "Portal Gun"}, headers=BOB
    )
    assert response.status_code == 201
    assert items["portal-gun"].owner == "bob"
    assert client.post("/items/x", json={"name": "X"}).status_code == 422


def test_delete():
    client.post("/items/box", json={"name": "Meeseeks Box"}, headers=BOB)
    assert client.delete("/items/plumbus", headers=BOB).status_code == 403
    assert client.delete("/items/box", headers=BOB).status_code == 204
    assert client.delete("/items/plumbus", headers=ALICE).status_code == 204
    assert client.delete("/items/plumbus", headers=ALICE).status_code == 404


def test_schema():
    paths = app.openapi()["paths"]
    assert paths["/items/{item_id}"]["post"]["summary"] == summary
    assert paths["/items/{item_id}"]["get"]["responses"]["404"] == {
        "description": "Not found"
    }
    assert paths["/items/"]["get"]["tags"] == ["items"]
