"""eventcoder's HTTP service: a REST API over the event store and the web page (docs/service.md)."""

from eventcoder.service.app import create_app

__all__ = ["create_app"]
