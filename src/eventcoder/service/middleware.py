"""The service's middleware: a body size limit checked before any parsing, and the security
headers of every response."""

from __future__ import annotations

import json

from fastapi import Request

# The page's scripts and styles come from the package only, so article text shown on it can run nothing
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'"
)


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes gets a JSON 413 before any parsing."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(send, int(declared))
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                return await self._too_large(send, len(body))
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)

    async def _too_large(self, send, size: int):
        payload = json.dumps(
            {"status": 413, "message": f"request body is {size} bytes or more; the limit is {self.limit} bytes"}
        ).encode()
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": payload})


async def security_headers(request: Request, call_next):
    """HTTP middleware (`app.middleware("http")`): no MIME sniffing anywhere; the content
    security policy everywhere but Swagger UI's pages, whose inline script it would block."""
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if not request.url.path.startswith("/docs") and not request.url.path.startswith("/redoc"):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response
