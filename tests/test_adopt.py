"""`python -m codegen adopt`, proven on a corpus of FastAPI apps.

Each app under `adopt_corpus/` has its own tests (`app_tests.py`). They must
pass before adoption and, unchanged, after it, the OpenAPI document must be
the same, and the generator's drift check must pass on the result. Each app
under `adopt_refused/` must be refused with the diagnostics in its
`expected.txt`, every file left byte for byte as it was.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from codegen.config import fastapi_entrypoint, read_tools
from tests.project import REPOSITORY, clean_environment

HERE = Path(__file__).parent
CORPUS = sorted(path.name for path in (HERE / "adopt_corpus").iterdir())
# How many corpus apps the test suite adopts, spread evenly over the corpus;
# `nox -s depth` adopts them all (CODEGEN_ADOPT_APPS=all).
SAMPLE = os.environ.get("CODEGEN_ADOPT_APPS", "8")
REFUSED = sorted(path.name for path in (HERE / "adopt_refused").iterdir())
OPENAPI = "import json, sys; from {module} import {attribute} as app; print(json.dumps(app.openapi()))"
# The route table as tools read it, before anything builds a route (the
# attributes a stand-in holds), and after (the built routes' own).
ROUTE_TABLE = """\
import json
from fastapi.routing import APIRoute, APIWebSocketRoute
from {module} import {attribute} as app

def listed(route):
    return [type(route).__name__, isinstance(route, APIRoute | APIWebSocketRoute),
            getattr(route, "path", None), getattr(route, "name", None),
            sorted(getattr(route, "methods", None) or [])]

def built(route):
    endpoint = getattr(route, "endpoint", None)
    return [f"{{type(route).__module__}}.{{type(route).__qualname__}}",
            getattr(endpoint, "__module__", None), getattr(endpoint, "__qualname__", None),
            sorted(vars(route))]

table = [listed(route) for route in app.routes]
document = app.openapi()
print(json.dumps([table, [built(route) for route in app.routes], document]))
"""


def run(
    root: Path, *arguments: str, extra_path: Path | None = None, eager: bool = False
) -> subprocess.CompletedProcess[str]:
    """`python ARGUMENTS` in `root`; a generated router there builds its routes
    on demand, or every route at start-up if `eager`."""
    environment = {
        **clean_environment(),
        "PYTHONHASHSEED": "0",
        "ROUTES_EAGER": "1" if eager else "0",
    }
    if extra_path is not None:
        environment["PYTHONPATH"] = str(extra_path)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def checkout(source: Path, destination: Path) -> Path:
    """The app with the generator beside it, committed to a fresh git repository."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        REPOSITORY / "codegen",
        destination / "codegen",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(
        destination, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "app"
    )
    return destination


def target_of(root: Path) -> str:
    """The app: `TARGET`'s text, `[tool.fastapi] entrypoint`, or `main:app`."""
    if (root / "TARGET").exists():
        return (root / "TARGET").read_text().strip()
    return entrypoint_of(root) or "main:app"


def arguments_of(root: Path) -> list[str]:
    """What else adopting the app takes (`--partial`): `ARGS`' words."""
    path = root / "ARGS"
    return path.read_text().split() if path.exists() else []


def entrypoint_of(root: Path) -> str | None:
    return fastapi_entrypoint(read_tools(root))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and ".git" not in path.parts
        and "__pycache__" not in path.parts
    }


APP_TESTS = "python -m pytest -q -p no:cacheprovider -p no:randomly app_tests.py"


def app_tests(root: Path, *, eager: bool = False) -> subprocess.CompletedProcess[str]:
    """The app's own tests, in their file's order as the app's authors run
    them (they may share the app's state), not shuffled as ours are."""
    return run(root, *APP_TESTS.split()[1:], eager=eager)


def route_table(root: Path, target: str, *, eager: bool = False) -> object:
    """`ROUTE_TABLE` of the app: its routes listed, then built, and its OpenAPI."""
    module, _, attribute = target.partition(":")
    script = ROUTE_TABLE.format(module=module, attribute=attribute)
    result = run(root, "-c", script, eager=eager)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def openapi(root: Path, target: str) -> object:
    module, _, attribute = target.partition(":")
    result = run(root, "-c", OPENAPI.format(module=module, attribute=attribute))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@dataclass(frozen=True)
class Adoption:
    """One corpus app, adopted: what each step printed and returned."""

    tests_before: subprocess.CompletedProcess[str]
    adopted: subprocess.CompletedProcess[str]
    tests_after: subprocess.CompletedProcess[str]
    tests_after_eager: subprocess.CompletedProcess[str]
    tables: tuple[object, object]  # the route table, on demand and eager
    drift: subprocess.CompletedProcess[str]
    openapi_before: object
    openapi_after: object
    tests_unchanged: bool
    written: dict[str, bytes]  # created or changed, generated files aside


def adopt_corpus_app(name: str, destination: Path) -> Adoption:
    root = checkout(HERE / "adopt_corpus" / name, destination)
    target = target_of(root)
    tests = (root / "app_tests.py").read_bytes()
    tests_before, openapi_before = app_tests(root), openapi(root, target)
    before = snapshot(root)
    # An app that names itself in `[tool.fastapi]` is adopted by that name.
    named = [] if entrypoint_of(root) else [target]
    # Its tests are part of adopting's proof; `ARGS` holds any other options.
    options = ["--test", APP_TESTS, *arguments_of(root)]
    adopted = run(root, "-m", "codegen", "adopt", *named, *options)
    after = snapshot(root)
    return Adoption(
        tests_before=tests_before,
        adopted=adopted,
        tests_after=app_tests(root),
        tests_after_eager=app_tests(root, eager=True),
        tables=(route_table(root, target), route_table(root, target, eager=True)),
        drift=run(root, "-m", "codegen", "--check"),
        openapi_before=openapi_before,
        openapi_after=openapi(root, target),
        tests_unchanged=(root / "app_tests.py").read_bytes() == tests,
        written={
            path: text
            for path, text in after.items()
            if before.get(path) != text
            and not {"generated", ".codegen_cache"} & set(path.split("/"))
        },
    )


Adopted = Callable[[str], Adoption]


@pytest.fixture(scope="session")
def adopted_app(tmp_path_factory: pytest.TempPathFactory) -> Adopted:
    """A corpus app, adopted once per test process: the corpus tests are
    spread over processes, and a test that looks at an app again reuses it."""
    folder = tmp_path_factory.mktemp("corpus")
    return functools.cache(lambda name: adopt_corpus_app(name, folder / name))


def sampled(apps: list[str], count: str) -> list[str]:
    """`count` of `apps` (or all), evenly spaced, first and last included."""
    if count == "all" or int(count) >= len(apps):
        return apps
    step = (len(apps) - 1) / max(int(count) - 1, 1)
    return [apps[round(index * step)] for index in range(int(count))]


@pytest.mark.depth
@pytest.mark.parametrize("name", sampled(CORPUS, SAMPLE))
def test_adopted_app_passes_its_own_tests_in_both_modes_with_the_same_openapi(
    name: str, adopted_app: Adopted
) -> None:
    adoption = adopted_app(name)

    before, adopted, after = (
        adoption.tests_before,
        adoption.adopted,
        adoption.tests_after,
    )
    assert before.returncode == 0, before.stdout + before.stderr
    assert adopted.returncode == 0, adopted.stderr
    assert "Proven" in adopted.stderr
    assert "every test that passed still passes" in adopted.stderr
    assert after.returncode == 0, after.stdout + after.stderr + adopted.stderr
    eager = adoption.tests_after_eager
    assert eager.returncode == 0, eager.stdout + eager.stderr
    on_demand_table, eager_table = adoption.tables
    assert on_demand_table == eager_table
    assert adoption.tests_unchanged
    assert adoption.openapi_after == adoption.openapi_before
    assert adoption.drift.returncode == 0, adoption.drift.stderr


def test_the_adoption_the_docs_show_is_what_adopting_writes(
    adopted_app: Adopted,
) -> None:
    shown = REPOSITORY / "docs_src" / "adopting"

    written = adopted_app("bigger_application").written

    assert written == {
        path.relative_to(shown).as_posix(): path.read_bytes()
        for path in shown.rglob("*")
        if path.is_file()
    }


def test_the_app_fastapi_serves_is_adopted_when_none_is_named(
    adopted_app: Adopted,
) -> None:
    adoption = adopted_app("nested_routers")

    assert adoption.adopted.args[4] == "--test"  # no app named after `adopt`
    assert "Adopting shop.main:app:" in adoption.adopted.stderr
    settings = tomllib.loads(adoption.written["pyproject.toml"].decode())["tool"]
    assert settings["fastapi"] == {"entrypoint": "shop.main:app"}
    assert "app" not in settings["codegen"]  # said once, in FastAPI's table


def test_adopt_without_an_app_or_an_entrypoint_is_a_usage_error(
    tmp_path: Path,
) -> None:
    root = checkout(HERE / "adopt_corpus" / "single_module", tmp_path / "app")
    before = snapshot(root)

    result = run(root, "-m", "codegen", "adopt")

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith(
        "error: adopt needs the app as MODULE:ATTR (e.g. main:app), or"
        " [tool.fastapi] entrypoint in pyproject.toml"
    )
    assert snapshot(root) == before


@pytest.mark.parametrize("name", REFUSED)
def test_an_app_that_cannot_move_exactly_is_refused_untouched(
    name: str, tmp_path: Path
) -> None:
    source = HERE / "adopt_refused" / name
    root = checkout(source, tmp_path / name)
    installed = tmp_path / "site-packages"
    if (root / "installed").exists():  # stands for a package installed elsewhere
        shutil.move(root / "installed", installed)
        git(root, "add", "-A")
        git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "moved")
    files = snapshot(root)

    result = run(root, "-m", "codegen", "adopt", target_of(root), extra_path=installed)

    assert result.returncode == 1, result.stderr
    found = [
        line.replace(str(installed), "<installed>")
        for line in result.stderr.splitlines()
        if ": FR5" in line
    ]
    assert found == (source / "expected.txt").read_text().splitlines()
    assert "Traceback" not in result.stderr
    assert snapshot(root) == files


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    """A committed project of `files`, with the generator beside them."""
    source = tmp_path / "source"
    for relative, text in files.items():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        (source / relative).write_text(text)
    return checkout(source, tmp_path / "project")


def test_partial_moves_what_it_can_and_leaves_the_rest_registered(
    tmp_path: Path,
) -> None:
    root = checkout(HERE / "adopt_refused" / "conditional_include", tmp_path / "app")

    result = run(root, "-m", "codegen", "adopt", "main:app", "--partial")

    assert result.returncode == 0, result.stderr
    assert "FR503 GET /debug/state" in result.stderr
    assert "Adopted 1 route" in result.stderr
    assert (root / "routes" / "get.py").exists()
    main = (root / "main.py").read_text()
    assert '@debug.get("/state")' in main
    assert (
        'if os.environ.get("DEBUG", "1") == "1":\n    app.include_router(debug)' in main
    )
    served = "from fastapi.testclient import TestClient; from main import app; c = TestClient(app); print(c.get('/').status_code, c.get('/debug/state').status_code)"
    assert run(root, "-c", served).stdout.split() == ["200", "200"]
    hidden = subprocess.run(
        [sys.executable, "-c", served],
        cwd=root,
        capture_output=True,
        text=True,
        env={**clean_environment(), "DEBUG": "0"},
        check=False,
    )
    assert hidden.stdout.split() == ["200", "404"]


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    root = checkout(HERE / "adopt_corpus" / "bigger_application", tmp_path / "app")
    files = snapshot(root)

    result = run(root, "-m", "codegen", "adopt", "app.main:app", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "GET /  app/main.py:21  ->  app/routes/get.py",
        "POST /admin/  app/internal/admin.py:6  ->  app/routes/admin/post.py",
    ]
    assert "Would move 8 routes" in result.stderr
    assert snapshot(root) == files


def test_uncommitted_changes_stop_it_unless_forced(tmp_path: Path) -> None:
    root = checkout(HERE / "adopt_corpus" / "single_module", tmp_path / "app")
    main = root / "main.py"
    main.write_text(main.read_text() + "\n# work in progress\n")
    files = snapshot(root)

    refused = run(root, "-m", "codegen", "adopt", "main:app")

    assert refused.returncode == 1
    assert "main.py: has uncommitted changes" in refused.stderr
    assert snapshot(root) == files
    forced = run(root, "-m", "codegen", "adopt", "main:app", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "# work in progress" in main.read_text()


def test_a_failed_proof_restores_every_file(tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    root = project(
        tmp_path,
        {
            "main.py": "import os\nfrom pathlib import Path\n\n"
            "from fastapi import FastAPI\n\n"
            "marker = Path(os.environ['ADOPT_MARKER'])\n"
            "app = FastAPI(title='again' if marker.exists() else 'first')\n"
            "marker.touch()\n\n\n"
            "class Item:\n    pass\n\n\n"
            "@app.get('/items/{item_id}')\ndef read_item(item_id: int):\n"
            "    return {'item': Item.__name__}\n",
            "pyproject.toml": "[project]\nname = 'x'\n",
        },
    )
    files = snapshot(root)
    environment = {**clean_environment(), "ADOPT_MARKER": str(marker)}

    result = subprocess.run(
        [sys.executable, "-m", "codegen", "adopt", "main:app"],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    assert result.returncode == 1
    assert "the OpenAPI document differs" in result.stderr
    assert '-    "title": "first",' in result.stderr
    assert "all 9 files were restored" in result.stderr
    assert snapshot(root) == files
    assert sorted(path.name for path in root.iterdir()) == sorted(
        [".git", "codegen", "main.py", "pyproject.toml"]
    )


def test_help_says_that_adopting_imports_the_app() -> None:
    result = run(REPOSITORY, "-m", "codegen", "adopt", "--help")

    assert "this imports your app" in " ".join(result.stdout.split())


def test_a_prefix_computed_from_settings_is_noted(tmp_path: Path) -> None:
    root = checkout(HERE / "adopt_corpus" / "nested_routers", tmp_path / "app")

    result = run(root, "-m", "codegen", "adopt", "shop.main:app", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert (
        "shop/main.py:7: note: the prefix `settings.api_prefix` is computed; its value "
        "when adopted is now part of the folders' names" in result.stderr
    )
    assert "GET /api/v1/products/{product_id}  shop/api/v1/products.py:20" in (
        result.stdout
    )


def test_partial_leaves_a_route_whose_code_cannot_move(tmp_path: Path) -> None:
    source = (HERE / "adopt_refused" / "module_dunder" / "main.py").read_text()
    root = project(
        tmp_path,
        {"main.py": source + "\n\n@app.get('/ping')\ndef ping():\n    return 'pong'\n"},
    )

    result = run(root, "-m", "codegen", "adopt", "main:app", "--partial")

    assert result.returncode == 0, result.stderr
    assert "main.py:10:1: FR508 GET /source" in result.stderr
    assert "Adopted 1 route" in result.stderr
    assert (root / "routes" / "ping" / "get.py").exists()
    assert "def source():" in (root / "main.py").read_text()


def test_moved_code_reads_as_the_user_wrote_it(tmp_path: Path) -> None:
    """FastAPI's "bigger applications" tutorial, adopted: the exact files;
    and adopting it again finds nothing to do."""
    root = checkout(HERE / "adopt_corpus" / "bigger_application", tmp_path / "app")

    result = run(root, "-m", "codegen", "adopt", "app.main:app")

    assert result.returncode == 0, result.stderr
    again = run(root, "-m", "codegen", "adopt", "app.main:app")
    assert again.returncode == 0, again.stderr
    assert (
        "Nothing to adopt: every route of app.main:app is registered by "
        "app/generated/router.py." in again.stderr
    )
    routes = root / "app" / "routes"
    assert (routes / "items" / "__init__.py").read_text() == (
        "from fastapi import Depends\n\n"
        "from app.dependencies import get_token_header\n\n"
        'tags = ["items"]\n'
        "dependencies = [Depends(get_token_header)]\n"
        'responses = {404: {"description": "Not found"}}\n'
    )
    assert (routes / "items" / "$item_id" / "put.py").read_text() == (
        "from fastapi import HTTPException\n\n"
        "meta = {\n"
        '    "name": "update_item",\n'
        '    "tags": ["custom"],\n'
        '    "responses": {403: {"description": "Operation forbidden"}},\n'
        "}\n\n\n"
        "async def update_item(item_id: str):\n"
        '    if item_id != "plumbus":\n'
        "        raise HTTPException(\n"
        '            status_code=403, detail="You can only update the item: plumbus"\n'
        "        )\n"
        '    return {"item_id": item_id, "name": "The great Plumbus"}\n\n\n'
        "handler = update_item\n"
    )
    assert (
        (routes / "items" / "get.py")
        .read_text()
        .startswith(
            "from app.routes._app_routers_items import fake_items_db\n\n"
            "trailing_slash = True\n"
        )
    )
    assert (routes / "_app_routers_items.py").read_text() == (
        '"""What the routes moved from `app.routers.items` share with it."""\n\n\n'
        'fake_items_db = {"plumbus": {"name": "Plumbus"}, "gun": {"name": "Portal Gun"}}\n'
    )
    main = (root / "app" / "main.py").read_text()
    assert main.endswith(
        "from app.generated.route_index import use_route_index\n"
        "from app.generated.router import add_routes\n\n"
        "app = FastAPI(dependencies=[Depends(get_query_token)])\n\n\n"
        "add_routes(app.router)\n"
        "use_route_index(app.router)\n"
    )
    assert "include_router" not in main
    assert (root / "app" / "routers" / "users.py").read_text() == (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n"
    )
    assert 'operation_ids = "fastapi"' in (root / "pyproject.toml").read_text()


def test_an_invalid_codegen_table_is_a_diagnostic(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "pyproject.toml": '[tool.codegen]\nrutes = "routes"\n',
        },
    )

    result = run(root, "-m", "codegen", "adopt", "main:app")

    assert result.returncode == 1
    assert "pyproject.toml:1:1: FR402 unknown key 'rutes'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_changed_405_allow_header_is_noted(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            "@app.post('/items')\ndef create():\n    return 1\n\n\n"
            "@app.get('/items')\ndef read():\n    return 2\n"
        },
    )

    result = run(root, "-m", "codegen", "adopt", "main:app")

    assert result.returncode == 0, result.stderr
    assert (
        "note: a 405 for /items now says `Allow: GET` (was `POST`): GET /items is "
        "now registered first" in result.stderr
    )


# A greeting that tests set through a name the scan cannot read (`setattr`
# with a computed name): only running the project's tests shows the change.
GREETING_APP = {
    "main.py": "from fastapi import FastAPI\n\n"
    "app = FastAPI()\n"
    "GREETING = 'hello'\n\n\n"
    "@app.get('/greeting')\ndef greet():\n    return GREETING\n",
    "tests/__init__.py": "",
    "tests/test_main.py": "from fastapi.testclient import TestClient\n\n"
    "import main\n\n\n"
    "def test_the_greeting_can_be_changed():\n"
    "    for name, value in {'GREETING': 'hi'}.items():\n"
    "        setattr(main, name, value)\n"
    "    assert TestClient(main.app).get('/greeting').json() == 'hi'\n\n\n"
    "def test_it_is_served():\n"
    "    assert TestClient(main.app).get('/greeting').status_code == 200\n",
}


def test_a_test_that_passed_before_and_fails_after_undoes_it(tmp_path: Path) -> None:
    root = project(tmp_path, GREETING_APP)
    files = snapshot(root)

    result = run(root, "-m", "codegen", "adopt", "main:app")

    assert result.returncode == 1, result.stderr
    assert (
        "Ran the project's tests before adopting, `python -m pytest`: 2 passed, "
        "0 failed in " in result.stderr.replace(Path(sys.executable).name, "python")
    )
    assert ": 1 passed, 1 failed in " in result.stderr
    assert (
        "1 of the project's tests passed before adopting and fail after it:\n"
        "  tests.test_main::test_the_greeting_can_be_changed\n" in result.stderr
    )
    assert "all 9 files were restored" in result.stderr
    assert snapshot(root) == files


def test_a_test_command_is_judged_by_its_exit_status(tmp_path: Path) -> None:
    check = "import sys\nfrom tests import test_main\n\n"
    check += "sys.exit(test_main.test_the_greeting_can_be_changed())\n"
    root = project(tmp_path, {**GREETING_APP, "check.py": check})
    files = snapshot(root)

    result = run(
        root, "-m", "codegen", "adopt", "main:app", "--test", "python check.py"
    )

    assert result.returncode == 1, result.stderr
    assert "`python check.py`: exit status 0 in " in result.stderr
    assert "`python check.py`: exit status 1 in " in result.stderr
    assert "  the suite (exit status 1)\n" in result.stderr
    assert snapshot(root) == files


def test_no_test_adopts_without_running_the_tests(tmp_path: Path) -> None:
    root = project(tmp_path, GREETING_APP)

    result = run(root, "-m", "codegen", "adopt", "main:app", "--no-test")

    assert result.returncode == 0, result.stderr
    assert "test" not in result.stderr.lower()
    assert "route table are the same." in result.stderr
    after = run(root, "-m", "pytest", "-q", "-p", "no:randomly", "tests")
    assert "1 failed, 1 passed" in after.stdout


def test_a_package_called_routes_is_the_apps_own_code(adopted_app: Adopted) -> None:
    adoption = adopted_app("routes_package")

    assert (
        "note: routes/ is the app's own code; the routes tree goes in endpoints/ "
        "(--routes chooses another folder)" in adoption.adopted.stderr
    )
    assert "endpoints/items/$item_id/get.py" in adoption.written
    settings = tomllib.loads(adoption.written["pyproject.toml"].decode())
    assert settings["tool"]["codegen"]["routes"] == "endpoints"


def test_code_that_moves_reads_rebound_names_through_their_module(
    adopted_app: Adopted,
) -> None:
    adoption = adopted_app("module_state")

    subscribe = adoption.written["routes/subscribers/post.py"].decode()
    assert "import main\n" in subscribe
    assert "if main.settings.maintenance:" in subscribe
    assert "main.send_welcome_email(signup.email)" in subscribe
    assert "main.started_at" in adoption.written["routes/health/get.py"].decode()
    assert b"settings = Settings()" in adoption.written["main.py"]


def test_partial_registers_the_moved_routes_where_the_first_was(
    adopted_app: Adopted,
) -> None:
    adoption = adopted_app("conditional_shared_name")

    assert "FR503 POST /api/v1/private/users/" in adoption.adopted.stderr
    main = adoption.written["app/main.py"].decode()
    assert main.index("add_routes(app.router)") < main.index(
        "app.include_router(api_router"
    )


def test_an_app_factory_registers_the_routes_in_its_body(adopted_app: Adopted) -> None:
    adoption = adopted_app("app_factory")

    main = adoption.written["shop/main.py"].decode()
    assert (
        "        return await call_next(request)\n\n"
        "    add_routes(application.router)\n"
        "    use_route_index(application.router)\n\n"
        "    return application\n" in main
    )
    assert "include_router" not in main
    # The options of each include in the factory's body, not of its first.
    admin = adoption.written["shop/routes/admin/stats/__init__.py"].decode()
    assert 'tags = ["admin"]\n' in admin
    assert "dependencies = [Depends(admin.verify_admin_token)]\n" in admin


def test_a_suite_that_no_longer_starts_undoes_it(tmp_path: Path) -> None:
    """A failing test before, an import error in `conftest.py` after: no
    report at all is no test passing."""
    root = project(
        tmp_path,
        {
            **GREETING_APP,
            "tests/conftest.py": "from main import greet  # noqa: F401\n",
            "tests/test_failing.py": "def test_not_yet():\n    assert False\n",
        },
    )
    files = snapshot(root)

    result = run(root, "-m", "codegen", "adopt", "main:app")

    assert result.returncode == 1, result.stderr
    assert ": 2 passed, 1 failed in " in result.stderr
    assert "2 of the project's tests passed before adopting and fail after it:" in (
        result.stderr
    )
    assert snapshot(root) == files


def test_a_module_read_through_is_named_apart_from_the_code(tmp_path: Path) -> None:
    """The endpoint calls something `main` and reads `main.GREETING`, which
    the tests rebind; a `Literal` of the app's name is no use of `app`."""
    root = project(
        tmp_path,
        {
            "main.py": "from typing import Literal\n\n"
            "from fastapi import FastAPI\n\n"
            "app = FastAPI()\n"
            "GREETING = 'hello'\n\n\n"
            "@app.get('/greeting')\n"
            "def greet(main: str = '', kind: Literal['app', 'web'] = 'web'):\n"
            "    return f'{GREETING} {main} {kind}'\n",
            "tests/test_main.py": "from fastapi.testclient import TestClient\n\n"
            "import main\n\n\n"
            "def test_the_greeting_can_be_changed():\n"
            "    main.GREETING = 'hi'\n"
            "    answer = TestClient(main.app).get('/greeting?main=x').json()\n"
            "    assert answer == 'hi x web'\n",
        },
    )

    result = run(root, "-m", "codegen", "adopt", "main:app")

    assert result.returncode == 0, result.stderr
    route = (root / "routes" / "greeting" / "get.py").read_text()
    assert "import main as main_module\n" in route
    assert "return f'{main_module.GREETING} {main} {kind}'" in route
