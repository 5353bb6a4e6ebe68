"""What is not the API: the web page at /, its static files under /static, and Swagger UI at
/docs (from the package's own files, so the page needs no network). None is in the OpenAPI
description, and none needs the token."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from eventcoder.service.shared import ServiceError

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter()


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request):
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title="eventcoder API",
        swagger_js_url="/static/docs/swagger-ui-bundle.js",
        swagger_css_url="/static/docs/swagger-ui.css",
        swagger_favicon_url="data:,",
    )


@router.get("/", include_in_schema=False)
def index():
    page = STATIC / "index.html"
    if not page.exists():
        raise ServiceError(404, "the web page is not built: run web/build.sh")
    return FileResponse(page, headers={"Cache-Control": "no-cache"})


def mount_static(app: FastAPI) -> None:
    """/static: the page's script, styles and examples and Swagger UI's files, when built."""
    if STATIC.exists():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
