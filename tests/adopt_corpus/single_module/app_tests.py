from fastapi.testclient import TestClient

from main import Item, app, fake_db

client = TestClient(app)


def test_root():
    assert client.get("/").json() == {"message": "Hello World"}


def test_create_then_read():
    response = client.post("/items/", json={"name": "Bar", "price": 1})
    assert response.status_code == 201
    item_id = response.json()["id"]
    assert fake_db[item_id] == Item(name="Bar", price=1)
    assert client.get(f"/items/{item_id}").json()["name"] == "Bar"


def test_missing_item_is_404():
    assert client.get("/items/999").status_code == 404


def test_trailing_slash_redirects():
    response = client.get("/items", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].endswith("/items/")


def test_names_and_operation_ids():
    assert app.url_path_for("read_item", item_id=1) == "/items/1"
    ids = [op["operationId"] for path in app.openapi()["paths"].values() for op in path.values()]
    assert "read_item_items__item_id__get" in ids


def test_delete():
    assert client.delete("/items/1").status_code == 204
