"""The lists and the review form as .xlsx, laid out to print on A4 landscape.

openpyxl is imported inside the functions: the main window never pays for it at start-up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from services.errors import UserError
from services.legal.lists import Cell, LegalList
from services.legal.review_form import ReviewForm
from services.xlsx.common import fit_row_height

DATE_FORMAT = "DD/MM/YYYY"


LINE_POINTS_12 = 16  # one line of 12-point Times New Roman


def _styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    return {
        "title": Font(name="Times New Roman", size=14, bold=True),
        "subtitle": Font(name="Times New Roman", size=12, italic=True),
        "header": Font(name="Times New Roman", size=12, bold=True),
        "body": Font(name="Times New Roman", size=12),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(wrap_text=True, horizontal="center", vertical="center"),
    }


def _page_setup(sheet, header_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _title_rows(sheet, st, lines: list[tuple[str, str]], width: int) -> int:
    """Merged, centred lines above the table; returns the next free row."""
    row = 1
    for text, style in lines:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = st[style]
        cell.alignment = st["center"]
        row += 1
    return row + 1


def _put(sheet, st, row: int, column: int, value: Cell, kind: str) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = st["body"]
    cell.border = st["border"]
    cell.alignment = st["center"] if kind in ("int", "date") else st["wrap"]
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT


def _fill_list(sheet, st, legal_list: LegalList, body: str) -> None:
    """Title rows, bold header, group headings and rows of one list, on one sheet."""
    width = len(legal_list.columns)
    lines = [(body.upper(), "header")] if body else []
    lines += [(legal_list.title.upper(), "title"), (legal_list.subtitle, "subtitle")]
    header_row = _title_rows(sheet, st, lines, width)
    for column, spec in enumerate(legal_list.columns, start=1):
        cell = sheet.cell(row=header_row, column=column, value=spec.title)
        cell.font = st["header"]
        cell.border = st["border"]
        cell.alignment = st["center"]
        sheet.column_dimensions[cell.column_letter].width = spec.width
    widths = [spec.width for spec in legal_list.columns]
    row = header_row + 1
    for group in legal_list.groups:
        if group.title:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            cell = sheet.cell(row=row, column=1, value=group.title)
            cell.font = st["header"]
            cell.border = st["border"]
            row += 1
        for values in group.rows:
            for column, (value, spec) in enumerate(
                zip(values, legal_list.columns, strict=True), start=1
            ):
                _put(sheet, st, row, column, value, spec.kind)
            fit_row_height(sheet, row, values, widths, LINE_POINTS_12)
            row += 1
    if not legal_list.rows:
        sheet.cell(row=row, column=1, value="(Không có văn bản nào)").font = st["subtitle"]
    _page_setup(sheet, header_row)


def list_workbook(legal_list: LegalList, *, body: str = ""):
    """A workbook holding one list: title rows, bold header, groups, real dates."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Danh mục"
    _fill_list(book.active, _styles(), legal_list, body)
    return book


def lists_workbook(sheets: list[tuple[str, LegalList]], *, body: str = ""):
    """Several lists, one sheet each (a cycle's summary and its four lists)."""
    from openpyxl import Workbook

    st = _styles()
    book = Workbook()
    for number, (name, legal_list) in enumerate(sheets):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = name[:31]  # Excel's limit on sheet names
        _fill_list(sheet, st, legal_list, body)
    return book


def review_form_workbook(form: ReviewForm):
    """The Phiếu rà soát: header fields, then one row per article reviewed, then signatures."""
    from openpyxl import Workbook

    st = _styles()
    book = Workbook()
    sheet = book.active
    sheet.title = "Phiếu rà soát"
    width = len(form.columns)
    header_row = _title_rows(
        sheet, st, [(form.body.upper(), "header"), (form.title, "title")], width
    )
    row = header_row - 1
    for label, value in form.fields:
        # Labels span the narrow STT column and the next one; values the rest of the width.
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=width)
        heading = sheet.cell(row=row, column=1, value=label)
        heading.font = st["header"]
        heading.alignment = st["wrap"]
        cell = sheet.cell(row=row, column=3, value=value)
        cell.font = st["body"]
        cell.alignment = st["wrap"]
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
            cell.alignment = st["wrap"]
        row += 1
    table_row = row + 1
    for column, spec in enumerate(form.columns, start=1):
        cell = sheet.cell(row=table_row, column=column, value=spec.title)
        cell.font = st["header"]
        cell.border = st["border"]
        cell.alignment = st["center"]
        sheet.column_dimensions[cell.column_letter].width = spec.width
    row = table_row + 1
    for values in form.rows:
        for column, (item, spec) in enumerate(zip(values, form.columns, strict=True), start=1):
            _put(sheet, st, row, column, item, spec.kind)
        fit_row_height(sheet, row, values, [spec.width for spec in form.columns], LINE_POINTS_12)
        row += 1
    row += 1
    for column, text in ((2, "NGƯỜI RÀ SOÁT"), (width - 1, "Ý KIẾN CỦA THỦ TRƯỞNG")):
        sheet.cell(row=row, column=column, value=text).font = st["header"]
    sheet.cell(row=row + 4, column=2, value=form.reviewer).font = st["body"]
    _page_setup(sheet, table_row)
    return book


def save(book, path: str | Path) -> Path:
    target = Path(path)
    try:
        book.save(target)
    except PermissionError as exc:
        raise UserError(
            f"Không ghi được tệp “{target}”: tệp đang mở trong Excel hoặc thư mục chỉ đọc."
        ) from exc
    except OSError as exc:
        raise UserError(f"Không ghi được tệp “{target}”: {exc.strerror or exc}.") from exc
    return target


def write_list(legal_list: LegalList, path: str | Path, *, body: str = "") -> Path:
    return save(list_workbook(legal_list, body=body), path)


def write_review_form(form: ReviewForm, path: str | Path) -> Path:
    return save(review_form_workbook(form), path)


def write_lists(sheets: list[tuple[str, LegalList]], path: str | Path, *, body: str = "") -> Path:
    return save(lists_workbook(sheets, body=body), path)
