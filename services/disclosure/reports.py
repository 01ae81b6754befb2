"""The statutory lists as plain tables (columns + rows), for .xlsx now and PDF later.

Luật 10/2022/QH15 Đ13.2 requires a list of what was disclosed, with the form and time of
each, updated every quarter; Đ14.3 requires a report on disclosure to the HĐND. Both are
built here as ``Table`` values, so any writer (openpyxl, the document engine) lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.disclosure.score import YearScore
from services.disclosure.vocab import (
    FAILING,
    FORM_SHORT,
    FORMS,
    NOT_ARISEN,
    OVERDUE_NO_TRIGGER,
    STATUSES,
)
from services.text import search_key

QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # characters, for spreadsheets; PDF writers scale it
    kind: str = "text"  # text | date | int | percent


@dataclass(frozen=True)
class Table:
    sheet: str
    title: str
    subtitle: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in QUARTER_NAMES:
        raise ValueError(quarter)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


QUARTER_COLUMNS = (
    Column("STT", 5, "int"),
    Column("Nội dung công khai", 48),
    Column("Văn bản căn cứ", 24),
    Column("Hình thức công khai", 24),
    Column("Nơi công khai", 30),
    Column("Ngày công khai", 13, "date"),
    Column("Ngày kết thúc", 13, "date"),
    Column("Ghi chú", 28),
)


def quarterly_list(rows: list, groups: dict[int, str], year: int, quarter: int) -> Table:
    """One line per posting place that started in the quarter, with that place's own dates.

    Places are never merged: a posting taken down early at one residential group and posted
    late at another must read as such on the list the ward posts to the public (Đ13.2).
    Whether each place met the minimum duration is judged in the year's report, not here.
    """
    start, end = quarter_span(year, quarter)
    lines: list[tuple[object, ...]] = []
    for row in rows:
        postings = [p for p in row.postings if start <= p.posted_on <= end]
        postings.sort(
            key=lambda p: (_form_order(p.form), p.posted_on, search_key(_place(p, groups)))
        )
        for p in postings:
            lines.append(
                (
                    len(lines) + 1,
                    row.heading,
                    _trigger(row),
                    FORMS.get(p.form, p.form),
                    _place(p, groups) or _default_place(p.form),
                    p.posted_on,
                    p.taken_down_on,
                    p.evidence_note,
                )
            )
    roman = QUARTER_NAMES[quarter]
    return Table(
        sheet=f"Quý {roman}",
        title=f"DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI QUÝ {roman} NĂM {year}",
        subtitle=(
            f"(Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}; "
            "theo khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở)"
        ),
        columns=QUARTER_COLUMNS,
        rows=tuple(lines),
    )


REPORT_COLUMNS = (
    Column("STT", 5, "int"),
    Column("Mã", 7),
    Column("Nội dung công khai", 46),
    Column("Văn bản căn cứ", 24),
    Column("Ngày căn cứ", 12, "date"),
    Column("Hạn công khai", 12, "date"),
    Column("Hình thức đã thực hiện", 26),
    Column("Số nơi phải công khai", 10, "int"),
    Column("Số nơi đạt", 9, "int"),
    Column("Tỷ lệ đạt", 9, "percent"),
    Column("Tình trạng", 18),
    Column("Tồn tại", 44),
)


MAX_PROBLEM_LINES = 8


def year_report(rows: list, year: int, as_of: date) -> Table:
    lines = []
    for number, row in enumerate(rows, start=1):
        verdict = row.verdict
        forms = sorted({p.form for p in row.postings}, key=lambda f: list(FORMS).index(f))
        problems: list[str] = []
        for p in verdict.places:
            if not (p.messages and p.status in FAILING):
                continue
            if p.status != OVERDUE_NO_TRIGGER:
                problems.append(f"{p.place_label}: {p.messages[0]}")
            elif p.messages[0] not in problems:  # no document at all: said once, not per place
                problems.append(p.messages[0])
        if len(problems) > MAX_PROBLEM_LINES:
            # A cell taller than a landscape page cannot be printed (many groups missing).
            more = len(problems) - MAX_PROBLEM_LINES + 1
            problems = problems[: MAX_PROBLEM_LINES - 1] + [f"… và {more} nơi khác."]
        status = STATUSES.get(verdict.status, verdict.status)
        if verdict.status == NOT_ARISEN and getattr(row, "not_arisen_reason", ""):
            status = f"{status} (lý do: {row.not_arisen_reason})"
        lines.append(
            (
                number,
                row.item_code,
                row.heading,
                _trigger(row),
                row.trigger_date,
                verdict.deadline,
                ", ".join(FORM_SHORT.get(f, f) for f in forms),
                len(verdict.places),
                verdict.met,
                verdict.ratio,
                status,
                "\n".join(problems),
            )
        )
    return Table(
        sheet="Báo cáo năm",
        title=f"KẾT QUẢ THỰC HIỆN CÔNG KHAI THÔNG TIN NĂM {year}",
        subtitle=f"(Tính đến ngày {as_of:%d/%m/%Y}; Điều 11–14 Luật Thực hiện dân chủ ở cơ sở)",
        columns=REPORT_COLUMNS,
        rows=tuple(lines),
    )


SUMMARY_COLUMNS = (
    Column("Phạm vi", 14),
    Column("Nội dung", 52),
    Column("Số nơi đạt", 11, "int"),
    Column("Số nơi chưa đạt", 13, "int"),
    Column("Chưa đến hạn / chờ văn bản", 16, "int"),
    Column("Tỷ lệ đạt", 10, "percent"),
)


def score_summary(score: YearScore) -> Table:
    lines: list[tuple[object, ...]] = []
    for scope, group in (
        ("Cả năm", (score.overall,)),
        ("Nhóm", score.by_group),
        ("Thôn, tổ dân phố", score.by_residential_group),
        ("Mục", score.by_item),
    ):
        for line in group:
            lines.append((scope, line.label, line.met, line.failed, line.pending, line.ratio))
    return Table(
        sheet="Tổng hợp",
        title=f"TỶ LỆ THỰC HIỆN CÔNG KHAI ĐÚNG QUY ĐỊNH NĂM {score.year}",
        subtitle=(
            f"(Tính đến ngày {score.as_of:%d/%m/%Y}; mỗi nơi phải công khai – hình thức, "
            "thôn, tổ dân phố – được tính một lần)"
        ),
        columns=SUMMARY_COLUMNS,
        rows=tuple(lines),
    )


def _trigger(row) -> str:
    if row.trigger_document and row.trigger_date:
        return f"{row.trigger_document} ngày {row.trigger_date:%d/%m/%Y}"
    return row.trigger_document or (f"{row.trigger_date:%d/%m/%Y}" if row.trigger_date else "")


def _form_order(form: str) -> int:
    return list(FORMS).index(form) if form in FORMS else len(FORMS)


def _place(posting, groups: dict[int, str]) -> str:
    if posting.group_id:
        return groups.get(posting.group_id, "") or posting.place
    return posting.place


def _default_place(form: str) -> str:
    return {"NIEM_YET_TRU_SO": "Trụ sở UBND", "TRANG_TTDT": "Trang TTĐT"}.get(form, "")
