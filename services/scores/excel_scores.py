"""The scoring table as .xlsx in the usual provincial layout, with live formulas for sums.

Leaves hold typed numbers; every parent cell is a formula over exactly its children's cells
(``=SUM(C7,C8,C12)``; ``AVERAGE`` for a percent index), and the total and percentage rows are
formulas too, so the sheet stays right when someone edits a leaf in Excel.
"""

from __future__ import annotations

from pathlib import Path

from services.scores.dto import INDEXES, Scoreboard
from services.scores.pack_entries import PackEntry
from services.text import format_date
from services.xlsx.common import fit_row_height, page_setup

HEADER = (
    "Mã",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Điểm thẩm định năm trước",
    "Giải trình, tài liệu kiểm chứng",
)
SURVEY_HEADER = ("Số câu trả lời (phiếu khảo sát)", "Số câu hài lòng, rất hài lòng")
FIRST_ROW = 6
COL_MAX, COL_SELF, COL_APPR = "C", "D", "E"
WIDTHS = (10, 60, 10, 12, 12, 13, 45, 12, 12)
NOTE_COLUMN = 7


def evidence_lines(entries: list[PackEntry]) -> str:
    """The attached evidence of one criterion, one line per file, as the pack names it.

    The appraisal council reads the printed table beside the evidence pack, so each line
    gives the document (số, ngày, trích yếu) and the file it is in inside the pack.
    """
    lines = []
    for e in entries:
        parts = [e.title or "(chưa đặt tên)"]
        if e.doc_number:
            parts.append(f"số {e.doc_number}")
        if e.doc_date:
            parts.append(f"ngày {format_date(e.doc_date)}")
        where = f" [{e.archive_name}]" if e.archive_name else ""
        lines.append("- " + ", ".join(parts) + where)
    return "Tài liệu kiểm chứng:\n" + "\n".join(lines) if lines else ""


def export_scores(
    board: Scoreboard,
    target: Path,
    heading: str = "",
    survey: dict[str, tuple[int, int]] | None = None,
    evidence: dict[str, list[PackEntry]] | None = None,
) -> Path:
    """Write the table; ``survey`` (SIPAS question code → answers, satisfied) adds two count
    columns so every % is a live formula of the counts, pooled per element as the app does.
    ``evidence`` (criterion code → attached files) is listed in the explanation column.

    The sheet prints as the task export does: A4 landscape, one page wide, the header row
    repeated on every page, wrapped rows carrying their height."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    info = board.framework
    func = "AVERAGE" if info.unit == "percent" else "SUM"
    wb = Workbook()
    ws = wb.active
    ws.title = f"{info.index_key} {info.year}"
    ws["A1"] = heading
    ws["A2"] = (
        f"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM {INDEXES.get(info.index_key, info.index_key).upper()} NĂM {info.year}"
    )
    ws["A1"].font = Font(bold=True)
    ws["A2"].font = Font(bold=True, size=13)
    ws.merge_cells("A2:G2")
    ws["A2"].alignment = Alignment(horizontal="center")
    if info.is_template:
        ws["A3"] = "Bộ tiêu chí mẫu, cần kiểm tra với phụ lục của Sở Nội vụ."
        ws["A3"].font = Font(italic=True)
    ws.append([])
    header_row = FIRST_ROW - 1
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header = HEADER + (SURVEY_HEADER if survey else ())
    for column, text in enumerate(header, start=1):
        cell = ws.cell(row=header_row, column=column, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    row_of = {line.criterion.id: FIRST_ROW + i for i, line in enumerate(board.lines)}
    children: dict[int | None, list[int]] = {}
    for line in board.lines:
        children.setdefault(line.criterion.parent_id, []).append(line.criterion.id)
    for line in board.lines:
        c = line.criterion
        r = row_of[c.id]
        kids = children.get(c.id)
        ws.cell(row=r, column=1, value=c.code)
        ws.cell(row=r, column=2, value=c.name).alignment = Alignment(
            indent=c.depth, wrap_text=True, vertical="top"
        )
        if survey:
            _survey_cells(ws, r, [row_of[k] for k in kids or []], survey.get(c.code))
        if kids:
            for col in (COL_MAX, COL_SELF, COL_APPR):
                if survey and col == COL_SELF:
                    continue
                ws[f"{col}{r}"] = _formula(func, col, [row_of[k] for k in kids])
            for column in range(1, 8):
                ws.cell(row=r, column=column).font = Font(bold=True)
        else:
            ws[f"{COL_MAX}{r}"] = line.max
            if not survey:
                ws[f"{COL_SELF}{r}"] = c.self_score if c.applicable else None
            ws[f"{COL_APPR}{r}"] = c.appraised_score if c.applicable else None
        if line.last_appraised is not None:
            ws[f"F{r}"] = line.last_appraised
        note = c.explanation
        if not c.applicable:
            note = f"Không áp dụng (điểm tối đa gốc {c.max_points:g}). {note}".strip()
        attached = evidence_lines((evidence or {}).get(c.code, []))
        note = "\n".join(x for x in (note, attached) if x)
        ws.cell(row=r, column=NOTE_COLUMN, value=note).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
        for column in range(1, len(header) + 1):
            ws.cell(row=r, column=column).border = border
            if column != 2 and column != NOTE_COLUMN:
                ws.cell(row=r, column=column).alignment = Alignment(vertical="top")
        fit_row_height(ws, r, (c.code, c.name, None, None, None, None, note), WIDTHS)
    roots = children.get(None, [])
    total = FIRST_ROW + len(board.lines)
    ws.cell(row=total, column=2, value="TỔNG ĐIỂM").font = Font(bold=True)
    # Bonus and penalty groups stay outside the maximum and enter the scores (by the rule).
    adjusted = {x.criterion.id for x in board.lines if x.criterion.adjustment}
    for col in (COL_MAX, COL_SELF, COL_APPR):
        keys = [k for k in roots if col != COL_MAX or k not in adjusted]
        ws[f"{col}{total}"] = _formula(func, col, [row_of[k] for k in keys])
        if col != COL_MAX and adjusted and info.adjustment_rule == "cap":
            ws[f"{col}{total}"] = f"=MIN({ws[f'{col}{total}'].value[1:]},{COL_MAX}{total})"
        ws[f"{col}{total}"].font = Font(bold=True)
    if survey:
        weights = {x.criterion.id: x.criterion.weight for x in board.lines}
        ws[f"{COL_SELF}{total}"] = _weighted_mean([(row_of[k], weights[k]) for k in roots])
    ws.cell(row=total + 1, column=2, value="Tỷ lệ đạt (%)").font = Font(bold=True)
    for col in (COL_SELF, COL_APPR):
        ws[f"{col}{total + 1}"] = (
            f'=IF({COL_MAX}{total}>0,ROUND({col}{total}/{COL_MAX}{total}*100,2),"")'
        )
    for r in range(FIRST_ROW, total + 2):
        for col in "CDEF":
            ws[f"{col}{r}"].number_format = "0.00" if survey else "0.##"
    for letter, width in zip("ABCDEFGHI", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    # Bold header text is wider than the body's, so it wraps sooner.
    fit_row_height(ws, header_row, header, [w * 0.75 for w in WIDTHS])
    page_setup(ws, header_row)
    ws.freeze_panes = f"C{FIRST_ROW}"
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def _formula(func: str, col: str, rows: list[int]) -> str:
    """A parent's cell over exactly its children's cells; a percent index's maximum is 100."""
    refs = ",".join(f"{col}{r}" for r in rows)
    if func == "AVERAGE" and col == COL_MAX:
        return f"=MAX({refs})"
    return f"={func}({refs})"


def _survey_cells(ws, r: int, kids: list[int], counts: tuple[int, int] | None) -> None:
    """Counts in H/I (typed for a question, summed for an element) and the live % in D."""
    if kids:
        ws[f"H{r}"] = "=SUM(" + ",".join(f"H{k}" for k in kids) + ")"
        ws[f"I{r}"] = "=SUM(" + ",".join(f"I{k}" for k in kids) + ")"
    else:
        answered, satisfied = counts or (0, 0)
        ws[f"H{r}"], ws[f"I{r}"] = answered, satisfied
    ws[f"{COL_SELF}{r}"] = f'=IF(H{r}>0,I{r}/H{r}*100,"")'


def _weighted_mean(rows: list[tuple[int, float | None]]) -> str:
    """The SIPAS overall: weighted mean of the answered elements (equal weights by default)."""
    num = "+".join(f"IF(H{r}>0,{COL_SELF}{r}*{w if w is not None else 1},0)" for r, w in rows)
    den = "+".join(f"IF(H{r}>0,{w if w is not None else 1},0)" for r, w in rows)
    return f'=IF(({den})>0,({num})/({den}),"")'
