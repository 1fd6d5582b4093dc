"""`nox -s bench`: the benchmark table, printed and written to results.md.

Every figure is a ratio to a baseline measured in the same run:
- generation vs libcst parsing the same files (the floor any libcst reader pays);
- a no-op `--check` vs a bare walk and stat of the tree, and a one-file
  change vs that no-op `--check`;
- `--watch` from a one-file save to the router written, 5,000 files vs 100;
- the dev loop from saving a new route to its first 200, vs `uvicorn --reload`
  serving a hand-written app of the same routes, and with 10,000 routes vs 100;
- `import app` vs a hand-written single-file app with the same routes;
- request dispatch, in-process and over uvicorn on loopback, vs the same
  routes registered by hand on a stock FastAPI app; and to the last of 5,000
  routes vs the last of 10;
- cold start over uvicorn, process start to the first 200, and the RSS then:
  10,000 routes vs 10, vs the same routes hand-written on stock FastAPI, and
  vs fastapi-router-lazy serving them; eager mode vs hand-written; the first
  request to a route built on it vs one built at start; and dispatch to
  routes already built, on demand vs eager;
- adopting a decorator-style app of 1,000 routes in 50 router modules vs
  importing that app (which adopting does twice);
- `openapi --check` at 1,000 routes vs importing the app and building its
  document (the floor: the document must be built), and `openapi --breaking`
  between two documents of 1,000 routes that differ in every operation vs
  reading both documents;
- the Conduit example's requests per second under load vs the same handlers
  registered by hand on a stock FastAPI app; its list pages over 10,000
  articles vs 40; its comments while registrations hash passwords vs alone.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import libcst

from benchmarks.cold_start import cold_start_rows
from benchmarks.conduit import conduit_rows
from benchmarks.conduit_scale import scale_rows
from benchmarks.edit_loop import (
    new_decorated_route,
    new_route_file,
    save_to_served,
    save_to_written,
)
from benchmarks.table import Row, table
from benchmarks.trees import (
    ROUTE,
    make_decorated_app,
    make_hand_written_app,
    make_project,
)
from codegen.config import load_config
from codegen.pipeline import build

RESULTS = Path(__file__).with_name("results.md")
GENERATION_SIZES = [(100, 5), (1000, 3), (5000, 1)]  # files, repetitions
WATCHED_SAVES = 9  # per size: a save takes well under a second at any size
ADOPTED_APP = (1000, 50, 3)  # routes, router modules, repetitions
CONTRACT = (1000, 5)  # routes, repetitions
# The same routes a release later: a new required query parameter, an
# optional one made required and a response field retyped, in every route.
CHANGED_ROUTE = """\
meta = {{"summary": "Resource {index}", "tags": ["area{area}"]}}


async def handler(res_id: int, sub_id: int, view: str) -> dict[str, str]:
    return {{"route": str({index}), "view": view}}
"""
READ_BOTH = "import json, sys\nfor path in sys.argv[1:]: json.load(open(path))\n"
SERVING_SIZES = [10, 1000, 5000]
DISPATCH = Path(__file__).with_name("dispatch.py")
WALK_AND_STAT = (
    "import os, sys\n"
    "for folder, dirs, files in os.walk(sys.argv[1]):\n"
    "    for name in dirs + files: os.stat(os.path.join(folder, name))\n"
)


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `action`, in milliseconds, after one warm-up run."""
    action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def command(arguments: list[str], cwd: Path) -> Callable[[], object]:
    def run() -> None:
        subprocess.run(arguments, cwd=cwd, check=True, capture_output=True)

    return run


def age(root: Path) -> None:
    """Date the tree back a minute: a tree at rest, as after a checkout."""
    past = time.time() - 60
    for folder, _, files in os.walk(root):
        for name in [*files, "."]:
            os.utime(Path(folder, name), (past, past))


def generation_rows(workspace: Path, size: int, repeat: int) -> tuple[list[Row], float]:
    """Rows for generating and checking; and `--watch`'s save to router
    written (ms), to compare across sizes."""
    project = make_project(workspace / f"gen-{size}", size)
    config = load_config(project)
    sources = sorted((project / "routes").rglob("*.py"))

    def parse_floor() -> None:
        for path in sources:
            libcst.parse_module(path.read_bytes())

    floor = timed(parse_floor, repeat)
    # Timed once warm: a process imports FastAPI's signatures and ruff once,
    # whatever the size of the tree.
    full = timed(lambda: build(config), repeat)
    python = sys.executable
    subprocess.run(
        [python, "-m", "codegen"], cwd=project, check=True, capture_output=True
    )
    age(project / "routes")
    subprocess.run(
        [python, "-m", "codegen"], cwd=project, check=True, capture_output=True
    )
    walk = timed(command([python, "-c", WALK_AND_STAT, "routes"], project), repeat * 3)
    noop = timed(command([python, "-m", "codegen", "--check"], project), repeat * 3)
    changed = project / "routes" / sources[size // 2].relative_to(project / "routes")

    def change_one_file() -> None:
        text = changed.read_text()
        changed.write_text(
            text.replace("Resource", "Item")
            if "Resource" in text
            else text.replace("Item", "Resource")
        )
        subprocess.run(
            [python, "-m", "codegen"], cwd=project, check=True, capture_output=True
        )

    one_change = timed(change_one_file, repeat)
    warm = save_to_written(project, WATCHED_SAVES)
    files = f"{size:,} files"
    return [
        Row(
            f"full generation, {files} (ms)",
            full,
            "libcst parse only",
            floor,
            1.2 if size == 1000 else None,
        ),
        Row(
            f"no-op `--check`, {files} (ms)",
            noop,
            "walk + stat",
            walk,
            3.0 if size == 5000 else None,
        ),
        Row(
            f"one file changed, {files} (ms)",
            one_change,
            "no-op `--check`",
            noop,
            3.0 if size == 5000 else None,
        ),
    ], warm


def dev_loop_row(workspace: Path, size: int, saves: int) -> Row:
    """`codegen dev` vs `uvicorn --reload` on a hand-written app of the same
    routes: from saving a new route to its first 200."""
    project = dev_project(workspace, size)
    stock = make_hand_written_app(
        workspace / f"dev-stock-{size}", match_order_paths(project)
    )
    reload = [sys.executable, "-m", "uvicorn", "app:app", "--reload", "--port"]
    theirs = save_to_served(stock, reload, new_decorated_route, saves)
    return Row(
        f"dev loop: new route saved to its first 200, {size:,} routes (ms)",
        dev_save_to_served(project, saves),
        "`uvicorn --reload`, hand-written app",
        theirs,
        0.25,
    )


def dev_loop_sizes_row(workspace: Path, sizes: tuple[int, int], saves: int) -> Row:
    """`codegen dev` on a large tree vs a small one, the same measure."""
    small, large = (dev_project(workspace, size) for size in sizes)
    return Row(
        f"dev loop: new route saved to its first 200, {sizes[1]:,} routes (ms)",
        dev_save_to_served(large, saves),
        f"the same, {sizes[0]:,} routes",
        dev_save_to_served(small, saves),
        1.2,
    )


def dev_project(workspace: Path, size: int) -> Path:
    project = make_project(workspace / f"dev-{size}", size)
    subprocess.run(
        [sys.executable, "-m", "codegen"], cwd=project, check=True, capture_output=True
    )
    return project


def dev_save_to_served(project: Path, saves: int) -> float:
    command = [sys.executable, "-m", "codegen", "dev", "--port"]
    return save_to_served(project, command, new_route_file, saves)


def match_order_paths(project: Path) -> list[str]:
    listing = subprocess.run(
        [sys.executable, "-m", "codegen", "--list", "--json"],
        cwd=project,
        check=True,
        capture_output=True,
        text=True,
    )
    return [row["path"] for row in json.loads(listing.stdout)]


def concrete(path: str) -> str:
    return path.replace("{res_id}", "7").replace("{sub_id}", "9")


def serving_rows(
    workspace: Path, size: int, repeat: int
) -> tuple[list[Row], dict[str, float]]:
    """Rows for `import app` and dispatch; and our time to the last route (µs),
    by transport."""
    project = make_project(workspace / f"serve-{size}", size)
    subprocess.run(
        [sys.executable, "-m", "codegen"], cwd=project, check=True, capture_output=True
    )
    paths = match_order_paths(project)
    stock = make_hand_written_app(workspace / f"stock-{size}", paths)
    rows = []
    if size == 1000:
        importing_ours, baseline = import_times(project, stock, repeat * 3)
        rows.append(
            Row(
                f"`import app`, {size:,} routes (ms)",
                importing_ours,
                "hand-written single file",
                baseline,
                1.05,
            )
        )
    first, last = concrete(paths[0]), concrete(paths[-1])
    ours: dict[str, float] = {}
    for transport, option in (("in-process", []), ("over uvicorn", ["--uvicorn"])):
        measured = {
            name: dispatch_times(folder, [first, last, *option])
            for name, folder in (("ours", project), ("stock", stock))
        }
        rows.extend(
            Row(
                f"dispatch {transport} to the {which} route, {size:,} routes (µs)",
                measured["ours"][which],
                "stock FastAPI, same routes",
                measured["stock"][which],
            )
            for which in ("first", "last")
        )
        ours[transport] = measured["ours"]["last"]
    return rows, ours


def import_times(ours: Path, stock: Path, repeat: int) -> tuple[float, float]:
    """Median milliseconds of `import app` in each folder, in alternating
    runs (the machine's drift hits both alike), with bytecode cached as
    Python does by default: each module compiled once, then loaded."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name != "PYTHONDONTWRITEBYTECODE"
    }
    samples: dict[Path, list[float]] = {ours: [], stock: []}
    for round_ in range(repeat + 1):
        for folder in (ours, stock) if round_ % 2 else (stock, ours):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", "import app"],
                cwd=folder,
                env=environment,
                check=True,
                capture_output=True,
            )
            if round_:  # the first run writes the bytecode
                samples[folder].append((time.perf_counter() - start) * 1000)
    return statistics.median(samples[ours]), statistics.median(samples[stock])


def dispatch_times(folder: Path, arguments: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(DISPATCH), *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


def adoption_row(workspace: Path) -> Row:
    """`python -m codegen adopt` on a fresh copy each time, vs `import` of the app."""
    count, modules, repeat = ADOPTED_APP
    original = make_decorated_app(workspace / "decorated", count, modules)
    copies = iter(range(repeat + 1))

    def adopt() -> None:
        copy = workspace / f"adopted-{next(copies)}"
        shutil.copytree(original, copy)
        start = time.perf_counter()
        command([sys.executable, "-m", "codegen", "adopt", "shop.main:app"], copy)()
        durations.append((time.perf_counter() - start) * 1000)

    durations: list[float] = []
    for _ in range(repeat):
        adopt()
    imported = timed(
        command([sys.executable, "-c", "import shop.main"], original), repeat
    )
    return Row(
        f"adopt an app of {count:,} routes in {modules} modules (ms)",
        statistics.median(durations),
        "import the app",
        imported,
        5.0,
    )


def contract_rows(workspace: Path) -> list[Row]:
    """The committed OpenAPI document: checked, and compared with another."""
    count, repeat = CONTRACT
    project, released = (
        make_project(workspace / name, count, route)
        for name, route in (("contract", ROUTE), ("contract-next", CHANGED_ROUTE))
    )
    for root in (project, released):
        command([sys.executable, "-m", "codegen"], root)()
        command([sys.executable, "-m", "codegen", "openapi"], root)()
    openapi = [sys.executable, "-m", "codegen", "openapi"]
    check = timed(command([*openapi, "--check"], project), repeat)
    floor = timed(
        command([sys.executable, "-c", "import app; app.app.openapi()"], project),
        repeat,
    )
    documents = [
        str(root / "generated" / "openapi.json") for root in (project, released)
    ]
    breaking = [*openapi, "--breaking", documents[1]]
    compared = timed(
        lambda: subprocess.run(breaking, cwd=project, capture_output=True), repeat
    )
    read = timed(
        command([sys.executable, "-c", READ_BOTH, *documents], project), repeat
    )
    return [
        Row(
            f"`openapi --check`, {count:,} routes (ms)",
            check,
            "import the app and build its document",
            floor,
            1.2,
        ),
        Row(
            f"`openapi --breaking`, two documents of {count:,} routes (ms; under 1,000)",
            compared,
            "read both documents",
            read,
        ),
    ]


def main() -> None:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        warm: dict[int, float] = {}  # files -> ms
        for size, repeat in GENERATION_SIZES:
            generation, warm[size] = generation_rows(workspace, size, repeat)
            rows += generation
            print(table(rows), "\n", flush=True)
        largest, smallest = max(warm), min(warm)
        rows.append(
            Row(
                f"`--watch`: one file saved to router written, {largest:,} files (ms)",
                warm[largest],
                f"the same, {smallest:,} files",
                warm[smallest],
                1.5,
            )
        )
        rows.append(dev_loop_row(workspace, 1000, 5))
        rows.append(dev_loop_sizes_row(workspace, (100, 10_000), 5))
        ours: dict[int, dict[str, float]] = {}  # size -> transport -> µs
        for size in SERVING_SIZES:
            serving, ours[size] = serving_rows(workspace, size, 5)
            rows += serving
        rows += cold_start_rows(workspace)
        rows.append(adoption_row(workspace))
        rows += contract_rows(workspace)
        rows += conduit_rows(workspace)
        rows += scale_rows(workspace)
    largest, smallest = max(SERVING_SIZES), min(SERVING_SIZES)
    rows += [
        Row(
            f"dispatch {transport} to the last of {largest:,} routes (µs)",
            ours[largest][transport],
            f"ours, last of {smallest}",
            ours[smallest][transport],
            1.2,
        )
        for transport in ("in-process", "over uvicorn")
    ]
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}"
    )
    report = f"Machine: {machine}\n\n{table(rows)}\n"
    RESULTS.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
