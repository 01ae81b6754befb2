"""A workbook as read: each sheet's values, merged ranges and formulas, with the notes to show.

The reader builds these and the legacy-text conversion rewrites them, so the types live below
both (services.xlsx.reader, services.xlsx.legacy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from services.errors import Problem, ValidationError


@dataclass(frozen=True)
class SheetData:
    name: str
    rows: tuple[tuple[object, ...], ...]  # values; a formula cell holds its last computed value
    merged: tuple[str, ...] = ()  # "A1:C1"
    formulas: tuple[str, ...] = ()  # "D5"
    indents: tuple[tuple[int, int, int], ...] = ()  # (row, column, Excel indent), 1-based

    def indent(self, row: int, column: int) -> int:
        """Excel's indent of a cell (only read when ``read_xlsx(..., indents=True)``)."""
        for r, c, level in self.indents:
            if r == row and c == column:
                return level
        return 0

    def header(self, row: int) -> tuple[object, ...]:
        """The values of 1-based ``row`` ((), past the end)."""
        return self.rows[row - 1] if 0 < row <= len(self.rows) else ()


@dataclass(frozen=True)
class SafeWorkbook:
    path: Path
    sheets: tuple[SheetData, ...]
    problems: tuple[Problem, ...] = field(default=())  # warnings to show, not errors
    conversions: tuple[Problem, ...] = ()  # TCVN3/VNI text converted to Unicode, per sheet

    @property
    def notes(self) -> tuple[Problem, ...]:
        """Everything to tell the user: conversions first, then the warnings."""
        return (*self.conversions, *self.problems)

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def sheet(self, name: str) -> SheetData:
        """The sheet called ``name`` (case and accents as typed are forgiven)."""
        from services.text import search_key

        for sheet in self.sheets:
            if search_key(sheet.name) == search_key(name):
                return sheet
        raise ValidationError(
            [
                Problem(
                    f"Tệp “{self.path.name}”",
                    f"thiếu trang tính “{name}” (tệp có: {', '.join(self.sheet_names)}).",
                )
            ]
        )
