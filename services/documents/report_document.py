"""The progress report (Báo cáo kết quả thực hiện Kế hoạch) for a period, from task data.

Figures are counted from the plan's actionable tasks as of the period's end (or today, for a
period still running): done, in progress, not started, late (deadline passed, not done). The
clerk's saved words fill the assessment, limitations, next steps and proposals; an annex in
landscape lists every task with its unit, deadline, status, progress and result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from services.documents.headers import organisation_header
from services.documents.letterhead import annex_reference, archive_of, body_name, signature_of
from services.documents.model import (
    CLAUSE,
    SECTION,
    Annex,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
)
from services.documents.periods import Period
from services.documents.plan_document import Numbering, recipients_of
from services.documents.reports import ReportText
from services.office.organisation import OrganisationProfile
from services.plan.plans import PlanInfo, SectionNode, TaskRow
from services.text import decree_day, decree_month, format_date, nfc
from services.vocab import RECURRENCES, TASK_STATUSES


@dataclass(frozen=True)
class Figures:
    total: int
    done: int
    in_progress: int
    not_started: int
    late: int
    other: int  # paused or cancelled

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def is_late(task: TaskRow, as_of: date) -> bool:
    return (
        task.status not in ("done", "cancelled")
        and task.deadline is not None
        and task.deadline < as_of
    )


def figures(tasks: list[TaskRow], as_of: date) -> Figures:
    status = [t.status for t in tasks]
    return Figures(
        total=len(tasks),
        done=status.count("done"),
        in_progress=status.count("in_progress"),
        not_started=status.count("not_started"),
        late=sum(is_late(t, as_of) for t in tasks),
        other=status.count("paused") + status.count("cancelled"),
    )


def _sentence(f: Figures, subject: str, as_of: date) -> str:
    text = (
        f"{subject} {f.total} nhiệm vụ; đến ngày {format_date(as_of)} đã hoàn thành {f.done} "
        f"nhiệm vụ (đạt {f.done_percent}%), đang thực hiện {f.in_progress} nhiệm vụ, "
        f"chưa thực hiện {f.not_started} nhiệm vụ"
    )
    if f.other:
        text += f", tạm dừng hoặc hủy bỏ {f.other} nhiệm vụ"
    text += (
        f"; có {f.late} nhiệm vụ quá hạn chưa hoàn thành."
        if f.late
        else "; không có nhiệm vụ quá hạn."
    )
    return text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _paragraphs(text: str, fallback: str) -> list[Block]:
    lines = [nfc(x) for x in text.split("\n") if x.strip()] or [fallback]
    return [Paragraph(x) for x in lines]


def _group_by_section(
    sections: list[SectionNode], tasks: list[TaskRow]
) -> list[tuple[SectionNode, list[TaskRow]]]:
    """Tasks under their nearest Roman-numbered section (I., II. …), in document order."""
    by_id = {s.id: s for s in sections}

    def owner(section_id: int) -> SectionNode | None:
        node = by_id.get(section_id)
        while node is not None and node.kind != "roman":
            node = by_id.get(node.parent_id) if node.parent_id else None
        return node

    groups: dict[int, list[TaskRow]] = defaultdict(list)
    order: list[SectionNode] = []
    for task in tasks:
        node = owner(task.section_id) or by_id.get(task.section_id)
        if node is None:
            continue
        if node.id not in groups:
            order.append(node)
        groups[node.id].append(task)
    return [(node, groups[node.id]) for node in order]


def _deadline_text(task: TaskRow) -> str:
    if task.deadline:
        return format_date(task.deadline)
    return RECURRENCES.get(task.recurrence, "") if task.recurrence != "none" else ""


def annex_table(tasks: list[TaskRow], as_of: date) -> Table:
    rows = []
    for i, t in enumerate(tasks, 1):
        status = TASK_STATUSES.get(t.status, t.status)
        if is_late(t, as_of):
            status += " (quá hạn)"
        rows.append(
            (
                str(i),
                t.outline,
                t.text,
                t.lead_name or t.lead_code,
                _deadline_text(t),
                status,
                f"{t.percent}%",
                t.result_notes,
            )
        )
    return Table(
        columns=(
            "STT",
            "Mục",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Trạng thái",
            "Tiến độ",
            "Kết quả thực hiện",
        ),
        rows=tuple(rows),
        widths=(11, 17, 100, 25, 23, 24, 15, 50),
        centred=(0, 1, 4, 6),
    )


def report_document(
    plan: PlanInfo,
    sections: list[SectionNode],
    tasks: list[TaskRow],
    org: OrganisationProfile,
    period: Period,
    text: ReportText | None = None,
    *,
    plan_numbering: Numbering | None = None,
    numbering: Numbering | None = None,
    today: date | None = None,
    draft: bool = False,
    margins: str = "compact",
) -> Document:
    today = today or date.today()
    as_of = min(period.end, today)
    text = text or ReportText(plan_id=plan.id, period=period.code)
    actionable = [t for t in tasks if t.actionable]
    name = body_name(org)
    symbol = f"BC-{org.symbol_suffix}"
    plan_title = plan.summary.removesuffix(f" năm {plan.year}")
    summary = (
        nfc(text.summary) or f"Kết quả thực hiện Kế hoạch {_lower_first(plan_title)} {period.label}"
    )
    header_date: tuple[str | None, int | None, int, int]
    if numbering:
        header_date = (numbering.number, numbering.day, numbering.month, numbering.year)
    else:
        header_date = (None, None, today.month, today.year)
    header = organisation_header(
        org,
        "BC",
        symbol=symbol,
        number=header_date[0],
        day=header_date[1],
        month=header_date[2],
        year=header_date[3],
    )
    plan_ref = _plan_reference(plan, plan_numbering, name)
    blocks: list[Block] = _paragraphs(
        text.opening,
        f"Thực hiện {plan_ref} về {_lower_first(plan.summary)}, {name} báo cáo kết quả "
        f"thực hiện {period.label} như sau:",
    )
    blocks.append(Heading(SECTION, "I.", "KẾT QUẢ THỰC HIỆN"))
    whole = figures(actionable, as_of)
    blocks.append(Heading(CLAUSE, "1.", "Kết quả chung"))
    blocks.append(
        Paragraph(
            _sentence(whole, "Kế hoạch có", as_of) + " Chi tiết tại Phụ lục kèm theo Báo cáo này."
        )
    )
    for n, (section, items) in enumerate(_group_by_section(sections, actionable), 2):
        blocks.append(Heading(CLAUSE, f"{n}.", _section_title(section)))
        blocks.append(Paragraph(_sentence(figures(items, as_of), "Có", as_of)))
        for t in items:
            if t.result_notes:
                blocks.append(Paragraph(f"{_short(t.text)}: {t.result_notes}", label="-"))
    blocks.append(Heading(SECTION, "II.", "ĐÁNH GIÁ CHUNG"))
    blocks.append(Heading(CLAUSE, "1.", "Ưu điểm"))
    blocks += _paragraphs(
        text.assessment, "Các nhiệm vụ của Kế hoạch được triển khai theo tiến độ đề ra."
    )
    blocks.append(Heading(CLAUSE, "2.", "Tồn tại, hạn chế"))
    blocks += _paragraphs(
        text.limitations,
        f"Còn {whole.late} nhiệm vụ quá hạn chưa hoàn thành." if whole.late else "Không có.",
    )
    blocks.append(Heading(SECTION, "III.", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"))
    blocks += _paragraphs(
        text.directions,
        "Tiếp tục triển khai các nhiệm vụ chưa hoàn thành; tập trung khắc phục các nhiệm vụ quá hạn.",
    )
    blocks.append(Heading(SECTION, "IV.", "ĐỀ XUẤT, KIẾN NGHỊ"))
    blocks += _paragraphs(text.proposals, "Không.")
    blocks.append(
        Paragraph(
            f"Trên đây là Báo cáo kết quả thực hiện Kế hoạch {_lower_first(plan_title)} "
            f"{period.label} của {name}."
        )
    )
    reference = annex_reference(header, name, "Báo cáo")
    annex = Annex(
        label="Phụ lục",
        title=f"Kết quả thực hiện các nhiệm vụ của Kế hoạch {period.label}",
        reference=reference,
        blocks=(annex_table(actionable, as_of),),
        landscape=True,
    )
    kinh_gui = tuple(x.strip() for x in text.kinh_gui.split("\n") if x.strip())
    own = tuple(x for x in text.recipients.split("\n") if x.strip())
    return Document(
        header=header,
        type_name="BÁO CÁO",
        summary=summary,
        blocks=tuple(blocks),
        signature=signature_of(org),
        recipients=recipients_of(own, org),
        archive=archive_of(org),
        kinh_gui=kinh_gui,
        annexes=(annex,),
        draft=draft,
        margins=margins,
        title=f"Báo cáo {summary}",
        author=name,
    )


def _section_title(section: SectionNode) -> str:
    """ "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX)" -> "Chỉ số cải cách hành chính (PAR INDEX)"."""
    title = section.title
    if not title.isupper():
        return title
    head, paren, tail = title.partition("(")
    head = head[:1] + head[1:].lower()
    return head + paren + tail


def _short(text: str, limit: int = 120) -> str:
    text = text.rstrip(" .;")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _plan_reference(plan: PlanInfo, numbering: Numbering | None, name: str) -> str:
    if numbering:
        return (
            f"Kế hoạch số {numbering.number}/{plan.symbol} ngày {decree_day(numbering.day)} "
            f"tháng {decree_month(numbering.month)} năm {numbering.year} của {name}"
        )
    if plan.number:
        return f"Kế hoạch số {plan.number}/{plan.symbol} của {name}"
    return f"Kế hoạch năm {plan.year} của {name}"
