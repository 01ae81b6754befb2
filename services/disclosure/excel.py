"""Write disclosure ``Table`` values to an .xlsx workbook that prints well on A4 landscape.

openpyxl is imported inside the function: it is heavy, and the window never needs it at start.
"""

from __future__ import annotations

from pathlib import Path

from services.disclosure.reports import Table
from services.errors import UserError
from services.xlsx.common import fit_row_height

HEADER_FILL = "DDE6F0"
DATE_FORMAT = "DD/MM/YYYY"
FIRST_TABLE_ROW = 4  # title, subtitle, blank, then the header


def write_workbook(path: Path, tables: list[Table], *, organisation: str = "") -> Path:
    """One sheet per table: title, bold header frozen in place, real dates, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = book.create_sheet(table.sheet[:31])
        last = len(table.columns)
        sheet.cell(1, 1, table.title).font = Font(bold=True, size=13)
        sheet.cell(2, 1, table.subtitle).font = Font(italic=True)
        if organisation:
            sheet.cell(3, 1, organisation).font = Font(italic=True, size=9)
        for row in (1, 2):
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            sheet.cell(row, 1).alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.row_dimensions[1].height = 22
        sheet.row_dimensions[2].height = 30
        header = FIRST_TABLE_ROW
        for number, column in enumerate(table.columns, start=1):
            cell = sheet.cell(header, number, column.title)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = border
            sheet.column_dimensions[cell.column_letter].width = column.width
        widths = [c.width for c in table.columns]
        fit_row_height(sheet, header, [c.title for c in table.columns], widths)
        for offset, values in enumerate(table.rows, start=1):
            fit_row_height(sheet, header + offset, values, widths)
            for number, (column, value) in enumerate(
                zip(table.columns, values, strict=True), start=1
            ):
                cell = sheet.cell(header + offset, number, value)
                cell.alignment = wrap_top
                cell.border = border
                if column.kind == "date":
                    cell.number_format = DATE_FORMAT
                elif column.kind == "percent":
                    cell.number_format = "0.0%"
        sheet.freeze_panes = sheet.cell(header + 1, 1)
        sheet.print_title_rows = f"{header}:{header}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
    try:
        book.save(path)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp “{path}”: {exc.strerror or exc}.") from exc
    return path
