"""Excel in: unit forms sent back with progress. The whole file is checked first; every
problem names its sheet, row and column in Vietnamese; nothing is written unless the
preview is accepted, and then everything is written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Plan, PlanTask
from services.errors import ConflictError, Problem, ValidationError
from services.jobs import ProgressFn, step
from services.plan.plans import PlanService
from services.plan.progress import ProgressDraft, add_progress, entry_name
from services.text import DateInputError, format_date, nfc, search_key
from services.vocab import TASK_STATUSES
from services.xlsx.common import SHEET_ID_HEADER, as_date, as_text, column_letter

# Header text (folded) -> field; the form's own headers, with a few spellings clerks use.
HEADERS = {
    "ma nv": "id",
    "trang thai": "status",
    "tien do (%)": "percent",
    "tien do": "percent",
    "ket qua thuc hien": "result",
    "ket qua": "result",
    "ngay bao cao": "on_date",
}
_STATUS_BY_KEY = {search_key(label): key for key, label in TASK_STATUSES.items()}
_STATUS_BY_KEY.update({key: key for key in TASK_STATUSES})


@dataclass(frozen=True)
class FieldChange:
    field: str  # Vietnamese label
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    """One task that the file changes, with what it was and what it becomes."""

    where: str
    task_id: int
    version: int
    outline: str
    text: str
    changes: tuple[FieldChange, ...]
    draft: ProgressDraft


@dataclass(frozen=True)
class ImportCheck:
    path: Path
    rows_read: int
    changes: tuple[RowChange, ...]
    problems: tuple[Problem, ...]
    unchanged: int = 0
    notes: tuple[Problem, ...] = ()  # TCVN3/VNI text the reader converted to Unicode

    @property
    def ok(self) -> bool:
        return not self.problems


class ProgressImportService:
    def __init__(self, session_factory: sessionmaker[Session], plans: PlanService) -> None:
        self._sessions = session_factory
        self._plans = plans

    def check(
        self, path: Path, *, today: date | None = None, progress: ProgressFn | None = None
    ) -> ImportCheck:
        """Read and validate the whole file; writes nothing.

        The file is read by ``services.xlsx.reader`` (hostile files are refused in plain words;
        TCVN3/VNI text is converted and noted in ``notes``).
        """
        from services.xlsx.reader import read_xlsx

        path = Path(path)
        today = today or date.today()
        wb = read_xlsx(path)
        problems: list[Problem] = []
        changes: list[RowChange] = []
        seen: dict[int, str] = {}
        rows_read = unchanged = 0
        # Named as the change log names the user, with the file the rows came from.
        source = f"{entry_name(self._sessions)} (nhập từ tệp {path.name})"
        with self._sessions() as session:
            sheets = wb.sheets
            for number, ws in enumerate(sheets, start=1):
                step(progress, number - 1, len(sheets))
                columns, header_row = _find_header(ws)
                if "id" not in columns:
                    problems.append(
                        Problem(
                            f"Trang “{ws.name}”",
                            f"không phải phiếu báo cáo của ParDesk (không có cột “{SHEET_ID_HEADER}”).",
                        )
                    )
                    continue
                for row in ws.rows[header_row:]:
                    header_row += 1
                    if all(v in (None, "") for v in row):
                        continue
                    rows_read += 1
                    found = _check_row(
                        session, ws.name, header_row, row, columns, seen, today, source
                    )
                    if isinstance(found, list):
                        problems.extend(found)
                    elif found is None:
                        unchanged += 1
                    else:
                        changes.append(found)
            step(progress, len(sheets), len(sheets))
        if not rows_read and not problems:
            problems.append(Problem(path.name, "không có dòng nhiệm vụ nào để nhập."))
        return ImportCheck(
            path, rows_read, self._numbered(changes), tuple(problems), unchanged, wb.conversions
        )

    def _numbered(self, changes: list[RowChange]) -> tuple[RowChange, ...]:
        """Give each change its plan numbering ("II.1 (4)") for the preview."""
        if not changes:
            return ()
        with self._sessions() as session:
            plan_ids = set(
                session.scalars(
                    select(PlanTask.plan_id).where(PlanTask.id.in_([c.task_id for c in changes]))
                )
            )
        outline = {t.id: t.outline for p in plan_ids for t in self._plans.tasks(p)}
        return tuple(replace(c, outline=outline.get(c.task_id, "")) for c in changes)

    def apply(self, check: ImportCheck) -> int:
        """Write every change of an accepted, problem-free check in one transaction."""
        if check.problems:
            raise ValidationError(list(check.problems))
        with self._sessions.begin() as session:
            for change in check.changes:
                task = session.get(PlanTask, change.task_id)
                if task is None or task.version != change.version:
                    raise ConflictError(
                        f"Nhiệm vụ {change.outline} vừa được sửa hoặc xóa sau khi kiểm tra tệp; "
                        "hãy kiểm tra lại tệp rồi nhập. Chưa ghi gì."
                    )
                year = session.execute(
                    select(Plan.year).where(Plan.id == task.plan_id)
                ).scalar_one()
                add_progress(session, task, change.draft, year)
        return len(check.changes)


def _find_header(ws) -> tuple[dict[str, int], int]:
    """The header row (among the first ten) and the column of each known field."""
    for number, row in enumerate(ws.rows[:10], start=1):
        columns = {}
        for index, value in enumerate(row):
            field = HEADERS.get(search_key(as_text(value)))
            if field and field not in columns:
                columns[field] = index
        if "id" in columns:
            return columns, number
    return {}, 0


def _check_row(session, sheet, row_number, row, columns, seen, today, source):  # noqa: PLR0913
    """A RowChange, None when the row changes nothing, or the list of its problems."""
    problems: list[Problem] = []

    def where(field: str, label: str) -> str:
        return (
            f"Trang “{sheet}”, dòng {row_number}, cột {column_letter(columns[field] + 1)} ({label})"
        )

    def value(field: str):
        index = columns.get(field)
        return row[index] if index is not None and index < len(row) else None

    raw_id = as_text(value("id"))
    task = None
    if not raw_id.isdigit():
        problems.append(
            Problem(
                where("id", SHEET_ID_HEADER),
                "thiếu mã nhiệm vụ hoặc mã bị sửa; hãy dùng phiếu do ParDesk xuất.",
            )
        )
    else:
        task = session.get(PlanTask, int(raw_id))
        if task is None:
            problems.append(
                Problem(
                    where("id", SHEET_ID_HEADER), f"không có nhiệm vụ mã {raw_id} trong dữ liệu."
                )
            )
        elif task.id in seen:
            problems.append(
                Problem(where("id", SHEET_ID_HEADER), f"nhiệm vụ này đã có ở {seen[task.id]}.")
            )
        else:
            seen[task.id] = f"trang “{sheet}” dòng {row_number}"
    status = task.status if task else "not_started"
    if "status" in columns and as_text(value("status")):
        text = as_text(value("status"))
        status = _STATUS_BY_KEY.get(search_key(text))
        if status is None:
            choices = ", ".join(TASK_STATUSES.values())
            problems.append(
                Problem(
                    where("status", "Trạng thái"),
                    f"“{text}” không phải trạng thái hợp lệ ({choices}).",
                )
            )
    percent = task.percent if task else 0
    if "percent" in columns and as_text(value("percent")):
        text = as_text(value("percent")).rstrip("%").strip()
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = None
        if number is None or not number.is_integer() or not 0 <= number <= 100:
            problems.append(
                Problem(
                    where("percent", "Tiến độ"),
                    f"“{as_text(value('percent'))}” phải là số nguyên từ 0 đến 100.",
                )
            )
        else:
            percent = int(number)
    on_date = today
    if "on_date" in columns:
        try:
            on_date = as_date(value("on_date")) or today
        except DateInputError as exc:
            # The one parser's message ("Không có ngày 31/02/2025."), never Python's English.
            problems.append(Problem(where("on_date", "Ngày báo cáo"), str(exc)))
    result = nfc(as_text(value("result"))) if "result" in columns else ""
    if problems or task is None or status is None:
        return problems
    if status == "done":
        percent = 100 if percent == task.percent else percent
    changes = []
    if status != task.status:
        changes.append(FieldChange("Trạng thái", TASK_STATUSES[task.status], TASK_STATUSES[status]))
    if percent != task.percent:
        changes.append(FieldChange("Tiến độ", f"{task.percent}%", f"{percent}%"))
    if result and result != task.result_notes:
        changes.append(FieldChange("Kết quả", task.result_notes or "(trống)", result))
    if not changes:
        return None
    draft = ProgressDraft(
        on_date=on_date,
        percent=percent,
        status=status,
        text=result,
        entered_by=source,
    )
    return RowChange(
        where=f"Trang “{sheet}”, dòng {row_number}",
        task_id=task.id,
        version=task.version,
        outline="",
        text=task.text,
        changes=tuple(changes),
        draft=draft,
    )


def describe_change(change: RowChange) -> str:
    parts = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in change.changes)
    return f"{change.where} – {change.outline or change.task_id}: {parts}"


__all__ = ["ImportCheck", "ProgressImportService", "RowChange", "describe_change", "format_date"]
