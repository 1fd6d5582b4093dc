from fastapi.testclient import TestClient

from shop.config import Settings
from shop.main import app, get_application


def test_the_module_app_lists_products():
    with TestClient(app) as client:
        response = client.get("/api/products/")
    assert response.status_code == 200
    assert response.json() == [{"id": 1, "name": "Teapot", "price": 25.0}]


def test_a_missing_product_is_a_404():
    with TestClient(app) as client:
        response = client.get("/api/products/7")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such product"}


def test_each_application_gets_the_routes():
    application = get_application(Settings(title="Staging"))
    with TestClient(application) as client:
        assert client.get("/api/health").json() == {"status": "ok", "title": "Staging"}
        assert client.get("/api/products/1").json()["name"] == "Teapot"
    assert application.state.started


def test_the_factory_applies_its_settings_to_every_route():
    application = get_application(Settings(maintenance=True))
    with TestClient(application) as client:
        assert client.get("/api/products/").status_code == 503


def test_untrusted_hosts_are_refused():
    application = get_application(Settings(allowed_hosts=["shop.example"]))
    with TestClient(application) as client:
        assert client.get("/api/health").status_code == 400
        assert (
            client.get("/api/health", headers={"host": "shop.example"}).status_code
            == 200
        )


def test_url_for_names_the_routes():
    assert app.url_path_for("read_product", product_id=1) == "/api/products/1"


def test_admin_routes_need_the_token():
    with TestClient(app) as client:
        assert client.get("/admin/stats").status_code == 422
        refused = client.get("/admin/stats", headers={"x-admin-token": "guess"})
        assert refused.status_code == 403
        allowed = client.get("/admin/stats", headers={"x-admin-token": "let-me-in"})
        assert allowed.json() == {"products": 1}
