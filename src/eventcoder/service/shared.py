"""What the routes share, one per app: the `Service` (the store connection, the ontology, the
lazily made Coder and the thread it codes on, the token), the error a route raises to answer
with a status, and the FastAPI dependencies that hand the service to the routes.

`create_app` puts the Service on `app.state.service`; routes reach it only through
`Depends(get_service)`, so two apps in one process (the tests make several) never share one.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import duckdb
from fastapi import Depends, Request

from eventcoder.corpus.store import SCHEMA as STORE_SCHEMA
from eventcoder.errors import InputRecordError
from eventcoder.knowledge.ontology import Ontology


class ServiceError(Exception):
    """Answered as JSON `{"status": status, "message": message}` (see handlers.py)."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message
        super().__init__(message)


class Service:
    """What the routes share: the store connection, the ontology, the lazily made Coder."""

    def __init__(self, db_path, token, coder_factory, max_text_chars, code_timeout) -> None:
        self.db_path = Path(db_path)
        self.token = token or None
        self.writable = self.token is not None
        if not self.writable and not self.db_path.exists():
            raise FileNotFoundError(f"no event store at {self.db_path}: create one with `eventcoder run INPUT --db {self.db_path}`")
        self.con = duckdb.connect(str(self.db_path), read_only=not self.writable)
        if self.writable:
            self.con.execute(STORE_SCHEMA)
        self.write_lock = threading.Lock()
        self.ontology = Ontology.load()
        self.coder_factory = coder_factory
        self._coder = None
        self._coder_lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coder")
        self.max_text_chars = max_text_chars
        self.code_timeout = code_timeout

    def cursor(self):
        return self.con.cursor()

    @contextmanager
    def reading(self) -> Iterator:
        """A cursor of its own for one request's queries, closed when they are done."""
        cur = self.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def coder(self):
        with self._coder_lock:
            if self._coder is None:
                self._coder = self.coder_factory()
            return self._coder

    def code(self, text: str, date: str | None, doc_id: str | None):
        """Codes one document on the coder thread, within the time limit."""
        if len(text) > self.max_text_chars:
            raise ServiceError(413, f"text has {len(text)} characters; the limit is {self.max_text_chars}")
        if not text.strip():
            raise ServiceError(400, "text is empty")

        def run():
            coder = self.coder()
            analysis = coder.analyse(text, date=date, doc_id=doc_id)
            return analysis, coder.knowledge_hash

        future = self.executor.submit(run)
        try:
            return future.result(timeout=self.code_timeout)
        except FutureTimeout:
            raise ServiceError(504, f"coding took longer than {self.code_timeout:g} s; send a shorter text") from None
        except InputRecordError as error:
            raise ServiceError(400, error.message) from None


def get_service(request: Request) -> Service:
    """The dependency every route takes: the Service of the app that received the request."""
    return request.app.state.service


#: A route's parameter `service: ServiceDep` is the app's Service.
ServiceDep = Annotated[Service, Depends(get_service)]


def get_ontology(service: ServiceDep) -> Ontology:
    return service.ontology


def authorise(request: Request, service: ServiceDep) -> None:
    """The dependency of every /v1 route: with a token configured, the request must bear it."""
    if service.token is None:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ServiceError(401, "this service needs a bearer token: send 'Authorization: Bearer TOKEN'")
    if not secrets.compare_digest(given.strip().encode(), service.token.encode()):
        raise ServiceError(403, "the bearer token is not the one this service was started with")
