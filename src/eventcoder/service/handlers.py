"""The service's exception handlers: every error is JSON `{"status": ..., "message": ...}`,
never a stack trace (docs/service.md, "Errors")."""

from __future__ import annotations

import duckdb
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventcoder.service.filters import FilterError
from eventcoder.service.shared import ServiceError


def install_error_handlers(app: FastAPI) -> None:
    def reply(status: int, message: str, **extra) -> JSONResponse:
        return JSONResponse({"status": status, "message": message, **extra}, status_code=status)

    @app.exception_handler(ServiceError)
    async def service_error(request, error: ServiceError):
        return reply(error.status, error.message)

    @app.exception_handler(FilterError)
    async def filter_error(request, error: FilterError):
        return reply(400, str(error))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, error: RequestValidationError):
        problems = []
        for item in error.errors():
            where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
        return reply(422, "; ".join(problems) or "invalid request", errors=[{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in error.errors()])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, error: StarletteHTTPException):
        message = error.detail if isinstance(error.detail, str) else "request failed"
        if error.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        if error.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return reply(error.status_code, message)

    @app.exception_handler(duckdb.Error)
    async def store_error(request, error: duckdb.Error):
        return reply(500, f"the store could not answer: {type(error).__name__}")

    @app.exception_handler(Exception)
    async def internal_error(request, error: Exception):
        return reply(500, "internal error")
