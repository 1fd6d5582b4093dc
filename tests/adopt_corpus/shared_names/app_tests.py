from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_both_routes_answer():
    assert client.post("/users/?name=a").json() == {"user": "a"}
    assert client.post("/admins/?name=b").json() == {"admin": "b"}


def test_the_shared_name_resolves_to_the_first_registered():
    assert app.url_path_for("create_user") == "/admins/"


def test_operation_ids_differ_by_path():
    ids = {op["operationId"] for p in app.openapi()["paths"].values() for op in p.values()}
    assert ids == {"create_user_users__post", "create_user_admins__post"}
