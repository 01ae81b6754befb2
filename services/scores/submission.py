"""The self-assessment as the provincial scoring software takes it: one xlsx per framework.

Provinces collect, per criterion, the self-score and its evidence, and require an
explanation where there is no evidence. The sheet lists every criterion the ward scores (the
province's own criteria marked as such) with the file names of the evidence pack
(services.scores.evidence_pack), so each criterion's folder uploads in one step; a row with
neither evidence nor explanation is marked for the clerk to complete.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from services.scores.dto import INDEXES, Scoreboard
from services.scores.evidence_pack import PackEntry

COLUMNS = (
    "STT",
    "Mã tiêu chí",
    "Tiêu chí",
    "Điểm tối đa",
    "Điểm tự đánh giá",
    "Giải trình",
    "Tài liệu kiểm chứng (tệp trong gói)",
    "Ghi chú",
)
MISSING = "Thiếu tài liệu kiểm chứng và giải trình"
PROVINCE = "Tỉnh chấm (xã không tự chấm)"


@dataclass(frozen=True)
class SubmissionReport:
    path: Path
    criteria: int
    missing: tuple[str, ...]  # codes with neither evidence nor explanation


def write_submission(
    board: Scoreboard, entries: list[PackEntry], target: Path, heading: str = ""
) -> SubmissionReport:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    info = board.framework
    files: dict[str, list[str]] = {}
    for e in entries:
        if e.index_key == info.index_key:
            files.setdefault(e.criterion_code, []).append(e.archive_name)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{info.index_key} {info.year}"
    title = INDEXES.get(info.index_key, info.index_key)
    ws.append([heading or "", "", f"TỰ ĐÁNH GIÁ {title.upper()} NĂM {info.year}"])
    ws.append(["", "", f"Kỳ đánh giá {info.period_text}"])
    ws.append(list(COLUMNS))
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    missing = []
    n = 0
    for line in board.lines:
        c = line.criterion
        if not c.is_leaf or not c.applicable:
            continue
        n += 1
        names = files.get(c.code, [])
        note = ""
        if c.province_scored:
            note = PROVINCE
        elif not names and not c.explanation.strip() and c.method != "survey":
            if not c.adjustment or c.self_score is not None:
                note = MISSING
                missing.append(c.code)
        ws.append(
            [
                n,
                c.code,
                c.name,
                line.max,
                None if c.province_scored else c.self_score,
                c.explanation,
                "\n".join(names),
                note,
            ]
        )
        for col in (3, 6, 7, 8):
            ws.cell(row=ws.max_row, column=col).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
    for letter, width in zip("ABCDEFGH", (6, 12, 55, 10, 12, 45, 55, 30), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    partial = target.with_name(target.name + ".dang-ghi")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, target)
    return SubmissionReport(target, n, tuple(missing))
