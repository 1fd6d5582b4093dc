"""Errors in the spec's one format: `{"errors": {"body": ["..."]}}`.

FastAPI's own 404s, 405s and validation errors are reshaped too, so a client
handles every error the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


def error_response(
    status_code: int, messages: list[str], headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"errors": {"body": messages}}, status_code=status_code, headers=headers
    )


def not_found(what: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"{what} not found")


def forbidden(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_403_FORBIDDEN, reason)


def invalid(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, reason)


async def http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return error_response(error.status_code, [str(error.detail)], error.headers)


async def validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    messages = [
        ".".join(str(part) for part in problem["loc"]) + ": " + problem["msg"]
        for problem in error.errors()
    ]
    return error_response(status.HTTP_422_UNPROCESSABLE_CONTENT, messages)


def use_error_format(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
