"""Báo cáo giải trình kết quả thẩm định: the ward's answer to one appraisal round.

A Decree 30 report addressed to the body that appraised ("Kính gửi: Sở Nội vụ …"), citing the
province's decision and the round's notice, with one paragraph per criterion explained and a
landscape annex listing them (self-score, the round's points, the points asked, the
explanation, the evidence added). Numbered through the outgoing register like any report.
"""

from __future__ import annotations

from datetime import date

from services.documents.headers import organisation_header
from services.documents.letterhead import archive_of, body_name, signature_of
from services.documents.model import (
    SECTION,
    Annex,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
)
from services.documents.plan_document import recipients_of
from services.office.organisation import OrganisationProfile
from services.scores.arithmetic import fmt
from services.scores.dto import INDEXES, FrameworkInfo
from services.scores.rounds import RoundInfo, RoundsTable
from services.text import format_date

DEFAULT_ADDRESSEE = "Sở Nội vụ"
ANNEX_COLUMNS = (
    "STT",
    "Mã",
    "Tiêu chí",
    "Điểm tối đa",
    "Tự đánh giá",
    "Điểm thẩm định",
    "Điểm đề nghị",
    "Nội dung giải trình",
    "Tài liệu kiểm chứng bổ sung",
)


def explanation_summary(info: FrameworkInfo, round_info: RoundInfo) -> str:
    title = INDEXES.get(info.index_key, info.index_key)
    return f"Giải trình kết quả thẩm định {title} năm {info.year} (lần {round_info.number})"


def explanation_document(
    info: FrameworkInfo,
    round_info: RoundInfo,
    table: RoundsTable,
    org: OrganisationProfile,
    *,
    number: str | None = None,
    issued_on: date | None = None,
    today: date | None = None,
    draft: bool = False,
    margins: str = "compact",
) -> Document:
    today = today or date.today()
    name = body_name(org)
    title = INDEXES.get(info.index_key, info.index_key)
    day = issued_on or (today if draft else None)
    header = organisation_header(
        org,
        "BC",
        number=number,
        day=day.day if day else None,
        month=(issued_on or today).month,
        year=(issued_on or today).year,
    )
    i = next(n for n, r in enumerate(table.rounds) if r.id == round_info.id)
    explained = table.explained(round_info.id)
    addressee = info.addressee or DEFAULT_ADDRESSEE
    basis = f"Căn cứ {info.decision}; " if info.decision else ""
    notice = f" ({round_info.reference})" if round_info.reference else ""
    blocks: list[Block] = [
        Paragraph(
            f"{basis}ngày {format_date(round_info.held_on)}, {addressee} thông báo kết quả "
            f"thẩm định lần {round_info.number} {title} năm {info.year} của {name}{notice}. "
            f"Sau khi rà soát, {name} giải trình {len(explained)} tiêu chí như sau:"
        ),
        Heading(SECTION, "I.", "NỘI DUNG GIẢI TRÌNH"),
    ]
    asked = 0.0
    for n, line in enumerate(explained, start=1):
        cell = line.cells[i]
        text = (
            f"Tiêu chí {line.code} “{line.name}” (tối đa {fmt(line.max)} điểm): "
            + (
                f"tự đánh giá {fmt(line.self_score)} điểm"
                if line.self_score is not None
                else "chưa tự đánh giá"
            )
            + ", "
            + (
                f"thẩm định {fmt(cell.score)} điểm"
                if cell.score is not None
                else "chưa có điểm thẩm định"
            )
            + f". {cell.explanation.rstrip('.')}."
        )
        if cell.proposed is not None:
            text += f" Đề nghị xem xét {fmt(cell.proposed)} điểm."
            asked += cell.proposed - (cell.score or 0.0)
        if cell.evidence:
            text += f" Tài liệu kiểm chứng bổ sung: {'; '.join(cell.evidence)}."
        blocks.append(Paragraph(text, label=f"{n}."))
    blocks.append(Heading(SECTION, "II.", "KIẾN NGHỊ"))
    ask = (
        f"Đề nghị {addressee} xem xét, điều chỉnh điểm các tiêu chí nêu trên"
        + (f" (tăng {fmt(asked)} điểm so với kết quả thẩm định)" if asked > 0 else "")
        + ". Chi tiết tại Phụ lục kèm theo."
    )
    blocks.append(Paragraph(ask))
    blocks.append(
        Paragraph(f"Trên đây là Báo cáo giải trình kết quả thẩm định {title} của {name}.")
    )
    rows = tuple(
        (
            str(n),
            line.code,
            line.name,
            fmt(line.max),
            fmt(line.self_score),
            fmt(line.cells[i].score),
            fmt(line.cells[i].proposed),
            line.cells[i].explanation,
            "; ".join(line.cells[i].evidence),
        )
        for n, line in enumerate(explained, start=1)
    )
    blank = "\u00a0" * 6
    when = (
        header.date_line.split(", ", 1)[-1]
        if issued_on
        else f"ngày {blank} tháng {blank} năm {header.year}"
    )
    annex = Annex(
        label="Phụ lục",
        title=f"Danh mục tiêu chí giải trình kết quả thẩm định lần {round_info.number}",
        reference=f"(Kèm theo Báo cáo số {number or blank}/{header.symbol} {when} của {name})",
        blocks=(
            Table(
                columns=ANNEX_COLUMNS,
                rows=rows,
                widths=(11, 18, 58, 14, 16, 16, 16, 70, 45),
                centred=(0, 1, 3, 4, 5, 6),
            ),
        ),
        landscape=True,
    )
    return Document(
        header=header,
        type_name="BÁO CÁO",
        summary=explanation_summary(info, round_info),
        blocks=tuple(blocks),
        signature=signature_of(org),
        recipients=recipients_of((), org),
        archive=archive_of(org),
        kinh_gui=(addressee,),
        annexes=(annex,),
        draft=draft,
        margins=margins,
        title=f"Báo cáo {explanation_summary(info, round_info)}",
        author=name,
    )


class ExplanationDocuments:
    """The explanation report of a round: built, numbered in the register, printed."""

    def __init__(self, session_factory) -> None:
        from services.documents.register import RegisterService
        from services.office.organisation import OrganisationService
        from services.scores.frameworks import FrameworkService
        from services.scores.rounds import AppraisalRoundService

        self._rounds = AppraisalRoundService(session_factory)
        self._frameworks = FrameworkService(session_factory)
        self._organisation = OrganisationService(session_factory)
        self._register = RegisterService(session_factory)

    def document(self, round_id: int, *, today: date | None = None, draft: bool = False):
        from services.errors import UserError

        round_info = self._rounds.round(round_id)
        info = self._frameworks.get(round_info.framework_id)
        table = self._rounds.table(info.id)
        if not table.explained(round_id):
            raise UserError(
                f"Lần thẩm định {round_info.number} chưa có tiêu chí nào được giải trình; "
                "hãy nhập nội dung giải trình trước khi in."
            )
        entry = self._entry(round_info)
        return explanation_document(
            info,
            round_info,
            table,
            self._organisation.get(),
            number=entry.number_text if entry else None,
            issued_on=entry.issued_on if entry else None,
            today=today,
            draft=draft,
            margins=self._register.options().margins,
        )

    def _entry(self, round_info: RoundInfo):
        if round_info.register_id is None:
            return None
        entry = next((e for e in self._register.entries() if e.id == round_info.register_id), None)
        return (
            None if entry is None or entry.cancelled else entry
        )  # a cancelled number no longer prints

    def number(self, round_id: int, issued_on: date):
        """Give the signed explanation the next BC number of the year, once."""
        from services.errors import UserError

        round_info = self._rounds.round(round_id)
        if round_info.register_reference:
            raise UserError(
                f"Văn bản giải trình lần {round_info.number} đã có số "
                f"{round_info.register_reference}."
            )
        self.document(round_id)  # refuses a round with nothing explained
        info = self._frameworks.get(round_info.framework_id)
        org = self._organisation.get()
        entry = self._register.issue(
            "BC",
            f"BC-{org.symbol_suffix}",
            issued_on,
            f"Báo cáo {explanation_summary(info, round_info)}",
        )
        self._rounds.set_register(round_id, entry.id, issued_on)
        return entry

    def write_pdf(self, round_id: int, target, *, today: date | None = None, draft: bool = False):
        from pathlib import Path

        from services.documents.render import write_pdf

        return write_pdf(self.document(round_id, today=today, draft=draft), Path(target))
