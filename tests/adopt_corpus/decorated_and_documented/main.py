"""Endpoints with docstrings, comments and decorators of their own."""

import functools
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

app = FastAPI(description="Documented")
CALLS: list[str] = []
logger = logging.getLogger(__name__)


def counted(function: Callable[..., Any]) -> Callable[..., Any]:
    """Record each call; `functools.wraps` keeps FastAPI's view of the signature."""

    @functools.wraps(function)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        CALLS.append(function.__name__)
        return await function(*args, **kwargs)

    return wrapper


# The one route that counts its calls.
@app.get(
    "/reports/{year}",
    summary="A yearly report",
    response_description="The report, as JSON",
    deprecated=True,
)
@counted
async def read_report(year: int, detailed: bool = False):  # noqa: FBT001
    """Read the report of a year.

    A longer description, which FastAPI puts in the OpenAPI document.
    """
    # Years before 2000 have no detail.
    logger.info("report for %s", year)
    return {"year": year, "detailed": detailed and year >= 2000}
