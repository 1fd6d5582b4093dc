from fastapi.testclient import TestClient

from shop.api.v1.products import PRODUCTS, Product
from shop.main import app

client = TestClient(app)


def test_nested_prefixes():
    assert client.get("/api/v1/products/").json() == [{"id": 1, "name": "Lamp"}]
    assert client.get("/api/v1/products/1").json()["name"] == "Lamp"
    assert client.get("/api/v1/products/9").status_code == 404
    assert client.post("/api/v1/orders/1?quantity=2").status_code == 201


def test_models_still_import_from_their_module():
    PRODUCTS[2] = Product(id=2, name="Desk")
    assert client.get("/api/v1/products/2").json()["name"] == "Desk"


def test_tags_accumulate_outermost_first():
    schema = client.get("/api/openapi.json").json()
    assert schema["paths"]["/api/v1/products/{product_id}"]["get"]["tags"] == ["v1", "products"]
    assert "500" in schema["paths"]["/api/v1/orders/{product_id}"]["post"]["responses"]


def test_hidden_route():
    assert client.get("/health").json() == {"ok": True}
