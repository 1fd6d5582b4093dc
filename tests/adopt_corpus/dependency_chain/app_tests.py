from fastapi.testclient import TestClient

from main import CALLS, app


def test_sub_dependencies_are_cached_once_unless_asked_not_to():
    with TestClient(app) as client:
        body = client.get("/greet/ada").json()
    assert body["message"] == "hello ada"
    assert CALLS.count("settings") == 1
    assert CALLS.count("counter") == 2
