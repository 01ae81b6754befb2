"""Reading a typed date into a validation problem list, with the one parser's message.

Every dialog that checks dates before saving goes through here, so a day that does not exist
("31/02/2025") reads "Ngày văn bản: Không có ngày 31/02/2025." everywhere and Python's own
English ("day is out of range for month") never reaches a clerk.
"""

from __future__ import annotations

from datetime import date

from services.errors import Problem
from services.text import DateInputError, parse_date


def read_date(
    text: str, where: str, problems: list[Problem], *, today: date | None = None
) -> date | None:
    """The date typed, or None (blank, or unreadable: then a problem naming ``where``)."""
    try:
        return parse_date(text, today=today)
    except DateInputError as exc:
        problems.append(Problem(where, str(exc)))
        return None
