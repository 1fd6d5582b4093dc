from fastapi.testclient import TestClient

from main import app
from routes.items import ITEMS, Item
from routes.users import USERS

client = TestClient(app)


def test_list_items():
    assert [item["name"] for item in client.get("/items/").json()] == ["Hammer", "Saw"]
    assert [item["name"] for item in client.get("/items/?max_price=10").json()] == [
        "Hammer"
    ]


def test_read_item():
    assert client.get("/items/2").json() == {
        "name": "Saw",
        "price": 14.0,
        "owner_id": None,
    }
    assert client.get("/items/99").status_code == 404


def test_update_item():
    response = client.put("/items/2", json={"name": "Saw", "price": 12.5})
    assert response.status_code == 200
    assert ITEMS[2] == Item(name="Saw", price=12.5)
    assert client.put("/items/99", json={"name": "X", "price": 1}).status_code == 404


def test_create_and_read_user():
    response = client.post("/users/", json={"username": "grace"})
    assert response.status_code == 201
    user_id = response.json()["id"]
    assert USERS[user_id].username == "grace"
    assert client.get(f"/users/{user_id}").json() == {
        "username": "grace",
        "full_name": None,
    }


def test_missing_user():
    assert client.get("/users/99").status_code == 404
    assert client.get("/users/99/items").status_code == 404


def test_user_items():
    assert client.get("/users/1/items").json() == [
        {"name": "Hammer", "price": 9.5, "owner_id": 1}
    ]


def test_tags_and_paths():
    paths = app.openapi()["paths"]
    assert paths["/items/{item_id}"]["put"]["tags"] == ["items"]
    assert paths["/users/{user_id}/items"]["get"]["tags"] == ["users"]
    assert app.url_path_for("read_user_items", user_id=1) == "/users/1/items"
