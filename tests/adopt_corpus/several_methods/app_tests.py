from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_one_function_answers_both_methods():
    assert client.get("/echo").json() == {"method": "GET"}
    assert client.post("/echo").json() == {"method": "POST"}
    assert client.put("/echo").status_code == 405


def test_single_method_api_route_and_head():
    assert client.get("/items/3").json() == {"item_id": 3}
    assert client.head("/items/3").status_code == 200


def test_both_operations_are_documented():
    assert set(app.openapi()["paths"]["/echo"]) == {"get", "post"}
