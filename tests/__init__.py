"""The test suite; `nox -s tests` runs it."""
