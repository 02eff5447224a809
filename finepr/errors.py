"""Errors a user can act on: each renders as one line ``path:line:column: message``."""
from __future__ import annotations


class FineprError(Exception):
    """A problem with input, options or rule files (exit code 2, never a traceback)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.code = code

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        code = f"{self.code} " if self.code else ""
        return f"{where}{code}{self.message}"

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column,
                "code": self.code, "message": self.message}


class InputError(FineprError):
    """An announcement that cannot be read or decoded."""


class RuleFileError(FineprError):
    """A rule pack that does not load or validate."""


class ModelError(FineprError):
    """A spaCy pipeline that was asked for but cannot be loaded."""
