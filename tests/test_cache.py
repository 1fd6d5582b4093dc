"""The cache in .codegen_cache/: reused when nothing changed, never trusted."""

from __future__ import annotations

import os
import textwrap
import time
from functools import partial
from pathlib import Path

import pytest

from codegen.config import load_config
from codegen.parse import parse_file
from codegen.pipeline import Stages, build, parse_all, read_and_parse
from tests.conftest import CommandLine
from tests.project import Project, Tree

ROUTE = "async def handler() -> str:\n    return 'x'\n"


def age_files(root: Path, seconds: float = 60) -> None:
    """Date every file back, as a tree at rest is (see RACY_NANOSECONDS)."""
    past = time.time() - seconds
    for folder, _, files in os.walk(root):
        for name in [*files, "."]:
            os.utime(Path(folder, name), (past, past))


def test_a_run_in_which_nothing_changed_loads_no_stage(project: Project) -> None:
    age_files(project.root / "routes")
    assert project.codegen().code == 0
    probe = textwrap.dedent(
        """\
        import sys
        from codegen.cli import main
        code = main(["--check"])
        print(code, "libcst" in sys.modules, "fastapi" in sys.modules)
        """
    )

    result = project.python("-c", probe)

    assert result.stdout.strip() == "0 False False", result.stderr


def test_only_changed_files_are_parsed_again(
    tree: Tree, cli: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree({f"routes/r{index}/get.py": ROUTE for index in range(5)})
    parsed: list[str] = []

    def counting(file: object, data: bytes) -> object:
        parsed.append(str(getattr(file, "path", "")))
        return parse_file(file, data)  # type: ignore[arg-type]

    monkeypatch.setattr("codegen.pipeline.parse_file", counting)
    assert cli(root).code == 0
    first = len(parsed)
    (root / "routes/r3/get.py").write_text(ROUTE.replace("'x'", "'changed'"))
    parsed.clear()

    assert cli(root).code == 0
    assert first == 5
    assert parsed == ["routes/r3/get.py"]


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a cache", b"\x00" * 32 + b"garbage", None],
    ids=["empty", "text", "bad-checksum", "flipped-byte"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    tree: Tree, cli: CommandLine, damage: bytes | None
) -> None:
    root = tree({"routes/get.py": ROUTE, "routes/users/get.py": ROUTE})
    assert cli(root).code == 0
    expected = (root / "generated/router.py").read_bytes()
    for store in (root / ".codegen_cache").glob("*.pickle"):
        blob = store.read_bytes()
        store.write_bytes(
            damage
            if damage is not None
            else blob[:40] + bytes([blob[40] ^ 1]) + blob[41:]
        )
    (root / "generated/router.py").unlink()

    result = cli(root)

    assert result.code == 0, result.stderr
    assert (root / "generated/router.py").read_bytes() == expected
    assert cli(root, "--check").code == 0


def test_an_edit_that_keeps_the_size_is_seen(tree: Tree, cli: CommandLine) -> None:
    route = "routes/get.py"
    root = tree({route: "meta = {'summary': 'A'}\n" + ROUTE})
    age_files(root / "routes")
    assert cli(root).code == 0
    assert cli(root, "--check").code == 0

    (root / route).write_text("meta = {'summary': 'B'}\n" + ROUTE)
    result = cli(root, "--check")

    assert result.code == 1
    assert '+        summary="B",' in result.stdout


def test_no_cache_neither_reads_nor_writes_it(tree: Tree, cli: CommandLine) -> None:
    root = tree({"routes/get.py": ROUTE})

    assert cli(root, "--no-cache").code == 0
    assert not (root / ".codegen_cache").exists()


def test_the_cache_folder_ignores_itself_for_git(tree: Tree, cli: CommandLine) -> None:
    root = tree({"routes/get.py": ROUTE})

    cli(root)

    assert (root / ".codegen_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_parallel_parsing_gives_the_same_files(tree: Tree) -> None:
    root = tree(
        {
            f"routes/group{index % 7}/$item_id/r{index}/get.py": (
                f"meta = {{'summary': 'Route {index}'}}\n"
                "def handler(item_id: int) -> int:\n    return item_id\n"
            )
            for index in range(150)
        }
    )
    config = load_config(root)

    parallel = build(config, Stages(parse=partial(read_and_parse, parse=parse_all)))
    one_by_one = partial(
        read_and_parse, parse=lambda jobs: [parse_file(*job) for job in jobs]
    )
    sequential = build(config, Stages(parse=one_by_one))

    assert parallel.outputs == sequential.outputs
    assert len(parallel.plan.routes) == 150
