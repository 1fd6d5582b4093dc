from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_both_versions():
    assert client.get("/v1/items/1").json() == {"version": 1, "item_id": 1}
    assert client.get("/v2/items/1").json() == {"id": 1, "version": 2}


def test_the_shared_name_builds_the_first_version():
    assert app.url_path_for("read_item", item_id=5) == "/v1/items/5"
