import gzip
import json

from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_gzipped_body_is_decompressed():
    response = client.post(
        "/sum",
        content=gzip.compress(json.dumps([1, 2, 3]).encode()),
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"sum": 6}


def test_plain_body():
    assert client.post("/sum", json=[4, 5]).json() == {"sum": 9}
    assert client.post("/sum", json=["x"]).status_code == 422


def test_timed_routes_report_their_duration():
    response = client.get("/timed")
    assert response.json() == {"message": "It's the time of my life"}
    assert float(response.headers["X-Response-Time"]) >= 0


def test_timed_route_with_parameters():
    response = client.get("/timed/ada", params={"shout": True})
    assert response.json() == {"message": "HELLO ADA"}
    assert "X-Response-Time" in response.headers


def test_root_is_not_timed():
    response = client.get("/")
    assert response.json() == {"message": "Not timed"}
    assert "X-Response-Time" not in response.headers


def test_schema_lists_every_route():
    assert set(app.openapi()["paths"]) == {"/", "/sum", "/timed", "/timed/{name}"}
