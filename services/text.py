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


def parse_date(text: str) -> date | None:
    """Parse dd/mm/yyyy (also d/m/yyyy, with - or .); "" gives None; raise ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if not match:
        raise ValueError(f"Ngày “{text}” không đúng dạng dd/mm/yyyy")
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


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
