"""`python -m codegen openapi`: the committed document is the one the app
serves, `--check` catches a stale one, `--breaking` compares with a git
revision or a file, and an app that cannot be imported is a diagnostic.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from tests.project import Project, uvicorn_server

DOCUMENT = "generated/openapi.json"
# A required query parameter for GET /items: a breaking change.
SORTED_ITEMS = '''\
"""GET /items, sorted."""

from pydantic import BaseModel


class Item(BaseModel):
    id: int
    name: str


def handler(sort: str) -> list[Item]:
    return []
'''


def test_the_document_written_is_what_the_served_app_answers_formatted_for_review(
    project: Project,
) -> None:
    assert project.codegen("openapi").code == 0
    text = (project.root / DOCUMENT).read_text(encoding="utf-8")

    with uvicorn_server(sys.executable, project.root) as (base, _):
        served = httpx.get(f"{base}/openapi.json", timeout=10).json()

    assert json.loads(text) == served
    assert text == json.dumps(served, indent=2, ensure_ascii=False) + "\n"
    assert list(json.loads(text)) == list(served)  # FastAPI's key order


def test_check_shows_a_stale_document_and_the_command_that_updates_it(
    project: Project,
) -> None:
    project.write("routes/items/get.py", SORTED_ITEMS)
    assert project.codegen().code == 0
    committed = (project.root / DOCUMENT).read_text()

    stale = project.codegen("openapi", "--check")

    assert stale.code == 1
    assert f"--- {DOCUMENT} (committed)" in stale.stdout
    assert '+            "name": "sort",' in stale.stdout
    assert f"{DOCUMENT} is stale: run `python -m codegen openapi`" in stale.stderr
    assert (project.root / DOCUMENT).read_text() == committed

    written = project.codegen("openapi")
    current = project.codegen("openapi", "--check")

    assert (written.code, written.stderr) == (0, f"{DOCUMENT} updated.\n")
    assert (current.code, current.stderr) == (0, f"{DOCUMENT} is up to date.\n")


def test_an_app_that_cannot_be_imported_is_a_diagnostic_at_its_line(
    project: Project,
) -> None:
    app = project.root / "app.py"
    lines = app.read_text().splitlines()
    app.write_text("\n".join([*lines, "import not_installed_anywhere", ""]))
    committed = (project.root / DOCUMENT).read_text()

    result = project.codegen("openapi", "--check")

    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"app.py:{len(lines) + 1}:1: FR601 cannot import app:app:"
        " ModuleNotFoundError: No module named 'not_installed_anywhere'"
    )
    assert "Traceback" not in result.stderr
    assert (project.root / DOCUMENT).read_text() == committed


def test_an_empty_setting_keeps_no_document(project: Project) -> None:
    (project.root / DOCUMENT).unlink()
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(f'openapi = "{DOCUMENT}"', 'openapi = ""')
    )

    for arguments in (
        ["openapi"],
        ["openapi", "--check"],
        ["openapi", "--breaking", "x"],
    ):
        result = project.codegen(*arguments)

        assert result.code == 0
        assert result.stderr == "[tool.codegen] openapi is off: no document is kept.\n"
    assert not (project.root / DOCUMENT).exists()


def commit_all(root: Path, message: str) -> None:
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *command],
            cwd=root,
            check=True,
        )


def test_breaking_changes_since_a_revision_fail_until_accepted(
    project: Project,
) -> None:
    assert project.codegen("openapi").code == 0  # as this FastAPI writes it
    commit_all(project.root, "the API as released")
    project.write("routes/items/get.py", SORTED_ITEMS)
    project.write(
        "routes/items/$item_id/delete.py", "def handler(item_id: int) -> None: ...\n"
    )
    assert project.codegen().code == 0
    assert project.codegen("openapi").code == 0
    breaking = "GET /items: query parameter sort: added as required"

    refused = project.codegen("openapi", "--breaking", "HEAD")
    (project.root / "accepted.txt").write_text(
        f"# agreed with every client\n{breaking}\n"
    )
    accepted = project.codegen(
        "openapi", "--breaking", "HEAD", "--accept", "accepted.txt"
    )

    others = [
        "Other changes (3):",
        "  GET /items: query parameter offset: removed",
        "  GET /items: query parameter limit: removed",
        "  DELETE /items/{item_id}: operation: added",
    ]
    assert refused.code == 1
    assert refused.stdout.splitlines() == [
        "Breaking changes (1):",
        f"  {breaking}",
        *others,
    ]
    assert refused.stderr == (
        "1 breaking change since HEAD: restore what clients rely on, or accept"
        " each line in a file given with --accept.\n"
    )
    assert accepted.code == 0
    assert accepted.stdout.splitlines() == [
        "Accepted breaking changes (1):",
        f"  {breaking}",
        *others,
    ]
    assert accepted.stderr == "No breaking change since HEAD.\n"


def test_breaking_against_a_file_a_revision_without_a_document_and_nonsense(
    project: Project,
) -> None:
    assert project.codegen("openapi").code == 0  # as this FastAPI writes it
    document = project.root / DOCUMENT
    same = project.codegen("openapi", "--breaking", str(document))
    document.rename(project.root / "old.json")
    commit_all(project.root, "no document yet")
    project.codegen("openapi")

    new = project.codegen("openapi", "--breaking", "HEAD")
    against_file = project.codegen("openapi", "--breaking", "old.json")
    nonsense = project.codegen("openapi", "--breaking", "no-such-revision")
    (project.root / "list.json").write_text("[]")
    not_a_document = project.codegen("openapi", "--breaking", "list.json")

    assert (same.code, same.stdout) == (0, "")
    assert same.stderr == f"No changes to the API since {document}.\n"
    assert (new.code, new.stderr) == (
        0,
        f"HEAD has no {DOCUMENT}: nothing to compare.\n",
    )
    assert (against_file.code, against_file.stdout) == (0, "")
    assert nonsense.code == 2
    assert "'no-such-revision' is neither a file nor a git revision" in nonsense.stderr
    assert not_a_document.code == 2
    assert not_a_document.stderr == (
        "python -m codegen openapi: list.json is not a JSON document: not an object\n"
    )


def test_options_in_the_wrong_place_are_usage_errors(project: Project) -> None:
    """`--check openapi` would write the document where a check was meant."""
    misplaced = project.codegen("--check", "openapi")
    alone = project.codegen("openapi", "--accept", "accepted.txt")

    assert misplaced.code == alone.code == 2
    assert "give openapi's options after it: openapi --check" in misplaced.stderr
    assert "--accept goes with --breaking" in alone.stderr
