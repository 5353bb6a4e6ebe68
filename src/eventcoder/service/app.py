"""The HTTP service: a REST API over the event store and the web page, in one FastAPI app.

`create_app(db_path, token=None, coder_factory=Coder)` builds it; `eventcoder serve` runs it
with uvicorn. Reads use a read-only DuckDB connection (one cursor per request); with a token
the store is opened for writing as well, so `POST /v1/documents` can ingest, and every
/v1 route asks for the token. Errors are JSON `{"message": ..., "status": ...}`.

The routes are in `routers/` (one module per concern), what they share in `shared.py`
(reached through FastAPI dependencies from `app.state.service`), the error handlers in
`handlers.py` and the middleware in `middleware.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, FastAPI

from eventcoder import __version__
from eventcoder.service.handlers import install_error_handlers
from eventcoder.service.middleware import BodyLimit, security_headers
from eventcoder.service.routers import API_ROUTERS, pages
from eventcoder.service.shared import Service, authorise


def create_app(
    db_path,
    token: str | None = None,
    coder_factory: Callable | None = None,
    *,
    max_body_bytes: int = 2_000_000,
    max_text_chars: int = 200_000,
    code_timeout: float = 60.0,
) -> FastAPI:
    """The service over the store at `db_path`. With `token`, every /v1 route needs
    `Authorization: Bearer TOKEN` and `POST /v1/documents` may write into the store."""
    if coder_factory is None:
        from eventcoder.coder import Coder

        coder_factory = Coder
    service = Service(db_path, token, coder_factory, max_text_chars, code_timeout)
    app = FastAPI(
        title="eventcoder",
        version=__version__,
        description="Political event data from news text: code a text, and filter, count and export the events of a store.",
        docs_url=None,  # /docs is served from the package's own files (routers/pages.py)
        redoc_url=None,
    )
    app.state.service = service
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    install_error_handlers(app)
    for router in API_ROUTERS:
        app.include_router(router, prefix="/v1", dependencies=[Depends(authorise)])
    app.include_router(pages.router)
    pages.mount_static(app)
    app.middleware("http")(security_headers)
    return app
