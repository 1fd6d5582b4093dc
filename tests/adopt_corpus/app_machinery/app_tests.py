from fastapi.testclient import TestClient

from main import app


def test_exception_handler_and_middleware():
    with TestClient(app) as client:
        response = client.get("/unicorns/yolo")
        assert response.status_code == 418
        assert "X-Process-Time" in response.headers


def test_lifespan_runs():
    with TestClient(app) as client:
        assert client.get("/model").json() == {"model": "loaded", "path": "/model"}


def test_cors():
    with TestClient(app) as client:
        response = client.get("/unicorns/a", headers={"Origin": "https://example.com"})
        assert response.headers["access-control-allow-origin"] == "https://example.com"


def test_sub_application_is_still_mounted():
    with TestClient(app) as client:
        assert client.get("/subapi/sub").json() == {"message": "Hello World from sub API"}
        assert client.get("/subapi/openapi.json").status_code == 200
