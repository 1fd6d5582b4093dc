"""The example tree's generated files, compared byte for byte with the committed ones.

To refresh after changing routes/ or the generator: `python -m codegen`, then
read the diff of generated/ as part of the review.
"""

from __future__ import annotations

from codegen.config import load_config
from codegen.pipeline import build
from tests.project import REPOSITORY


def test_committed_files_are_exactly_what_the_example_tree_compiles_to() -> None:
    config = load_config(REPOSITORY)

    result = build(config)

    assert result.plan.diagnostics == ()
    assert [output.path for output in result.outputs] == [
        config.output,
        config.urls,
        *config.runtime_modules.values(),
    ]
    for output in result.outputs:
        assert output.text == output.path.read_text(encoding="utf-8"), output.path


def test_generating_twice_gives_the_same_text() -> None:
    config = load_config(REPOSITORY)

    assert build(config).outputs == build(config).outputs
