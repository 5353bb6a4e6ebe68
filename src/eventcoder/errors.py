"""Errors that name the place where something went wrong."""

from __future__ import annotations


class DataFileError(ValueError):
    """A knowledge file is malformed; the message names the file and line."""

    def __init__(self, path, line: int, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


class InputRecordError(ValueError):
    """One input record cannot be coded; the message names the record."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")
