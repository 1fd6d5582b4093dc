"""Synthetic projects: N route files eight folders deep, and the hand-written
single-file FastAPI app with the same routes, for the baselines."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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


def make_project(
    root: Path,
    count: int,
    route: str = ROUTE,
    folder_of: Callable[[int], str] = route_folder,
) -> Path:
    """A copy of the template whose routes/ holds `count` synthetic routes:
    `route` (given `index` and `area`) in each `folder_of(index)`."""
    root.mkdir(parents=True)
    for name in ("codegen", "generated"):
        shutil.copytree(
            REPOSITORY / name, root / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("app.py", "pyproject.toml"):
        shutil.copy(REPOSITORY / name, root / name)
    for index in range(count):
        folder = root / "routes" / folder_of(index)
        folder.mkdir(parents=True)
        (folder / "get.py").write_text(route.format(index=index, area=index % 10))
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


ROUTER_MODULE = """\
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from shop.dependencies import token

router = APIRouter(prefix="/area{area}", tags=["area{area}"], dependencies=[Depends(token)])


class Item(BaseModel):
    id: int
    name: str
"""

DECORATED_ROUTE = """

@router.get("/res{index}/{{item_id}}", summary="Resource {index}")
async def read_{index}(item_id: int) -> Item:
    return Item(id=item_id, name="{index}")
"""


def make_decorated_app(root: Path, count: int, modules: int) -> Path:
    """A decorator-style app (`shop.main:app`) of `count` routes spread over
    `modules` router modules, with the generator beside it, to adopt."""
    package = root / "shop"
    (package / "routers").mkdir(parents=True)
    shutil.copytree(
        REPOSITORY / "codegen",
        root / "codegen",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (package / "__init__.py").write_text("")
    (package / "routers" / "__init__.py").write_text("")
    (package / "dependencies.py").write_text(
        "def token(key: str = '') -> str:\n    return key\n"
    )
    names = [f"area{area}" for area in range(modules)]
    for area, name in enumerate(names):
        routes = range(area, count, modules)
        text = ROUTER_MODULE.format(area=area) + "".join(
            DECORATED_ROUTE.format(index=index) for index in routes
        )
        (package / "routers" / f"{name}.py").write_text(text)
    imports = "".join(f"from shop.routers import {name}\n" for name in names)
    includes = "".join(f"app.include_router({name}.router)\n" for name in names)
    (package / "main.py").write_text(
        f"from fastapi import FastAPI\n\n{imports}\napp = FastAPI()\n{includes}"
    )
    return root
