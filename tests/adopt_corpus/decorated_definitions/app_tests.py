from fastapi.testclient import TestClient

from main import DEFAULT_LIMIT, Settings, app, get_settings, items

client = TestClient(app)


def test_default_settings():
    assert client.get("/info").json() == {
        "app_name": "Awesome API",
        "admin_email": "admin@example.com",
        "items_per_user": 50,
    }


def test_overridden_settings():
    app.dependency_overrides[get_settings] = lambda: Settings(
        admin_email="ops@example.com"
    )
    try:
        assert client.get("/info").json()["admin_email"] == "ops@example.com"
    finally:
        app.dependency_overrides.clear()


def test_post_and_read_a_dataclass_item():
    response = client.post("/items/", json={"name": "Plumbus", "price": 3})
    assert response.status_code == 201
    assert response.json() == {"name": "Plumbus", "price": 3.0, "tags": []}
    assert client.get("/items/1").json() == {
        "id": 1,
        "name": "Plumbus",
        "price": 3.0,
        "tags": [],
    }
    assert client.get("/items/99").status_code == 404


def test_list_is_limited_by_default():
    for name in ("Portal Gun", "Meeseeks Box"):
        client.post("/items/", json={"name": name, "price": 1, "tags": ["gadget"]})
    assert len(items) > DEFAULT_LIMIT
    assert len(client.get("/items/").json()) == DEFAULT_LIMIT
    assert len(client.get("/items/?limit=10").json()) == len(items)


def test_enum_path_parameter():
    assert client.get("/colors/red").json() == {"color": "red", "message": "Warm"}
    assert client.get("/colors/blue").json()["message"] == "Cool"
    assert client.get("/colors/purple").status_code == 422


def test_model_config_applies():
    response = client.post("/paint", json={"color": "green", "finish": "  gloss "})
    assert response.json() == {"color": "green", "finish": "gloss"}


def test_schema_names_the_models():
    schemas = app.openapi()["components"]["schemas"]
    assert {"Item", "ItemOut", "Color", "Paint"} <= set(schemas)
