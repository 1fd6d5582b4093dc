from fastapi.testclient import TestClient

from main import app, pages

client = TestClient(app)


def test_health():
    assert client.get("/health").json() == {"ok": True}


def test_read_by_id_or_slug():
    by_id = client.get("/content/1/").json()
    assert by_id["title"] == "About us"
    assert client.get("/content/about/").json() == by_id
    assert client.get("/content/nothing/").status_code == 404


def test_create_and_list():
    response = client.post("/content/", json={"title": "Jobs", "slug": "jobs"})
    assert response.status_code == 201
    created = response.json()
    assert created == {"id": 2, "title": "Jobs", "slug": "jobs", "body": ""}
    assert client.get("/content/").json()[-1] == created
    assert (
        client.post("/content/", json={"title": "J", "slug": "jobs"}).status_code == 409
    )


def test_patch():
    response = client.patch("/content/1/", json={"body": "We make better things."})
    assert response.json()["body"] == "We make better things."
    assert pages[1].title == "About us"
    assert client.patch("/content/99/", json={}).status_code == 404
    assert client.patch("/content/about/", json={}).status_code == 422


def test_delete():
    page = client.post("/content/", json={"title": "Old", "slug": "old"}).json()
    assert client.delete(f"/content/{page['id']}/").status_code == 204
    assert client.get("/content/old/").status_code == 404
    assert client.delete(f"/content/{page['id']}/").status_code == 404


def test_trailing_slash_redirects():
    response = client.get("/content/about", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].endswith("/content/about/")


def test_operations():
    paths = app.openapi()["paths"]
    assert set(paths["/content/{id_or_slug}/"]) == {"get"}
    assert set(paths["/content/{content_id}/"]) == {"patch", "delete"}
