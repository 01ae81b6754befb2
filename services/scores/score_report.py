"""Báo cáo tự đánh giá, chấm điểm: the self-assessment report of one index and year.

A description for the document engine (services.documents): the figures come fresh from
the scoreboard (parents computed, never typed), the words are fixed template text built
around them, and the whole scoring table goes in a landscape annex with the total,
percentage and classification rows at its foot. Rendering is services.documents.render.
"""

from __future__ import annotations

from datetime import date

from services.documents.headers import unnumbered_header
from services.documents.letterhead import archive_of, body_name, signature_of
from services.documents.model import (
    CLAUSE,
    SECTION,
    Annex,
    Block,
    Document,
    Header,
    Heading,
    Paragraph,
    Table,
)
from services.documents.plan_document import recipients_of
from services.office.organisation import OrganisationProfile
from services.scores.arithmetic import fmt
from services.scores.dto import INDEXES, GapItem, Scoreboard

ANNEX_COLUMNS = (
    "Mã",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm thẩm định năm trước",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Giải trình",
)
TOTAL_LABEL = "TỔNG ĐIỂM"
PERCENT_LABEL = "Tỷ lệ đạt (%)"
BAND_LABEL = "Xếp loại"
GAPS_LISTED = 10
# The province's department of home affairs appraises communes since districts were abolished.
DEFAULT_ADDRESSEE = "Sở Nội vụ"


def index_title(index_key: str) -> str:
    return INDEXES.get(index_key, index_key)


def annex_rows(board: Scoreboard) -> tuple[tuple[str, ...], ...]:
    """Every criterion in tree order, then the total, percentage and classification rows."""
    rows = []
    for line in board.lines:
        c = line.criterion
        note = c.explanation
        if not c.applicable:
            note = f"Không áp dụng. {note}".strip()
        elif c.province_scored and c.is_leaf:
            figure = f": {fmt(c.province_score)}" if c.province_score is not None else ""
            note = f"Tỉnh chấm{figure}. {note}".strip()
        name = ("\u00a0" * 3 * c.depth) + c.name
        rows.append(
            (
                c.code,
                name,
                fmt(line.max),
                fmt(line.last_appraised),
                fmt(line.self_score),
                fmt(line.appraised),
                note,
            )
        )
    rows.append(
        (
            "",
            TOTAL_LABEL,
            fmt(board.total_max),
            fmt(board.last_total),
            fmt(board.total_self),
            fmt(board.total_appraised),
            "",
        )
    )
    rows.append(
        (
            "",
            PERCENT_LABEL,
            "",
            fmt(board.percent_last),
            fmt(board.percent_self),
            fmt(board.percent_appraised),
            "",
        )
    )
    rows.append(
        (
            "",
            BAND_LABEL,
            "",
            board.band_last if board.percent_last is not None else "",
            board.band_self if board.percent_self is not None else "",
            board.band_appraised if board.percent_appraised is not None else "",
            "",
        )
    )
    return tuple(rows)


def _result_sentence(board: Scoreboard, name: str) -> str:
    info = board.framework
    if board.total_self is None:
        return (
            f"{name} chưa nhập điểm tự đánh giá {index_title(info.index_key)} năm {info.year}; "
            f"tổng điểm tối đa là {fmt(board.total_max)} điểm."
        )
    text = (
        f"Tổng điểm tự đánh giá {index_title(info.index_key)} năm {info.year} của {name} "
        f"là {fmt(board.total_self)}/{fmt(board.total_max)} điểm, đạt {fmt(board.percent_self)}%, "
        f"tự xếp loại {board.band_self}."
    )
    if board.bonus_self or board.penalty_self:
        text += (
            f" Trong đó điểm các lĩnh vực {fmt(board.core_self)} điểm, điểm thưởng "
            f"{fmt(board.bonus_self or 0)} điểm, điểm trừ {fmt(board.penalty_self or 0)} điểm."
        )
    if board.last_total is not None and board.previous is not None:
        text += (
            f" Năm {board.previous.year}, kết quả thẩm định đạt {fmt(board.last_total)}/"
            f"{fmt(board.last_total_max)} điểm ({fmt(board.percent_last)}%, {board.band_last})"
        )
        framework = board.previous
        if framework.result_rank and framework.result_of:
            text += f", xếp thứ {framework.result_rank}/{framework.result_of}"
        text += "."
    return text


def _field_lines(board: Scoreboard) -> list[Paragraph]:
    blocks: list[Paragraph] = []
    for line in board.lines:
        if line.criterion.parent_id is not None:
            continue
        if line.self_score is None:
            text = f"{line.criterion.name}: chưa tự đánh giá (tối đa {fmt(line.max)} điểm)"
        else:
            text = f"{line.criterion.name}: tự đánh giá {fmt(line.self_score)}/{fmt(line.max)} điểm"
        if line.last_appraised is not None:
            text += f" (năm trước thẩm định {fmt(line.last_appraised)}/{fmt(line.last_max)})"
        blocks.append(Paragraph(text + ";", label="-"))
    if blocks:
        last = blocks[-1]
        blocks[-1] = Paragraph(last.text[:-1] + ".", label="-")
    return blocks


def _gap_lines(gaps: list[GapItem], board: Scoreboard) -> list[Paragraph]:
    if not gaps:
        # No published result to compare with is not the same as losing no points; the
        # same three cases as the gap tab (ui/scores/review_tabs.py).
        year = board.framework.year
        source = board.previous.year if board.previous else year
        no_result = (board.previous is None and board.total_appraised is None) or (
            board.previous is not None and board.last_total is None
        )
        if no_result:
            return [
                Paragraph(
                    f"Chưa có kết quả thẩm định năm {year - 1} trong dữ liệu, nên chưa xác định "
                    "được tiêu chí nào bị mất điểm; khi có kết quả, nhập vào phần mềm để lập "
                    "danh sách tiêu chí cần khắc phục."
                )
            ]
        return [
            Paragraph(f"Theo kết quả thẩm định năm {source}, không có tiêu chí nào bị mất điểm.")
        ]
    lost = sum(g.lost for g in gaps)
    blocks: list[Paragraph] = [
        Paragraph(
            f"Năm trước có {len(gaps)} tiêu chí chưa đạt điểm tối đa, mất tổng cộng "
            f"{fmt(lost)} điểm; các tiêu chí mất nhiều điểm nhất:"
        )
    ]
    for g in gaps[:GAPS_LISTED]:
        tasks = "đã có nhiệm vụ khắc phục" if g.task_ids else "chưa có nhiệm vụ khắc phục"
        blocks.append(
            Paragraph(
                f"{g.code} {g.name}: đạt {fmt(g.appraised)}/{fmt(g.max)}, mất {fmt(g.lost)} "
                f"điểm ({tasks});",
                label="-",
            )
        )
    last = blocks[-1]
    blocks[-1] = Paragraph(last.text[:-1] + ".", label="-")
    return blocks


def score_report_document(
    board: Scoreboard,
    gaps: list[GapItem],
    org: OrganisationProfile,
    *,
    today: date | None = None,
    draft: bool = False,
    margins: str = "compact",
    cautions: tuple[str, ...] = (),
) -> Document:
    """``cautions`` are printed under the overall result (e.g. a SIPAS sample too small)."""
    today = today or date.today()
    info = board.framework
    name = body_name(org)
    title = index_title(info.index_key)
    summary = f"Tự đánh giá, chấm điểm {title} năm {info.year}"
    header = unnumbered_header(org, "BC", today)
    addressee = info.addressee or DEFAULT_ADDRESSEE
    basis = info.decision or "hướng dẫn của cấp trên"
    period = "" if (info.period_start is None) else f" (kỳ đánh giá {info.period_text})"
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện {basis} về việc xác định {title} năm {info.year}{period}, "
            f"{name} báo cáo kết quả tự đánh giá, chấm điểm như sau:"
        ),
        Heading(SECTION, "I.", "KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM"),
        Heading(CLAUSE, "1.", "Kết quả chung"),
        Paragraph(_result_sentence(board, name) + " Chi tiết tại Phụ lục kèm theo Báo cáo này."),
        *(Paragraph(text, italic=True) for text in cautions),
        Heading(CLAUSE, "2.", "Kết quả theo từng lĩnh vực"),
        *_field_lines(board),
        Heading(SECTION, "II.", "TỒN TẠI, HẠN CHẾ"),
        *_gap_lines(gaps, board),
        Heading(SECTION, "III.", "GIẢI PHÁP KHẮC PHỤC"),
        Paragraph(
            "Tiếp tục triển khai các nhiệm vụ của Kế hoạch cải cách hành chính; rà soát các "
            "tiêu chí chưa đạt điểm tối đa, giao bộ phận chủ trì khắc phục và bổ sung đầy đủ "
            "tài liệu kiểm chứng."
        ),
    ]
    if info.is_template:
        blocks.append(
            Paragraph(
                "Bộ tiêu chí dùng để chấm là bộ mẫu, cần đối chiếu với phụ lục của Sở Nội vụ.",
                italic=True,
            )
        )
    blocks.append(
        Paragraph(
            f"Trên đây là Báo cáo kết quả tự đánh giá, chấm điểm {title} năm {info.year} "
            f"của {name}."
        )
    )
    annex = Annex(
        label="Phụ lục",
        title=f"Bảng tự đánh giá, chấm điểm {title} năm {info.year}",
        reference=_reference(header, name),
        blocks=(
            Table(
                columns=ANNEX_COLUMNS,
                rows=annex_rows(board),
                widths=(27, 95, 16, 20, 18, 18, 52),
                centred=(0, 2, 3, 4, 5),
            ),
        ),
        landscape=True,
    )
    return Document(
        header=header,
        type_name="BÁO CÁO",
        summary=summary,
        blocks=tuple(blocks),
        signature=signature_of(org),
        recipients=recipients_of((), org),
        archive=archive_of(org),
        kinh_gui=(addressee,),
        annexes=(annex,),
        draft=draft,
        margins=margins,
        title=f"Báo cáo {summary}",
        author=name,
    )


def _reference(header: Header, name: str) -> str:
    blank = "\u00a0" * 6
    return (
        f"(Kèm theo Báo cáo số {blank}/{header.symbol} ngày {blank} tháng {blank} "
        f"năm {header.year} của {name})"
    )
