"""Typed URL builders: run by tests/test_docs.py as `python -m docs_src.typed_urls`."""

from generated import urls

assert urls.users_user_id(user_id=7) == "/users/7"
assert urls.files_path("docs/a b/report.pdf") == "/files/docs/a%20b/report.pdf"
