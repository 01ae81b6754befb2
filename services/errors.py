"""Errors a user can act on, with a Vietnamese message and where the problem is.

Anything that is not a ``UserError`` is a bug: the UI shows it as such, not as advice.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem caused by input or environment; ``message`` is shown to the user as is."""

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Problem:
    """One validation finding; ``where`` names the field, or the sheet, row and column."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ValidationError(UserError):
    """Several problems found before anything was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        text = "\n".join(str(p) for p in self.problems)
        super().__init__(text)


class DatabaseOpenError(UserError):
    """The database file cannot be opened or used; nothing was written to it."""


class NewerSchemaError(DatabaseOpenError):
    """The file was written by a newer ParDesk; it is left untouched."""


class NotFoundError(UserError):
    """The record was deleted meanwhile (another window, or undo)."""


class ConflictError(UserError):
    """Someone else saved the same record since it was read."""
