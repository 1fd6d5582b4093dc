from main import app


def test_the_apps_own_function_names_operations():
    ids = sorted(op["operationId"] for p in app.openapi()["paths"].values() for op in p.values())
    assert ids == ["items-read_items", "users-create_user"]
