"""Read an .xlsx a user chose, defensively, for every importer.

A ward's "Excel file" may be an old .xls renamed, a Word file renamed, a zip bomb, an XML bomb,
a 100,000-row export, or a tidy sheet with merged headings, formulas and dates typed as text.
``read_xlsx`` refuses the dangerous ones with a plain Vietnamese message before openpyxl
parses anything (openpyxl itself parses through defusedxml, which is installed), and returns
plain values plus findings (formulas, merged cells) that an importer can show. Nothing here
writes anything; importers validate the values and write once.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from services.errors import Problem, UserError, ValidationError
from services.text import DateInputError, nfc, parse_date
from services.xlsx.legacy import convert_legacy_cells
from services.xlsx.sheets import SafeWorkbook, SheetData

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # a zip member unpacking to 200x its size is a bomb, not a spreadsheet
MAX_ROWS = 20_000
MAX_COLUMNS = 100
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls / .doc (old Office)
_ZIP_MAGIC = b"PK\x03\x04"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def _fail(path: Path, message: str) -> UserError:
    return UserError(message, where=f"Tệp “{path.name}”")


def check_container(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse what is not a real, reasonably sized .xlsx, before any XML is parsed."""
    path = Path(path)
    if not path.is_file():
        raise _fail(path, "không tìm thấy tệp.")
    size = path.stat().st_size
    if size > max_bytes:
        raise _fail(
            path,
            f"quá lớn ({size / 1024 / 1024:.1f} MB; tối đa {max_bytes / 1024 / 1024:.0f} MB). "
            "Hãy tách thành nhiều tệp nhỏ hơn.",
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        raise _fail(
            path,
            "là tệp Excel đời cũ (.xls) hoặc tệp Word bị đổi đuôi. Hãy mở bằng Excel và "
            "“Lưu thành” dạng Sổ làm việc Excel (.xlsx) rồi chọn lại.",
        )
    if not head.startswith(_ZIP_MAGIC):
        raise _fail(path, "không phải tệp Excel .xlsx (có thể là tệp khác bị đổi đuôi).")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise _fail(path, "không phải tệp Excel .xlsx (là một tệp nén hoặc tệp Word/khác).")
            unpacked = sum(i.file_size for i in infos)
            suspicious = any(
                i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
                for i in infos
            )
            if unpacked > MAX_UNPACKED_BYTES or suspicious:
                raise _fail(
                    path,
                    "có nội dung nén bất thường (có thể là tệp độc hại); không mở tệp này.",
                )
    except (zipfile.BadZipFile, NotImplementedError) as exc:
        # NotImplementedError: a damaged directory entry claiming a zip version Python lacks.
        raise _fail(path, "bị hỏng hoặc chưa tải về đầy đủ; không đọc được.") from exc


def _merged_ranges(archive_path: Path, worksheet_path: str) -> tuple[str, ...]:
    found: list[str] = []
    tail = b""
    with zipfile.ZipFile(archive_path) as archive, archive.open(worksheet_path) as xml:
        while chunk := xml.read(1 << 20):
            data = tail + chunk
            found.extend(m.decode() for m in _MERGE.findall(data))
            tail = data[-200:]  # a tag cut by the chunk boundary is found next time
    return tuple(dict.fromkeys(found))


def _load(handle, *, data_only: bool):
    # A file object we own: openpyxl leaves its own zip open when a damaged file fails.
    from openpyxl import load_workbook

    return load_workbook(handle, read_only=True, data_only=data_only)


def read_xlsx(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    indents: bool = False,
    legacy: bool = True,
) -> SafeWorkbook:
    """Every sheet's values, trimmed of trailing empty rows, or a ``UserError``.

    ``legacy``: text cells typed in TCVN3/VNI are converted to Unicode, with a note in
    ``conversions`` (see ``services.xlsx.legacy``). ``indents``: keep each cell's Excel indent.
    """
    path = Path(path)
    check_container(path, max_bytes=max_bytes)
    try:
        with path.open("rb") as handle:
            book = _read(path, handle, max_rows, max_columns, indents)
    except UserError:
        raise
    except Exception as exc:  # openpyxl/defusedxml raise many kinds for a damaged file
        if _caused_by_defusedxml(exc):
            raise _fail(
                path, "chứa khai báo XML nguy hiểm (có thể là tệp độc hại); không mở tệp này."
            ) from exc
        raise _fail(
            path,
            "bị hỏng hoặc không đúng cấu trúc Excel .xlsx; hãy mở bằng Excel, lưu lại rồi "
            f"chọn lại ({type(exc).__name__}).",
        ) from exc
    if legacy:
        book = convert_legacy_cells(book)
    return book


def _caused_by_defusedxml(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if type(exc).__module__.startswith("defusedxml"):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _read(path: Path, handle, max_rows: int, max_columns: int, indents: bool) -> SafeWorkbook:
    book = _load(handle, data_only=False)
    problems: list[Problem] = []
    sheets: list[SheetData] = []
    needs_values = False
    try:
        for ws in book.worksheets:
            rows: list[tuple[object, ...]] = []
            formulas: list[str] = []
            indented: list[tuple[int, int, int]] = []
            width = ws.max_column if isinstance(ws.max_column, int) else 0
            if width > max_columns:
                problems.append(
                    Problem(
                        f"Trang “{ws.title}”",
                        f"có dữ liệu ngoài {max_columns} cột đầu; phần đó bị bỏ qua.",
                    )
                )
            for index, cells in enumerate(ws.iter_rows(max_col=max_columns), start=1):
                if index > max_rows:
                    raise _fail(
                        path,
                        f"trang “{ws.title}” có hơn {max_rows:,} dòng".replace(",", ".")
                        + "; hãy tách thành nhiều tệp hoặc xóa các dòng thừa.",
                    )
                values: list[object] = []
                for cell in cells:
                    if getattr(cell, "data_type", None) == "f":
                        formulas.append(cell.coordinate)
                        values.append(None)
                    else:
                        values.append(getattr(cell, "value", None))
                        if indents and getattr(cell, "has_style", False):
                            level = int(getattr(cell.alignment, "indent", 0) or 0)
                            if level:
                                indented.append((index, cell.column, level))
                rows.append(tuple(values))
            while rows and all(v in (None, "") for v in rows[-1]):
                rows.pop()
            merged = _merged_ranges(path, ws._worksheet_path)
            if merged:
                problems.append(
                    Problem(
                        f"Trang “{ws.title}”",
                        f"có {len(merged)} vùng ô gộp ({', '.join(merged[:5])}"
                        f"{'…' if len(merged) > 5 else ''}); giá trị nằm ở ô đầu của mỗi vùng.",
                    )
                )
            if formulas:
                needs_values = True
                problems.append(
                    Problem(
                        f"Trang “{ws.title}”",
                        f"có {len(formulas)} ô chứa công thức ({', '.join(formulas[:5])}"
                        f"{'…' if len(formulas) > 5 else ''}); dùng giá trị Excel đã tính lần cuối.",
                    )
                )
            sheets.append(
                SheetData(ws.title, tuple(rows), merged, tuple(formulas), tuple(indented))
            )
    finally:
        book.close()
    if needs_values:
        handle.seek(0)
        sheets = _fill_formula_values(handle, sheets, max_columns)
    return SafeWorkbook(path, tuple(sheets), tuple(problems))


def _fill_formula_values(handle, sheets: list[SheetData], max_columns: int) -> list[SheetData]:
    from openpyxl.utils.cell import coordinate_to_tuple

    book = _load(handle, data_only=True)
    try:
        filled = []
        for sheet in sheets:
            if not sheet.formulas:
                filled.append(sheet)
                continue
            rows = [list(r) for r in sheet.rows]
            wanted = {coordinate_to_tuple(c) for c in sheet.formulas}
            last_row = max(r for r, _ in wanted)
            ws = book[sheet.name]
            for r, cells in enumerate(
                ws.iter_rows(max_row=last_row, max_col=max_columns, values_only=True), start=1
            ):
                for c, value in enumerate(cells, start=1):
                    if (r, c) in wanted and r <= len(rows) and c <= len(rows[r - 1]):
                        rows[r - 1][c - 1] = value
            filled.append(replace(sheet, rows=tuple(map(tuple, rows))))
        return filled
    finally:
        book.close()


# ----- cell values ---------------------------------------------------------------------------
def cell_text(value: object) -> str:
    """A cell as NFC text: numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return nfc(str(value))


def cell_date(value: object, where: str) -> date | None:
    """A date cell, or a date typed as text (the one parser); a ``ValidationError`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        converted = from_excel(value)
        return converted.date() if isinstance(converted, datetime) else None
    try:
        return parse_date(str(value))
    except DateInputError as exc:
        raise ValidationError([Problem(where, str(exc))]) from None
