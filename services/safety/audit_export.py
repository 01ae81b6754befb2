"""The audit trail as an .xlsx sheet, for inspectors and for the ward's records."""

from __future__ import annotations

from pathlib import Path

from services.errors import UserError
from services.safety.audit_rows import AuditRow
from services.safety.backup import describe_os_error

HEADERS = ("Thời điểm", "Người thực hiện", "Thao tác", "Loại", "Bản ghi", "Thay đổi")
WIDTHS = (18, 20, 10, 18, 50, 80)


def write_audit_xlsx(path: Path, rows: list[AuditRow]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Nhật ký thay đổi"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                row.at,
                row.actor,
                row.action_label,
                row.table_label,
                row.record_label,
                "\n".join(str(c) for c in row.changes),
            ]
        )
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cells in sheet.iter_rows(min_row=2):
        cells[0].number_format = "dd/mm/yyyy hh:mm:ss"
        cells[-1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    try:
        book.save(path)
    except OSError as exc:
        raise UserError("Không lưu được tệp Excel. " + describe_os_error(exc, path)) from exc
    return path
