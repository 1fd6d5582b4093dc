from fastapi.testclient import TestClient

from main import MAX_LIMIT, app

client = TestClient(app)


def test_an_empty_path_under_a_prefix():
    assert client.get("/items").json() == {"limit": 10}
    assert client.get("/items/", follow_redirects=False).status_code == 307
    assert client.get(f"/items?limit={MAX_LIMIT + 1}").status_code == 422
