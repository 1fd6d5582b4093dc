from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_request_dependency_and_header():
    assert client.get("/whoami", headers={"X-Request-ID": "1"}).json() == {"host": "testclient", "request_id": "1"}


def test_cookie_on_the_response():
    assert client.post("/cookie").cookies["session"] == "abc"


def test_url_for_by_name():
    response = client.get("/old", follow_redirects=False)
    assert response.headers["location"] == "http://testserver/whoami"


def test_options():
    assert client.options("/whoami").headers["allow"] == "GET, OPTIONS"
