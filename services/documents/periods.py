"""Reporting periods: a month, a quarter, 6, 9 or 12 months of a plan's year.

Codes are what the command line and the database use: M1..M12, Q1..Q4, H1 (6 tháng), 9M,
Y (12 tháng). Vietnamese spellings typed by clerks ("6T", "9T", "12T", "Quý 3", "Tháng 3")
are accepted too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from services.errors import UserError
from services.text import search_key

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    code: str
    year: int
    start: date
    end: date
    label: str  # "quý III năm 2025", "6 tháng đầu năm 2025"

    @property
    def short(self) -> str:
        """The label without its year: "quý III", "6 tháng đầu năm"."""
        return self.label.removesuffix(f" {self.year}").removesuffix(" năm")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def normalise_code(text: str) -> str:
    """ "q3", "Quý 3", "6T", "6 tháng", "12t" -> "Q3", "Q3", "H1", "H1", "Y"; else raise."""
    key = search_key(text).replace(" ", "")
    aliases = {
        "h1": "H1",
        "6t": "H1",
        "6thang": "H1",
        "6m": "H1",
        "9m": "9M",
        "9t": "9M",
        "9thang": "9M",
        "y": "Y",
        "12t": "Y",
        "12thang": "Y",
        "12m": "Y",
        "nam": "Y",
    }
    if key in aliases:
        return aliases[key]
    match = re.fullmatch(r"(q|quy|m|t|thang)(\d{1,2})", key)
    if match:
        kind, n = match.group(1), int(match.group(2))
        if kind in ("q", "quy") and 1 <= n <= 4:
            return f"Q{n}"
        if kind in ("m", "t", "thang") and 1 <= n <= 12:
            return f"M{n}"
    raise UserError(
        f"Kỳ báo cáo “{text}” không hợp lệ. Dùng: M1..M12 (tháng), Q1..Q4 (quý), "
        "H1 (6 tháng), 9M (9 tháng), Y (12 tháng)."
    )


def period(code: str, year: int) -> Period:
    code = normalise_code(code)
    if code.startswith("M"):
        m = int(code[1:])
        return Period(code, year, date(year, m, 1), _month_end(year, m), f"tháng {m} năm {year}")
    if code.startswith("Q"):
        q = int(code[1:])
        start = date(year, 3 * q - 2, 1)
        return Period(code, year, start, _month_end(year, 3 * q), f"quý {ROMAN[q]} năm {year}")
    if code == "H1":
        return Period(code, year, date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}")
    if code == "9M":
        return Period(code, year, date(year, 1, 1), date(year, 9, 30), f"9 tháng năm {year}")
    return Period("Y", year, date(year, 1, 1), date(year, 12, 31), f"năm {year}")


PERIOD_CHOICES = (
    [(f"M{m}", f"Tháng {m}") for m in range(1, 13)]
    + [(f"Q{q}", f"Quý {ROMAN[q]}") for q in range(1, 5)]
    + [("H1", "6 tháng đầu năm"), ("9M", "9 tháng"), ("Y", "Cả năm (12 tháng)")]
)
