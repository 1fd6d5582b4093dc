from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def token() -> str:
    response = client.post("/token", data={"username": "johndoe", "password": "secret"})
    return response.json()["access_token"]


def test_login_and_me():
    headers = {"Authorization": f"Bearer {token()}"}
    assert client.get("/users/me/", headers=headers).json()["username"] == "johndoe"


def test_scopes():
    headers = {"Authorization": f"Bearer {token()}"}
    assert client.get("/users/me/items/", headers=headers).status_code == 403
    assert client.get("/users/me/").status_code == 401


def test_security_schemes_in_openapi():
    schema = app.openapi()
    assert "OAuth2PasswordBearer" in schema["components"]["securitySchemes"]
