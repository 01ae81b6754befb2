"""Vietnamese text helpers: NFC storage, accent-free search keys, Decree 30 dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not a d with a combining mark, so NFD does not strip them.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str | None) -> str:
    """Normalise to NFC and trim; ``None`` becomes "" so stored text is never NULL."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).strip()


def search_key(*parts: str | None) -> str:
    """Fold text for accent- and case-insensitive search ("Khắc phục" -> "khac phuc").

    The key is stored beside the text so that a plain ``LIKE`` finds it on SQLite and
    PostgreSQL alike, with no database-specific collation or function.
    """
    joined = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFD", joined.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def matches(key: str, query: str) -> bool:
    """True when every word of ``query`` occurs in the already folded ``key``."""
    return all(word in key for word in search_key(query).split())


def format_date(value: date | None) -> str:
    """dd/mm/yyyy, the way dates are shown everywhere in the program ("" for none)."""
    return value.strftime("%d/%m/%Y") if value else ""


DATE_HINT = "ngày/tháng/năm"


class DateInputError(ValueError):
    """A date the user typed that cannot be read; ``str()`` is the Vietnamese message to show."""


# Day, month and an optional year, separated by "/", "-", "." or spaces: "30/9/2025", "30-09-25", "30/9".
_SEPARATED_DATE = re.compile(r"(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?")
# Digits only: "30092025" or "300925".
_DIGITS_DATE = re.compile(r"(\d{2})(\d{2})(\d{4}|\d{2})")


def parse_date(text: str, *, today: date | None = None) -> date | None:
    """Read a date as clerks type it; "" gives None; raise ``DateInputError`` otherwise.

    One parser for every date box and every Excel import, so a date typed in one place is
    read the same everywhere: "30092025", "300925", "30/9/2025", "30-09-25", "30.9.2025",
    and "30/9" (the current year). Two-digit years are 20yy. A date that does not exist
    ("31/02/2025") is reported as such, not as a wrong format, so the clerk knows what to fix.
    """
    text = (text or "").strip()
    if not text:
        return None
    match = _SEPARATED_DATE.fullmatch(text) or _DIGITS_DATE.fullmatch(text)
    if not match:
        raise DateInputError(
            f"“{text}” không phải một ngày: hãy gõ {DATE_HINT}, ví dụ 30/09/2025 hoặc 30092025."
        )
    day, month = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    if year_text is None:
        year = (today or date.today()).year
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(f"Không có ngày {day:02d}/{month:02d}/{year}.") from None


def decree_day(day: int) -> str:
    """Days below 10 get a leading zero (Decree 30/2020, Phụ lục I)."""
    return f"{day:02d}"


def decree_month(month: int) -> str:
    """Only months 1 and 2 get a leading zero ("tháng 02", but "tháng 3", never "tháng 03")."""
    return f"{month:02d}" if month <= 2 else str(month)


def decree_date_line(
    place: str,
    day: int | None,
    month: int | None,
    year: int,
    *,
    blank: str = "\u00a0" * 6,
) -> str:
    """The document's place-and-date line, e.g. "Dị Sử, ngày 05 tháng 02 năm 2025".

    A missing day or month is left blank for the records office to fill in after signing,
    as Decree 30 (Điều 15) numbers and dates a paper document only once it is signed.
    """
    day_text = decree_day(day) if day else blank
    month_text = decree_month(month) if month else blank
    return f"{place}, ngày {day_text} tháng {month_text} năm {year}"
