"""Excel in: unit forms sent back with progress. The whole file is checked first; every
problem names its sheet, row and column in Vietnamese; nothing is written unless the
preview is accepted, and then everything is written in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Plan, PlanTask
from services.errors import ConflictError, Problem, UserError, ValidationError
from services.jobs import ProgressFn, step
from services.plan.plans import PlanService
from services.plan.progress import (
    ProgressDraft,
    TaskState,
    add_progress,
    entry_name,
    remove_entry,
)
from services.text import DateInputError, format_date, nfc, search_key
from services.vocab import TASK_STATUSES
from services.xlsx.common import SHEET_ID_HEADER, as_date, as_text, column_letter
from services.xlsx.headers import HeaderSpec, matching_sheets

# The form's own headers, with a few spellings clerks use (case, accents, spaces forgiven).
HEADER_SPEC = HeaderSpec.of(
    {
        "id": (SHEET_ID_HEADER, "Mã nhiệm vụ"),
        "status": ("Trạng thái",),
        "percent": ("Tiến độ (%)", "Tiến độ", "Tiến độ %"),
        "result": ("Kết quả thực hiện", "Kết quả"),
        "on_date": ("Ngày báo cáo",),
    },
    required=("id",),
)
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
class FileCheck:
    """One file of an import, for the summary: what was read and how many errors it has."""

    name: str
    rows_read: int
    sheets: tuple[str, ...]  # the sheets read (those with a "Mã NV" header)
    problems: int = 0


@dataclass(frozen=True)
class ImportCheck:
    path: Path
    rows_read: int
    changes: tuple[RowChange, ...]
    problems: tuple[Problem, ...]
    unchanged: int = 0
    notes: tuple[Problem, ...] = ()  # TCVN3/VNI text converted, sheets skipped
    files: tuple[FileCheck, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportedEntry:
    """One update an import wrote, and the task as it was before it (to undo)."""

    task_id: int
    entry_id: int
    before: TaskState
    draft: ProgressDraft


@dataclass(frozen=True)
class ImportedProgress:
    entries: tuple[ImportedEntry, ...]


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
        return self.check_files([Path(path)], today=today, progress=progress)

    def check_files(
        self,
        paths: Sequence[Path],
        *,
        today: date | None = None,
        progress: ProgressFn | None = None,
    ) -> ImportCheck:
        """Read and validate several returned forms as one import; writes nothing.

        With more than one file each problem starts with its file's name; a task found in
        two files is a problem too (which value would be right?).
        """
        from services.xlsx.reader import read_xlsx

        paths = [Path(p) for p in paths]
        today = today or date.today()
        several = len(paths) > 1
        problems: list[Problem] = []
        notes: list[Problem] = []
        changes: list[RowChange] = []
        files: list[FileCheck] = []
        seen: dict[int, str] = {}
        rows_read = unchanged = 0
        # Named as the change log names the user, with the file the rows came from.
        user = entry_name(self._sessions)
        with self._sessions() as session:
            for number, path in enumerate(paths):
                step(progress, number, len(paths))
                try:
                    wb = read_xlsx(path)
                except UserError as exc:
                    if not several:
                        raise
                    problems.append(Problem(f"Tệp “{path.name}”", exc.message))
                    files.append(FileCheck(path.name, 0, (), 1))
                    continue
                label = f"Tệp “{path.name}”, trang" if several else "Trang"
                file_problems: list[Problem] = []
                file_rows = 0
                matches = matching_sheets(wb, HEADER_SPEC, scan=10)
                if not matches:
                    file_problems.extend(
                        Problem(
                            f"{label} “{ws.name}”" if several else f"Trang “{ws.name}”",
                            "không phải phiếu báo cáo của ParDesk "
                            f"(không có cột “{SHEET_ID_HEADER}”).",
                        )
                        for ws in wb.sheets
                    )
                read = {m.sheet.name for m in matches}
                for ws in wb.sheets:
                    if matches and ws.name not in read and any(ws.rows):
                        notes.append(
                            Problem(
                                f"Tệp “{path.name}”, trang “{ws.name}”",
                                f"không có cột “{SHEET_ID_HEADER}”, đã bỏ qua.",
                            )
                        )
                for match in matches:
                    ws, row_number = match.sheet, match.header_row
                    for row in ws.rows[match.header_row :]:
                        row_number += 1
                        if all(v in (None, "") for v in row):
                            continue
                        file_rows += 1
                        found = _check_row(
                            session,
                            f"{label} “{ws.name}”",
                            row_number,
                            row,
                            match.columns,
                            seen,
                            today,
                            f"{user} (nhập từ tệp {path.name})",
                        )
                        if isinstance(found, list):
                            file_problems.extend(found)
                        elif found is None:
                            unchanged += 1
                        else:
                            changes.append(found)
                if not file_rows and not file_problems:
                    file_problems.append(
                        Problem(f"Tệp “{path.name}”", "không có dòng nhiệm vụ nào để nhập.")
                        if several
                        else Problem(path.name, "không có dòng nhiệm vụ nào để nhập.")
                    )
                rows_read += file_rows
                problems.extend(file_problems)
                notes.extend(wb.conversions)
                files.append(
                    FileCheck(
                        path.name,
                        file_rows,
                        tuple(m.sheet.name for m in matches),
                        len(file_problems),
                    )
                )
            step(progress, len(paths), len(paths))
        return ImportCheck(
            paths[0],
            rows_read,
            self._numbered(changes),
            tuple(problems),
            unchanged,
            tuple(notes),
            tuple(files),
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
        return len(self.write(check).entries)

    def write(self, check: ImportCheck) -> ImportedProgress:
        """``apply``, returning what was written so that one undo can take it all back."""
        if check.problems:
            raise ValidationError(list(check.problems))
        entries: list[ImportedEntry] = []
        with self._sessions.begin() as session:
            for change in check.changes:
                task = session.get(PlanTask, change.task_id)
                if task is None or task.version != change.version:
                    raise ConflictError(
                        f"Nhiệm vụ {change.outline} vừa được sửa hoặc xóa sau khi kiểm tra tệp; "
                        "hãy kiểm tra lại tệp rồi nhập. Chưa ghi gì."
                    )
                entries.append(_write_one(session, task, change.draft))
        return ImportedProgress(tuple(entries))

    def undo(self, imported: ImportedProgress) -> None:
        """Take a whole import back in one transaction: its updates go and every task gets
        the status, percent and result it had before."""
        with self._sessions.begin() as session:
            for entry in reversed(imported.entries):
                remove_entry(session, entry.entry_id, restore=entry.before)

    def redo(
        self, imported: ImportedProgress, task_ids: Mapping[int, int] | None = None
    ) -> ImportedProgress:
        """Write an undone import again (``task_ids``: ids that changed since, old -> new)."""
        task_ids = task_ids or {}
        entries: list[ImportedEntry] = []
        with self._sessions.begin() as session:
            for entry in imported.entries:
                task = session.get(PlanTask, task_ids.get(entry.task_id, entry.task_id))
                if task is None:
                    raise ConflictError("Một nhiệm vụ của lần nhập này không còn; không làm lại.")
                entries.append(_write_one(session, task, entry.draft))
        return ImportedProgress(tuple(entries))


def _write_one(session: Session, task: PlanTask, draft: ProgressDraft) -> ImportedEntry:
    before = TaskState(task.status, task.percent, task.result_notes)
    year = session.execute(select(Plan.year).where(Plan.id == task.plan_id)).scalar_one()
    row = add_progress(session, task, draft, year)
    return ImportedEntry(task.id, row.id, before, draft)


def _check_row(session, sheet, row_number, row, columns, seen, today, source):  # noqa: PLR0913
    """A RowChange, None when the row changes nothing, or the list of its problems."""
    problems: list[Problem] = []

    def where(field: str, label: str) -> str:
        return f"{sheet}, dòng {row_number}, cột {column_letter(columns[field] + 1)} ({label})"

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
            seen[task.id] = f"{sheet[0].lower()}{sheet[1:]} dòng {row_number}"
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
    # The work date: what period reports are built from (a row without one: the import day).
    on_date = today
    if "on_date" in columns:
        try:
            on_date = as_date(value("on_date")) or today
        except DateInputError as exc:
            # The one parser's message ("Không có ngày 31/02/2025."), never Python's English.
            problems.append(Problem(where("on_date", "Ngày báo cáo"), str(exc)))
        else:
            if on_date > today:
                problems.append(
                    Problem(
                        where("on_date", "Ngày báo cáo"),
                        f"{format_date(on_date)} là ngày sau hôm nay; ghi ngày công việc đã làm.",
                    )
                )
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
        where=f"{sheet}, dòng {row_number}",
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


__all__ = [
    "FileCheck",
    "ImportCheck",
    "ImportedProgress",
    "ProgressImportService",
    "RowChange",
    "describe_change",
    "format_date",
]
