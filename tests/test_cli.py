"""`python -m codegen` as users, hooks and CI run it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import CommandLine
from tests.project import Project, copy_template

NEW_ROUTE = """\
from fastapi import status

meta = {"summary": "Create an order", "status_code": status.HTTP_201_CREATED}


async def handler(order_id: int) -> dict[str, int]:
    return {"order_id": order_id}
"""


def test_the_committed_router_is_current(project: Project) -> None:
    result = project.codegen("--check")

    assert result.code == 0, result.stderr
    assert result.stderr == (
        "generated/router.py is up to date (16 routes).\n"
        "generated/urls.py is up to date (16 routes).\n"
        "generated/route_index.py is up to date (16 routes).\n"
        "generated/on_demand.py is up to date (16 routes).\n"
    )


def test_check_exits_1_with_a_diff_when_stale_and_writes_nothing(
    project: Project,
) -> None:
    before = project.router.read_bytes()
    project.write("routes/orders/$order_id/post.py", NEW_ROUTE)

    result = project.codegen("--check")

    assert result.code == 1
    assert result.stdout.startswith("--- generated/router.py (committed)\n")
    assert '+        "/orders/{order_id}",\n' in result.stdout
    assert "run `python -m codegen` to update it" in result.stderr
    assert project.router.read_bytes() == before


def test_generate_writes_once_then_check_passes(project: Project) -> None:
    project.write("routes/orders/$order_id/post.py", NEW_ROUTE)

    first = project.codegen()
    written = project.router.stat()
    second = project.codegen()
    check = project.codegen("--check")

    assert first.code == 0
    assert first.stderr == (
        "generated/router.py updated (17 routes).\n"
        "generated/urls.py updated (17 routes).\n"
        "generated/route_index.py is up to date (17 routes).\n"
        "generated/on_demand.py is up to date (17 routes).\n"
    )
    assert second.stderr == (
        "generated/router.py is up to date (17 routes).\n"
        "generated/urls.py is up to date (17 routes).\n"
        "generated/route_index.py is up to date (17 routes).\n"
        "generated/on_demand.py is up to date (17 routes).\n"
    )
    assert project.router.stat().st_mtime_ns == written.st_mtime_ns
    assert project.router.stat().st_ino == written.st_ino
    assert check.code == 0


def test_a_new_route_file_is_served_after_regenerating(project: Project) -> None:
    project.write("routes/orders/$order_id/post.py", NEW_ROUTE)
    assert project.codegen().code == 0

    served = project.python(
        "-c",
        textwrap.dedent(
            """\
            import json
            from fastapi.testclient import TestClient
            from app import app
            response = TestClient(app).post("/orders/7")
            print(json.dumps([response.status_code, response.json()]))
            """
        ),
    )

    assert served.code == 0, served.stderr
    assert json.loads(served.stdout) == [201, {"order_id": 7}]


def test_every_problem_is_reported_once_sorted_without_traceback(
    project: Project,
) -> None:
    before = project.router.read_bytes()
    project.write("routes/zeta/get.py", "async def handler(:\n    pass\n")
    project.write("routes/alpha/get.py", "meta = {'sumary': 'x'}\ndef handler(): ...\n")
    project.write("routes/alpha/post.py", "x = 1\n")
    project.write("routes/alpha/gett.py", "def handler(): ...\n")

    result = project.codegen()

    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "routes/alpha/get.py:1:9: FR203 `meta` key 'sumary' is not an argument of "
        "`APIRouter.add_api_route`",
        "    hint: did you mean 'summary'?",
        "routes/alpha/gett.py:1:1: FR301 `gett.py` is not a route file name",
        "    hint: rename it to `get.py` (get, post, put, patch, delete, head, "
        "options, ws), or to `_gett.py` if it is a helper module",
        "routes/alpha/post.py:1:1: FR101 no `handler` function in this route file",
        "    hint: define `def handler(...)` or `async def handler(...)`",
        "routes/zeta/get.py:1:19: FR002 syntax error: invalid syntax",
        "Found 4 errors; generated/router.py, generated/urls.py, "
        "generated/route_index.py and generated/on_demand.py were left unchanged.",
    ]
    assert project.router.read_bytes() == before


def test_check_reports_errors_the_same_way(project: Project) -> None:
    project.write("routes/broken/get.py", "class handler: ...\n")

    result = project.codegen("--check")

    assert result.code == 1
    assert result.stderr.startswith(
        "routes/broken/get.py:1:1: FR102 `handler` must be a function"
    )


AUDIT = """\
import os, pathlib, signal, sys, threading, time
imported = []
def hook(event, args):
    if event == "import" and args[0].split(".")[0] in {"routes", "generated", "app", "conftest"}:
        imported.append(args[0])
sys.addaudithook(hook)
from codegen.cli import main
codes = [main([]), main(["--check"]), main(["--list"]), main(["--list", "--json"])]

def change_a_route_until_regenerated():
    router = pathlib.Path("generated/router.py")
    before = router.read_bytes()
    deadline = time.monotonic() + 60
    for round in range(10_000):  # until the watcher has started and regenerated
        pathlib.Path("routes/conftest.py").unlink(missing_ok=True)
        pathlib.Path("routes/canary/post.py").write_text(PAYLOAD + f"def handler(): return {round}\\n")
        time.sleep(0.3)
        if router.read_bytes() != before or time.monotonic() > deadline:
            break
    os.kill(os.getpid(), signal.SIGINT)

threading.Thread(target=change_a_route_until_regenerated, daemon=True).start()
codes.append(main(["--watch"]))
print(codes, imported)
"""


@pytest.mark.parametrize("conftest", [False, True], ids=["valid", "with conftest.py"])
def test_route_code_is_never_imported_or_executed(
    project: Project, conftest: bool
) -> None:
    """Not while generating, checking, listing or watching; not a route, a
    folder's __init__.py, a helper, nor a conftest.py (which is FR301)."""
    canary = project.root / "canary"
    payload = f"import pathlib\npathlib.Path({str(canary)!r}).write_text('ran')\n"
    project.write("routes/canary/get.py", payload + "def handler(): ...\n")
    project.write("routes/canary/__init__.py", payload)
    project.write("routes/canary/_helper.py", payload)
    if conftest:
        project.write("routes/conftest.py", payload)
    audit = f"PAYLOAD = {payload!r}\n{AUDIT}"

    result = project.python("-c", audit)

    codes = "[1, 1, 1, 1, 0]" if conftest else "[0, 0, 0, 0, 0]"
    assert result.stdout.splitlines()[-1] == f"{codes} []", result.stderr
    assert "(routes/canary/post.py)" in project.router.read_text()  # watched
    assert not canary.exists()


def test_generated_files_are_replaced_atomically_never_written_in_place(
    project: Project,
) -> None:
    project.write("routes/orders/$order_id/post.py", NEW_ROUTE)
    audit = textwrap.dedent(
        """\
        import json, os, sys
        events = []
        targets = {os.path.abspath(f"generated/{name}") for name in ("router.py", "urls.py")}
        def hook(event, args):
            if event == "open" and args[0] and os.path.abspath(str(args[0])) in targets:
                events.append(["open", args[1]])
            if event == "os.rename":
                events.append(["rename", os.path.abspath(args[0]), os.path.abspath(args[1])])
        sys.addaudithook(hook)
        from codegen.cli import main
        main([])
        print(json.dumps(events))
        """
    )

    result = project.python("-c", audit)

    events = json.loads(result.stdout)
    writes = [
        event for event in events if event[0] == "open" and event[1] not in ("r", "rb")
    ]
    generated = project.router.parent
    renames = {
        event[2]: event[1]
        for event in events
        if event[0] == "rename" and event[2].startswith(f"{generated}/")
    }
    assert writes == []
    assert sorted(renames) == [str(generated / "router.py"), str(generated / "urls.py")]
    for target, temporary in renames.items():
        assert temporary.startswith(f"{generated}/.{Path(target).name}.")
    assert sorted(p.name for p in generated.iterdir()) == [
        "__init__.py",
        "on_demand.py",
        "openapi.json",
        "route_index.py",
        "router.py",
        "urls.py",
    ]


def test_output_is_identical_whatever_the_folder_or_creation_order(
    empty_project: Project,
) -> None:
    files = {
        "routes/b/$id/get.py": "def handler(id: str): ...\n",
        "routes/a/post.py": "meta = {'tags': ['a']}\ndef handler(): ...\n",
        "routes/get.py": "def handler(): ...\n",
    }
    other = copy_template(empty_project.root.parent / "elsewhere", with_routes=False)
    for path, source in files.items():
        empty_project.write(path, source)
    for path, source in reversed(files.items()):
        other.write(path, source)

    assert empty_project.codegen().code == 0
    assert other.codegen().code == 0
    assert empty_project.router.read_bytes() == other.router.read_bytes()


def test_usage_errors_exit_2(project: Project) -> None:
    result = project.codegen("--no-such-flag")

    assert result.code == 2
    assert "usage: python -m codegen" in result.stderr


def test_a_formatter_that_cannot_run_exits_2_and_leaves_the_router(
    project: Project,
) -> None:
    before = project.router.read_bytes()
    project.write("routes/orders/get.py", "def handler(): ...\n")
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text() + "\n[tool.ruff.format]\nquote-style = 3\n"
    )

    result = project.codegen()

    assert result.code == 2
    assert result.stderr.startswith(
        "python -m codegen: cannot format the generated files: `ruff check` failed"
    )
    assert "Traceback" not in result.stderr
    assert project.router.read_bytes() == before


def test_a_missing_routes_folder_is_a_diagnostic(project: Project) -> None:
    result = project.codegen("--routes", "nowhere")

    assert result.code == 1
    assert result.stderr.startswith(
        "nowhere:1:1: FR401 the routes folder `nowhere` does not exist"
    )


def test_unknown_config_keys_are_reported_with_a_suggestion(project: Project) -> None:
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('routes = "routes"', 'rutes = "routes"')
    )

    result = project.codegen()

    assert result.code == 1
    assert result.stderr.splitlines() == [
        "pyproject.toml:1:1: FR402 unknown key 'rutes' in [tool.codegen]",
        "    hint: did you mean 'routes'?",
        "Found 1 error.",
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "[tool.fastapi]\nentrypoint = 1\n",
            "[tool.fastapi] entrypoint must be a string",
        ),
        ('[tool]\nfastapi = "app:app"\n', "[tool.fastapi] must be a table"),
    ],
)
def test_a_malformed_fastapi_entrypoint_is_reported(
    empty_project: Project, cli: CommandLine, table: str, message: str
) -> None:
    (empty_project.root / "pyproject.toml").write_text(table)
    before = empty_project.router.read_bytes()

    result = cli(empty_project.root)

    assert result.code == 1
    assert result.stderr.splitlines() == [
        f"pyproject.toml:1:1: FR402 {message}",
        "Found 1 error.",
    ]
    assert empty_project.router.read_bytes() == before


def test_flags_override_the_configured_locations(empty_project: Project) -> None:
    empty_project.write("api/get.py", "def handler(): ...\n")

    result = empty_project.codegen("--routes", "api", "--output", "generated/api.py")

    assert result.code == 0, result.stderr
    text = (empty_project.root / "generated" / "api.py").read_text()
    assert "import api.get as root_get\n" in text
