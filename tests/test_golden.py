"""The example tree's router, compared byte for byte with the committed file.

To refresh after changing routes/ or the generator: `python -m codegen`, then
read the diff of generated/router.py as part of the review.
"""

from __future__ import annotations

from codegen.config import load_config
from codegen.pipeline import build
from tests.project import REPOSITORY


def test_committed_router_is_exactly_what_the_example_tree_compiles_to() -> None:
    config = load_config(REPOSITORY)

    result = build(config)

    assert result.plan.diagnostics == ()
    assert result.text == config.output.read_text(encoding="utf-8")


def test_generating_twice_gives_the_same_text() -> None:
    config = load_config(REPOSITORY)

    assert build(config).text == build(config).text
