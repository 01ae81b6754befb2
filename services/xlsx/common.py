"""Shared pieces of ParDesk's Excel files: styles, page set-up, safe saving, cell reading."""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path

from services.errors import UserError

DATE_FORMAT = "dd/mm/yyyy"
SHEET_ID_HEADER = "Mã NV"


LINE_POINTS = 15  # one line of 11-point text


def wrapped_lines(value: object, width: float) -> int:
    """Lines a wrapped cell needs: each text line over the column's width in characters."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width))
    return sum(max(1, -(-len(line) // per_line)) for line in value.split("\n"))


def fit_row_height(ws, row: int, values, widths, line_points: float = LINE_POINTS) -> None:
    """Excel and LibreOffice do not grow wrapped rows when opening a file, so a row whose
    text wraps must carry its height, or its lines print over the next row."""
    lines = max((wrapped_lines(v, w) for v, w in zip(values, widths, strict=False)), default=1)
    ws.row_dimensions[row].height = line_points * lines


def new_workbook():
    from openpyxl import Workbook

    return Workbook()


def page_setup(ws, header_row: int) -> None:
    """A4 landscape, fit to one page wide, header rows repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def save_workbook(wb, path: Path) -> Path:
    """Write beside the target, then replace it, so a failed save never leaves half a file."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp “{path.name}” phải có đuôi .xlsx.")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".pardesk-", suffix=".xlsx", dir=folder)
        os.close(fd)
        wb.save(temp)
        os.replace(temp, path)
    except PermissionError as exc:
        _cleanup(locals().get("temp"))
        raise UserError(
            f"Không ghi được tệp “{path}”: tệp đang mở trong Excel hoặc thư mục không cho ghi."
        ) from exc
    except OSError as exc:
        _cleanup(locals().get("temp"))
        raise UserError(f"Không ghi được tệp “{path}”: {exc.strerror or exc}.") from exc
    return path


def _cleanup(temp: str | None) -> None:
    if temp and os.path.exists(temp):
        os.remove(temp)


def load_workbook(path: Path):
    from openpyxl import load_workbook as _load
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if not path.exists():
        raise UserError(f"Không có tệp “{path}”.")
    try:
        return _load(path, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UserError(f"Tệp “{path.name}” không phải tệp Excel (.xlsx) đọc được: {exc}") from exc
    except Exception as exc:  # zipfile.BadZipFile and parser errors of a damaged file
        raise UserError(
            f"Tệp “{path.name}” bị hỏng, không đọc được ({type(exc).__name__})."
        ) from exc


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def as_date(value: object) -> date | None:
    """A real date cell, or dd/mm/yyyy text; raises ValueError for anything else."""
    from services.text import parse_date

    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
