"""Excel out: the task table as filtered (ready to print), and one form sheet per unit.

openpyxl is imported only when a file is written, never at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.jobs import ProgressFn, step
from services.office.units import UnitService
from services.plan.plans import PlanService, TaskRow
from services.safety.safe_names import unique_path
from services.text import format_date
from services.vocab import TASK_STATUSES
from services.xlsx.common import (
    DATE_FORMAT,
    SHEET_ID_HEADER,
    fit_row_height,
    new_workbook,
    page_setup,
    save_workbook,
)

TABLE_COLUMNS = (
    ("STT", 9),
    ("Nội dung", 60),
    ("Chủ trì", 10),
    ("Phối hợp", 14),
    ("Bắt đầu", 12),
    ("Thời hạn", 12),
    ("Trạng thái", 15),
    ("Tiến độ (%)", 10),
    ("Kết quả", 35),
    ("Tiêu chí", 14),
)
FORM_COLUMNS = (
    (SHEET_ID_HEADER, 8),
    ("STT", 9),
    ("Nội dung nhiệm vụ", 60),
    ("Thời hạn", 12),
    ("Trạng thái", 16),
    ("Tiến độ (%)", 11),
    ("Kết quả thực hiện", 45),
    ("Ngày báo cáo", 13),
)
TABLE_WIDTHS = tuple(width for _name, width in TABLE_COLUMNS)
FORM_WIDTHS = tuple(width for _name, width in FORM_COLUMNS)
FORM_HEADER_ROW = 4
FIRST_INPUT_COLUMN = 5  # Trạng thái; the columns before it are locked


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    sheets: int = 1


@dataclass(frozen=True)
class UnitFile:
    unit: str  # the unit's name, with diacritics
    path: Path
    rows: int


@dataclass(frozen=True)
class FolderExport:
    folder: Path
    files: tuple[UnitFile, ...]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)


class ExcelService:
    def __init__(self, plans: PlanService, units: UnitService) -> None:
        self._plans = plans
        self._units = units

    def export_tasks(
        self,
        plan_id: int,
        path: Path,
        *,
        task_ids: list[int] | None = None,
        unit_id: int | None = None,
        note: str = "",
        progress: ProgressFn | None = None,
    ) -> ExportResult:
        """The task table as shown (``task_ids`` in their on-screen order), or a unit's tasks."""
        plan = self._plans.get_plan(plan_id)
        tasks = self._plans.tasks(plan_id)
        if task_ids is not None:
            by_id = {t.id: t for t in tasks}
            tasks = [by_id[i] for i in task_ids if i in by_id]
        if unit_id is not None:
            tasks = [t for t in tasks if t.lead_unit_id == unit_id or unit_id in t.partner_ids]
        wb = new_workbook()
        ws = wb.active
        ws.title = f"Nhiệm vụ {plan.year}"
        _register_styles(wb)
        title = f"DANH SÁCH NHIỆM VỤ THỰC HIỆN KẾ HOẠCH NĂM {plan.year}"
        _title_rows(ws, title, note or plan.summary, len(TABLE_COLUMNS))
        styles = {**_styles(), **_style_arrays(ws)}
        _header(ws, 3, TABLE_COLUMNS, styles)
        total = len(tasks)
        for number, task in enumerate(tasks, start=1):
            if number % 500 == 0:
                step(progress, number, total)
            _table_row(ws, 3 + number, task, styles)
        page_setup(ws, 3)
        ws.auto_filter.ref = f"A3:{_letter(len(TABLE_COLUMNS))}{3 + max(total, 1)}"
        step(progress, total, total)
        return ExportResult(save_workbook(wb, path), total)

    def export_unit_forms(
        self,
        plan_id: int,
        path: Path,
        *,
        unit_ids: list[int] | None = None,
        progress: ProgressFn | None = None,
    ) -> ExportResult:
        """One sheet per lead unit listing its open tasks, to fill in and send back.

        Column A holds the task id (hidden, locked); only status, percent, result and date
        can be typed, with drop-down and number checks, so the returned file reads back.
        """
        plan = self._plans.get_plan(plan_id)
        tasks = [t for t in self._plans.tasks(plan_id) if t.actionable and t.lead_unit_id]
        units = [u for u in self._units.list() if unit_ids is None or u.id in unit_ids]
        wb = new_workbook()
        wb.remove(wb.active)
        _register_styles(wb)
        styles = _styles()
        rows = sheets = 0
        for index, unit in enumerate(units, start=1):
            own = [t for t in tasks if t.lead_unit_id == unit.id]
            if not own:
                continue
            ws = wb.create_sheet(unit.code[:31])
            styles.update(_style_arrays(ws))
            _form_sheet(ws, plan.year, unit.name, own, styles)
            rows += len(own)
            sheets += 1
            step(progress, index, len(units))
        if not sheets:
            from services.errors import UserError

            raise UserError("Không có bộ phận nào được giao nhiệm vụ trong kế hoạch này.")
        return ExportResult(save_workbook(wb, path), rows, sheets)

    def export_unit_workbooks(
        self, plan_id: int, folder: Path, *, progress: ProgressFn | None = None
    ) -> FolderExport:
        """One workbook per unit, named by the unit, in ``folder``: what offices send out.

        Each holds only the tasks the unit leads (Chủ trì), on the same locked form sheet
        as ``export_unit_forms``, so every returned file reads back through the progress
        import, several at once. Phối hợp units get no copy of a task: the lead unit reports
        its progress, and the same task in two returned files would be a conflict to resolve.
        An existing file is never overwritten (" (2)" is added), so a form already filled
        in is not lost by exporting again.
        """
        from services.errors import UserError

        plan = self._plans.get_plan(plan_id)
        tasks = [t for t in self._plans.tasks(plan_id) if t.actionable and t.lead_unit_id]
        units = [u for u in self._units.list() if any(t.lead_unit_id == u.id for t in tasks)]
        if not units:
            raise UserError("Không có bộ phận nào được giao nhiệm vụ trong kế hoạch này.")
        folder = Path(folder)
        files: list[UnitFile] = []
        for index, unit in enumerate(units, start=1):
            own = [t for t in tasks if t.lead_unit_id == unit.id]
            wb = new_workbook()
            wb.remove(wb.active)
            _register_styles(wb)
            styles = _styles()
            ws = wb.create_sheet(unit.code[:31])
            styles.update(_style_arrays(ws))
            _form_sheet(ws, plan.year, unit.name, own, styles)
            path = unique_path(folder, f"Phiếu tiến độ {plan.year} - {unit.name}.xlsx")
            files.append(UnitFile(unit.name, save_workbook(wb, path), len(own)))
            step(progress, index, len(units))
        return FolderExport(folder, tuple(files))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _styles() -> dict:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "centre": Alignment(horizontal="center", vertical="top", wrap_text=True),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "fill": PatternFill("solid", fgColor="DDE5F0"),
        "input": PatternFill("solid", fgColor="FFF7D6"),
    }


def _register_styles(wb) -> None:
    """Named cell styles: one shared style per kind of cell is what keeps 10,000 rows fast
    (setting alignment and border cell by cell costs twice the time)."""
    from openpyxl.styles import NamedStyle, Protection

    s = _styles()
    for name, date_cell, input_cell in (
        ("pd_cell", False, False),
        ("pd_date", True, False),
        ("pd_input", False, True),
        ("pd_input_date", True, True),
    ):
        style = NamedStyle(name=name, alignment=s["wrap"], border=s["border"])
        if date_cell:
            style.number_format = DATE_FORMAT
        if input_cell:
            style.fill, style.protection = s["input"], Protection(locked=False)
        wb.add_named_style(style)


def _style_arrays(ws) -> dict:
    """The internal style record of each named style, copied onto cells below.

    Copying a cell's ``_style`` is how openpyxl itself copies styles (WorksheetCopy); for
    100,000 cells it is several times faster than assigning ``cell.style`` by name.
    """
    from openpyxl.cell import Cell

    arrays = {}
    for name in ("pd_cell", "pd_date", "pd_input", "pd_input_date"):
        proto = Cell(ws)  # not placed in the sheet, so never written
        proto.style = name
        arrays[name] = proto._style
    return arrays


def _put(ws, row: int, column: int, value, style) -> None:
    from copy import copy

    ws.cell(row=row, column=column, value=value)._style = copy(style)


def _title_rows(ws, title: str, subtitle: str, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=subtitle).font = Font(italic=True)
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[1].height = 22
    ws.row_dimensions[2].height = 32


def _header(ws, row: int, columns: tuple, styles: dict) -> None:
    for column, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=column, value=name)
        cell.font, cell.fill = styles["bold"], styles["fill"]
        cell.alignment, cell.border = styles["centre"], styles["border"]
        ws.column_dimensions[_letter(column)].width = width


def _table_row(ws, row: int, task: TaskRow, styles: dict) -> None:
    values = (
        task.outline,
        task.text,
        task.lead_code,
        ", ".join(task.partner_codes),
        task.start_on,
        task.next_due if task.periods_total else task.deadline,
        TASK_STATUSES.get(task.status, task.status) if task.actionable else "",
        task.percent if task.actionable else None,
        task.result_notes,
        ", ".join(task.criteria),
    )
    for column, value in enumerate(values, start=1):
        _put(ws, row, column, value, styles["pd_date" if column in (5, 6) else "pd_cell"])
    fit_row_height(ws, row, values, TABLE_WIDTHS)


def _form_sheet(ws, year: int, unit_name: str, tasks: list[TaskRow], styles: dict) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    _title_rows(
        ws,
        f"PHIẾU BÁO CÁO TIẾN ĐỘ NHIỆM VỤ NĂM {year} – {unit_name.upper()}",
        "Chỉ điền các cột nền vàng: Trạng thái (chọn trong danh sách), Tiến độ (0–100), "
        "Kết quả thực hiện, Ngày báo cáo (ngày/tháng/năm). Không sửa các cột khác.",
        len(FORM_COLUMNS),
    )
    _header(ws, FORM_HEADER_ROW, FORM_COLUMNS, styles)
    last = FORM_HEADER_ROW + len(tasks)
    for offset, task in enumerate(tasks, start=1):
        row = FORM_HEADER_ROW + offset
        values = (
            task.id,
            task.outline,
            task.text,
            task.next_due,
            TASK_STATUSES.get(task.status, task.status),
            task.percent,
            task.result_notes,
            None,
        )
        for column, value in enumerate(values, start=1):
            dated = column in (4, 8)
            if column >= FIRST_INPUT_COLUMN:
                name = "pd_input_date" if dated else "pd_input"
            else:
                name = "pd_date" if dated else "pd_cell"
            _put(ws, row, column, value, styles[name])
        fit_row_height(ws, row, values, FORM_WIDTHS)
    ws.column_dimensions["A"].hidden = True
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(TASK_STATUSES.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái",
        error="Hãy chọn một trạng thái trong danh sách.",
    )
    percent = DataValidation(
        type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
        showErrorMessage=True, errorTitle="Tiến độ", error="Tiến độ là số nguyên từ 0 đến 100.",
    )  # fmt: skip
    when = DataValidation(
        type="date", operator="greaterThan", formula1="36526", allow_blank=True,
        showErrorMessage=True, errorTitle="Ngày báo cáo", error="Nhập ngày dạng ngày/tháng/năm, ví dụ 30/09/2025.",
    )  # fmt: skip
    for validation, letter in ((statuses, "E"), (percent, "F"), (when, "H")):
        ws.add_data_validation(validation)
        validation.add(f"{letter}{FORM_HEADER_ROW + 1}:{letter}{max(last, FORM_HEADER_ROW + 1)}")
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be adjusted
    ws.protection.formatRows = False
    page_setup(ws, FORM_HEADER_ROW)


def describe_filter(parts: list[str]) -> str:
    """The subtitle line naming what the exported table was filtered to."""
    return "Lọc: " + "; ".join(parts) if parts else "Toàn bộ nhiệm vụ"


__all__ = [
    "ExcelService",
    "ExportResult",
    "FolderExport",
    "UnitFile",
    "describe_filter",
    "format_date",
]
