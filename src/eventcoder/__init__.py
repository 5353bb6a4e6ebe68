"""eventcoder: political event data (who did what to whom, when and where) from news text."""

__version__ = "0.1.0"
