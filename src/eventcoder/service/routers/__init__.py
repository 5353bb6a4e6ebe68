"""The service's routes, one router per concern.

`API_ROUTERS` are served under /v1 behind the token check, in this order, which is the order
of the paths in the OpenAPI description; `pages.router` serves the web page and /docs.
"""

from eventcoder.service.routers import coding, events, ingest, pages, stats, status

API_ROUTERS = (status.router, coding.router, events.router, stats.router, ingest.router)

__all__ = ["API_ROUTERS", "pages"]
