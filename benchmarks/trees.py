"""Synthetic projects: N route files eight folders deep, and the hand-written
single-file FastAPI app with the same routes, for the baselines."""

from __future__ import annotations

import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

ROUTE = """\
meta = {{"summary": "Resource {index}", "tags": ["area{area}"]}}


async def handler(res_id: int, sub_id: int) -> dict[str, int]:
    return {{"route": {index}, "res_id": res_id, "sub_id": sub_id}}
"""


def route_folder(index: int) -> str:
    return (
        f"api/v{index % 3}/area{index % 10}/group{index % 50}/res{index}"
        "/$res_id/sub/$sub_id"
    )


def make_project(root: Path, count: int) -> Path:
    """A copy of the template whose routes/ holds `count` synthetic routes."""
    root.mkdir(parents=True)
    for name in ("codegen", "generated"):
        shutil.copytree(
            REPOSITORY / name, root / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("app.py", "pyproject.toml"):
        shutil.copy(REPOSITORY / name, root / name)
    for index in range(count):
        folder = root / "routes" / route_folder(index)
        folder.mkdir(parents=True)
        (folder / "get.py").write_text(ROUTE.format(index=index, area=index % 10))
    return root


def make_hand_written_app(root: Path, paths: list[str]) -> Path:
    """One module, one decorated function per route, in the given order."""
    root.mkdir(parents=True)
    functions = [
        f'@app.get("{path}", summary="Resource {index}")\n'
        f"async def route_{index}(res_id: int, sub_id: int) -> dict[str, int]:\n"
        f'    return {{"route": {index}, "res_id": res_id, "sub_id": sub_id}}\n'
        for index, path in enumerate(paths)
    ]
    header = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    (root / "app.py").write_text(header + "\n\n".join(functions))
    return root
