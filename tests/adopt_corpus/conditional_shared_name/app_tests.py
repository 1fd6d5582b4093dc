from fastapi.testclient import TestClient

from app import crud
from app.main import app

client = TestClient(app)


def test_url_for_the_shared_name_is_the_public_route():
    assert app.url_path_for("create_user") == "/api/v1/users/"


def test_operation_ids_use_the_tag_and_the_name():
    schema = client.get("/api/v1/openapi.json").json()
    ids = {
        op["operationId"] for path in schema["paths"].values() for op in path.values()
    }
    assert {"users-create_user", "private-create_user", "items-read_item"} <= ids
    assert schema["paths"]["/api/v1/private/users/"]["post"]["tags"] == ["private"]


def test_create_user_then_log_in():
    response = client.post(
        "/api/v1/users/", json={"email": "ada@example.com", "password": "engine"}
    )
    assert response.status_code == 200
    user = response.json()
    assert user["is_verified"] is False
    assert client.get(f"/api/v1/users/{user['id']}").json() == user
    token = client.post(
        "/api/v1/login/access-token",
        data={"username": "ada@example.com", "password": "engine"},
    )
    assert token.json() == {
        "access_token": f"token-{user['id']}",
        "token_type": "bearer",
    }
    wrong = {"username": "ada@example.com", "password": "wrong"}
    assert client.post("/api/v1/login/access-token", data=wrong).status_code == 400


def test_duplicate_email_is_refused():
    body = {"email": "twice@example.com", "password": "x"}
    assert client.post("/api/v1/users/", json=body).status_code == 200
    assert client.post("/api/v1/users/", json=body).status_code == 400


def test_private_create_user():
    response = client.post(
        "/api/v1/private/users/",
        json={
            "email": "grace@example.com",
            "password": "cobol",
            "full_name": "Grace Hopper",
            "is_verified": True,
        },
    )
    assert response.status_code == 200
    assert response.json()["is_verified"] is True
    assert crud.get_user_by_email("grace@example.com").full_name == "Grace Hopper"


def test_items():
    owner = client.post(
        "/api/v1/users/", json={"email": "o@example.com", "password": "p"}
    )
    owner_id = owner.json()["id"]
    response = client.post(
        f"/api/v1/items/?owner_id={owner_id}", json={"title": "Lamp"}
    )
    item = response.json()
    assert item == {"id": 1, "title": "Lamp", "description": None, "owner_id": owner_id}
    assert client.get("/api/v1/items/1").json() == item
    assert client.get("/api/v1/items/").json() == [item]
    assert client.get("/api/v1/items/2").status_code == 404
    assert (
        client.post("/api/v1/items/?owner_id=999", json={"title": "X"}).status_code
        == 404
    )


def test_users_list_and_missing_user():
    emails = [user["email"] for user in client.get("/api/v1/users/").json()]
    assert "ada@example.com" in emails
    assert client.get("/api/v1/users/999").status_code == 404
