from unittest.mock import patch

from fastapi.testclient import TestClient

from app.main import app, greeting

client = TestClient(app)


def test_patching_the_helper_module_still_takes_effect():
    with patch("app.utils.send_email", return_value="ok") as send:
        assert client.post("/signup/a@b.c").json() == {"sent": "a@b.c"}
    send.assert_called_once_with("a@b.c", "Hello a@b.c")


def test_names_imported_from_the_app_module():
    assert client.get("/hello/x").json() == {"message": greeting("x")}
