"""Text cells typed in TCVN3 (ABC) or VNI, converted to Unicode for every importer.

Old ward spreadsheets were made with .VnTime / VNI-Times fonts: the cells hold Latin-1 letters
that only look Vietnamese in those fonts. ``read_xlsx`` passes every workbook through
``convert_legacy_cells``: one legacy encoding is chosen per sheet by majority, only the cells
that show that encoding are converted — in a sheet that is mostly Unicode (headers typed anew,
one column pasted from an old file) a cell needs two legacy signs, so a Unicode "Hoá" is not
mistaken for VNI — and a note with an example before → after goes into the workbook's
``conversions`` so the importer's preview or report tells the user what was changed.
"""

from __future__ import annotations

from dataclasses import replace

from services.errors import Problem
from services.safety.legacy_text import (
    ENCODING_NAMES,
    TCVN3_ONLY,
    VNI_PAIR,
    detect_legacy,
    detect_many,
    to_unicode,
)
from services.xlsx.sheets import SafeWorkbook, SheetData


def convert_legacy_cells(book: SafeWorkbook) -> SafeWorkbook:
    sheets = []
    notes = []
    for sheet in book.sheets:
        converted, note = _convert_sheet(sheet)
        sheets.append(converted)
        if note is not None:
            notes.append(note)
    if not notes:
        return book
    return replace(book, sheets=tuple(sheets), conversions=tuple(notes))


def _convert_sheet(sheet: SheetData) -> tuple[SheetData, Problem | None]:
    texts = [v for row in sheet.rows for v in row if isinstance(v, str) and v.strip()]
    if not texts:
        return sheet, None
    found = [detect_legacy(t) for t in texts]
    votes = {enc: found.count(enc) for enc in ("tcvn3", "vni")}
    encoding = max(votes, key=lambda k: votes[k])
    if not votes[encoding]:
        return sheet, None
    needed = 1 if detect_many(texts) == encoding else 2
    count = 0
    example: tuple[str, str] | None = None
    rows = []
    for row in sheet.rows:
        values = []
        for value in row:
            if (
                isinstance(value, str)
                and detect_legacy(value) == encoding
                and _signs(value, encoding) >= needed
            ):
                conversion = to_unicode(value, encoding)
                if conversion.changed:
                    count += 1
                    example = example or (value, conversion.text)
                    value = conversion.text
            values.append(value)
        rows.append(tuple(values))
    if not count:
        return sheet, None
    before, after = example or ("", "")
    note = Problem(
        f"Trang “{sheet.name}”",
        f"có {count} ô gõ bằng bảng mã {ENCODING_NAMES[encoding]}; đã chuyển sang Unicode "
        f"(ví dụ: “{_short(before)}” → “{_short(after)}”). Hãy xem lại trước khi nhập.",
    )
    return replace(sheet, rows=tuple(rows)), note


def _signs(text: str, encoding: str) -> int:
    if encoding == "tcvn3":
        return sum(1 for ch in text if ch in TCVN3_ONLY)
    return len(VNI_PAIR.findall(text)) + text.count("ñ") + text.count("Ñ")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
