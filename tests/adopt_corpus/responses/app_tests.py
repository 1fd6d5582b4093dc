from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_response_model_filters_the_password():
    response = client.post("/user/", json={"username": "a", "password": "p", "email": "e"})
    assert response.status_code == 201
    assert response.json() == {"username": "a", "email": "e"}


def test_additional_responses():
    assert client.get("/items/foo").status_code == 200
    assert client.get("/items/bar").json() == {"message": "Item not found"}
    assert "404" in app.openapi()["paths"]["/items/{item_id}"]["get"]["responses"]


def test_response_classes():
    assert client.get("/html").headers["content-type"].startswith("text/html")
    assert client.get("/text").text == "plain"
    assert "/text" not in app.openapi()["paths"]


def test_status_set_on_the_response():
    assert client.put("/status/new").status_code == 201
    assert client.put("/status/old").status_code == 200
