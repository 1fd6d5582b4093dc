"""On a FastAPI older than adopt can read, adopt says so and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import routing

from tests.test_adopt import HERE, checkout, run, snapshot


@pytest.mark.skipif(
    hasattr(routing, "iter_route_contexts"), reason="this FastAPI can be adopted"
)
def test_adopt_names_the_fastapi_it_needs_and_touches_nothing(tmp_path: Path) -> None:
    root = checkout(HERE / "adopt_corpus" / "single_module", tmp_path / "app")
    before = snapshot(root)

    result = run(root, "-m", "codegen", "adopt", "main:app")

    assert result.returncode == 1
    assert "adopt needs FastAPI 0.138 or newer" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before
