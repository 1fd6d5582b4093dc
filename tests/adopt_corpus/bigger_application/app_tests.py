from fastapi.testclient import TestClient

from app.main import app
from app.routers.items import fake_items_db

client = TestClient(app)
TOKEN = {"X-Token": "fake-super-secret-token"}


def test_root_needs_the_query_token():
    assert client.get("/").status_code == 422
    assert client.get("/?token=jessica").json() == {"message": "Hello Bigger Applications!"}


def test_users():
    assert client.get("/users/?token=jessica").status_code == 200
    assert client.get("/users/me?token=jessica").json() == {"username": "fakecurrentuser"}
    assert client.get("/users/rick?token=jessica").json() == {"username": "rick"}


def test_items_need_the_header():
    assert client.get("/items/?token=jessica").status_code == 422
    assert client.get("/items/?token=jessica", headers=TOKEN).json() == fake_items_db
    assert client.get("/items/bad?token=jessica", headers=TOKEN).status_code == 404
    assert client.put("/items/plumbus?token=jessica", headers=TOKEN).status_code == 200


def test_admin():
    assert client.post("/admin/?token=jessica", headers=TOKEN).status_code == 200
    assert client.post("/admin/?token=jessica").status_code == 422


def test_operation_ids_and_tags():
    operation = app.openapi()["paths"]["/items/{item_id}"]["put"]
    assert operation["operationId"] == "update_item_items__item_id__put"
    assert operation["tags"] == ["items", "custom"]
