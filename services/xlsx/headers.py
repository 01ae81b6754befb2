"""Which sheet of a user's workbook to read, and which column holds which field.

Wards send back their own workbooks: the sheet renamed ("Sheet1", "VB 2025"), headers typed
in capitals without accents ("NGAY  BAO CAO"), a title line above the header. Every importer
finds its sheet and columns here, so they all forgive the same things: case, accents, extra
spaces and a trailing ":" or "*" in a header; a sheet found by its header when the expected
name is absent (or the only sheet of the file); and they all say which sheet was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from services.errors import Problem
from services.text import search_key
from services.xlsx.sheets import SafeWorkbook, SheetData

HEADER_SCAN_ROWS = 20


def header_key(value: object) -> str:
    """A header cell folded for comparison: "  NGÀY  báo cáo: " -> "ngay bao cao"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return search_key(str(value)).strip(" :*").strip()


@dataclass(frozen=True)
class HeaderSpec:
    """The fields an importer reads, each with the header spellings it accepts.

    ``prefix``: a header that starts with one of the names matches too ("Điểm tối đa (điểm)").
    ``at_least``: how many fields a row needs to be the header when ``required`` is empty.
    """

    names: Mapping[str, tuple[str, ...]]
    required: frozenset[str] = frozenset()
    prefix: bool = False
    at_least: int = 1

    @classmethod
    def of(
        cls,
        names: Mapping[str, Iterable[str]],
        required: Iterable[str] = (),
        *,
        prefix: bool = False,
        at_least: int = 1,
    ) -> HeaderSpec:
        folded = {f: tuple(header_key(n) for n in spellings) for f, spellings in names.items()}
        return cls(folded, frozenset(required), prefix, at_least)

    def field_of(self, value: object) -> str | None:
        text = header_key(value)
        if not text:
            return None
        for name, spellings in self.names.items():
            if text in spellings:
                return name
        if self.prefix:
            for name, spellings in self.names.items():
                if any(text.startswith(s) for s in spellings if s):
                    return name
        return None

    def columns(self, row: tuple[object, ...]) -> dict[str, int]:
        """Field -> 0-based column of one row; the first column of a field wins."""
        found: dict[str, int] = {}
        for index, value in enumerate(row):
            name = self.field_of(value)
            if name is not None and name not in found:
                found[name] = index
        return found

    def is_header(self, columns: Mapping[str, int]) -> bool:
        if self.required:
            return self.required <= columns.keys()
        return len(columns) >= self.at_least


@dataclass(frozen=True)
class SheetMatch:
    """The sheet an importer reads, its 1-based header row and each field's 0-based column."""

    sheet: SheetData
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    expected: str = ""  # the sheet name the importer looked for ("" for none)
    by_name: bool = True

    @property
    def complete(self) -> bool:
        return self.header_row > 0

    def read_note(self, file_name: str) -> Problem:
        """What the summary says about where the data came from."""
        where = f"Tệp “{file_name}”"
        if self.expected and not self.by_name:
            return Problem(
                where,
                f"không có trang “{self.expected}”; đã đọc trang “{self.sheet.name}” "
                "(có dòng tiêu đề đúng các cột cần).",
            )
        return Problem(where, f"đã đọc trang “{self.sheet.name}”.")


def find_header(
    sheet: SheetData, spec: HeaderSpec, *, scan: int = HEADER_SCAN_ROWS
) -> tuple[int, dict[str, int]] | None:
    """The first of the top ``scan`` rows that holds the spec's header, or None."""
    for number, row in enumerate(sheet.rows[:scan], start=1):
        columns = spec.columns(row)
        if spec.is_header(columns):
            return number, columns
    return None


def find_sheet(
    book: SafeWorkbook,
    spec: HeaderSpec,
    *,
    name: str = "",
    scan: int = HEADER_SCAN_ROWS,
    only_sheet_fallback: bool = False,
) -> SheetMatch | None:
    """The sheet to read: the one called ``name`` if the file has it, else the first sheet
    whose header matches ``spec``.

    With ``only_sheet_fallback``, a file of one sheet whose header does not match (or a
    sheet called ``name`` without it) is still returned, with ``header_row`` 0 and the
    columns of its best row, so the importer can name the missing columns.
    """
    wanted = search_key(name) if name else ""
    named = next((s for s in book.sheets if wanted and search_key(s.name) == wanted), None)
    if named is not None:
        found = find_header(named, spec, scan=scan)
        if found is not None:
            return SheetMatch(named, found[0], found[1], name, True)
    for sheet in book.sheets:
        if sheet is named:
            continue
        found = find_header(sheet, spec, scan=scan)
        if found is not None:
            return SheetMatch(sheet, found[0], found[1], name, named is None and not wanted)
    lone = named or (book.sheets[0] if len(book.sheets) == 1 else None)
    if only_sheet_fallback and lone is not None:
        best = max((spec.columns(row) for row in lone.rows[:scan]), key=len, default={})
        return SheetMatch(lone, 0, best, name, lone is named)
    return None


def matching_sheets(
    book: SafeWorkbook, spec: HeaderSpec, *, scan: int = HEADER_SCAN_ROWS
) -> list[SheetMatch]:
    """Every sheet whose header matches (importers that read one sheet per unit)."""
    out = []
    for sheet in book.sheets:
        found = find_header(sheet, spec, scan=scan)
        if found is not None:
            out.append(SheetMatch(sheet, found[0], found[1]))
    return out
