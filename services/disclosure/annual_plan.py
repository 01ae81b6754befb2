"""The annual disclosure plan (Luật 10/2022/QH15 Đ14.1) as an official Kế hoạch.

"UBND cấp xã lập kế hoạch thực hiện công khai hằng năm": the plan is printed in the Decree 30
layout, its body short and its annex the table of what will be disclosed, how, when, for how
long and by which office. Rows come from the year's disclosure plan (with their expected day
or computed deadline) followed by the items disclosed "khi phát sinh", which have no date.
The signed plan takes the next KH number of the outgoing register; the register entry is
found again by its summary, so the printed number stays the one given.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from services.disclosure.compliance import minimum_for
from services.disclosure.documents import LAW, document_table
from services.disclosure.events import EventItem, event_items
from services.disclosure.reports import Column
from services.disclosure.reports import Table as ListTable
from services.disclosure.service import DisclosureDraft, DisclosureRow, DisclosureService
from services.disclosure.vocab import COUNTED_DURATIONS, DURATION_TYPES, FORM_SHORT, POSTED_FORMS
from services.documents.headers import organisation_header
from services.documents.letterhead import annex_reference, archive_of, body_name, signature_of
from services.documents.model import SECTION, Annex, Block, Document, Heading, Paragraph
from services.documents.register import RegisterEntry, RegisterService
from services.errors import UserError
from services.office.organisation import OrganisationProfile, OrganisationService
from services.text import format_date

PLAN_ITEM = "CK23"  # the checklist item "Kế hoạch thực hiện công khai thông tin năm"
WHEN_ARISING = "Khi phát sinh"
PLAN_COLUMNS = (
    Column("STT", 5, "int"),
    Column("Nội dung công khai", 48),
    Column("Hình thức công khai", 30),
    Column("Thời điểm, thời hạn công khai", 30),
    Column("Thời gian niêm yết", 16),
    Column("Bộ phận chủ trì", 20),
)
# mm of the 252 mm landscape text width
PLAN_WIDTHS = {
    "STT": 12,
    "Nội dung công khai": 78,
    "Hình thức công khai": 52,
    "Thời điểm, thời hạn công khai": 52,
    "Thời gian niêm yết": 26,
    "Bộ phận chủ trì": 32,
}


def summary_of(year: int) -> str:
    return f"Thực hiện công khai thông tin năm {year}"


def lead_office(group_code: str, org: OrganisationProfile) -> str:
    """The commune office that usually leads a content group (NĐ 150/2025 phòng chuyên môn)."""
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if org.level == "phường" else "Phòng Kinh tế"
    return {
        "KTXH": economy,
        "NGAN_SACH": economy,
        "DAT_DAI": economy,
        "AN_SINH": "Phòng Văn hóa - Xã hội",
    }.get(group_code, "Văn phòng HĐND và UBND")


def _forms(forms: tuple[str, ...]) -> str:
    return "; ".join(FORM_SHORT.get(f, f) for f in forms)


def _posting_time(rule) -> str:
    if rule is None:
        return ""
    posted = [f for f in rule.forms if f in POSTED_FORMS]
    if posted:
        text = minimum_for(rule, posted[0]).text
        if text:
            return text
    elif rule.duration_days and rule.duration_type in COUNTED_DURATIONS:
        # Only the web portal is required (budget items, Luật 89/2025 Đ15.1.b): the minimum
        # holds for a posting the office adds.
        return f"{minimum_for(rule, 'NIEM_YET_TRU_SO').text} (nếu niêm yết)"
    return DURATION_TYPES.get(rule.duration_type, "")


def _when(row: DisclosureRow) -> str:
    rule = row.rule
    rule_text = (
        (rule.deadline_text or (f"≤{rule.deadline.text}" if rule.deadline else "")) if rule else ""
    )
    if row.trigger_date is not None:
        deadline = row.verdict.deadline
        due = f"hạn {format_date(deadline)}" if deadline else f"từ {format_date(row.trigger_date)}"
        return f"{due} ({rule_text})" if rule_text else due
    if row.not_arisen_reason:
        return f"Không phát sinh trong năm: {row.not_arisen_reason}"
    if row.expected is not None:
        return f"Dự kiến trước {format_date(row.expected.day)}; {rule_text}"
    return rule_text


def plan_table(
    rows: list[DisclosureRow], events: list[EventItem], org: OrganisationProfile, year: int
) -> ListTable:
    """The annex: the year's disclosures, then the "khi phát sinh" items, one row each."""
    lines: list[tuple[object, ...]] = []
    for row in rows:
        if row.period == "" and row.item_code in {e.code for e in events}:
            if row.trigger_date is None:
                continue  # listed once below as "khi phát sinh"
        lines.append(
            (
                len(lines) + 1,
                row.heading,
                _forms(row.rule.forms) if row.rule else "",
                _when(row),
                _posting_time(row.rule),
                row.responsible or lead_office(row.group_code, org),
            )
        )
    for event in events:
        lines.append(
            (
                len(lines) + 1,
                event.title,
                _forms(event.rule.forms) if event.rule else "",
                f"{WHEN_ARISING}; {event.deadline_text}",
                _posting_time(event.rule),
                lead_office(event.group_code, org),
            )
        )
    return ListTable(
        sheet="Kế hoạch công khai",
        title=f"NỘI DUNG, HÌNH THỨC, THỜI ĐIỂM CÔNG KHAI THÔNG TIN NĂM {year}",
        subtitle=f"(Điều 11, 12, 13 và khoản 1 Điều 14 {LAW})",
        columns=PLAN_COLUMNS,
        rows=tuple(lines),
    )


def plan_document(
    table: ListTable,
    org: OrganisationProfile,
    year: int,
    *,
    today: date,
    entry: RegisterEntry | None = None,
    draft: bool = False,
    margins: str = "compact",
) -> Document:
    """Kế hoạch thực hiện công khai thông tin năm, its table as a landscape annex."""
    name = body_name(org)
    if entry is not None:
        d = entry.issued_on
        header = organisation_header(
            org,
            "KH",
            number=entry.number_text,
            day=d.day,
            month=d.month,
            year=d.year,
            symbol=entry.symbol,
        )
    else:
        header = organisation_header(org, "KH", month=today.month, year=today.year)
    arising = sum(1 for r in table.rows if str(r[3]).startswith(WHEN_ARISING))
    blocks: list[Block] = [
        Paragraph(
            f"Căn cứ {LAW}; căn cứ tình hình thực tế của địa phương, {name} ban hành Kế hoạch "
            f"thực hiện công khai thông tin năm {year} như sau:"
        ),
        Heading(SECTION, "I.", "MỤC ĐÍCH, YÊU CẦU"),
        Paragraph(
            "Công khai đầy đủ, kịp thời, đúng nội dung, hình thức và thời hạn các thông tin "
            "theo quy định để Nhân dân biết, bàn, kiểm tra, giám sát; bảo đảm quyền tiếp cận "
            f"thông tin của Nhân dân trên địa bàn {org.level}.",
            label="-",
        ),
        Heading(SECTION, "II.", "NỘI DUNG, HÌNH THỨC, THỜI ĐIỂM CÔNG KHAI"),
        Paragraph(
            f"Năm {year} thực hiện công khai {len(table.rows)} nội dung, trong đó "
            f"{len(table.rows) - arising} nội dung theo thời điểm trong năm và {arising} nội dung "
            "công khai khi phát sinh văn bản (quy hoạch, kế hoạch sử dụng đất, thu hồi đất, giá "
            "đất, dự án đầu tư, chính sách hỗ trợ…); hình thức, thời hạn, thời gian niêm yết "
            "và bộ phận chủ trì của từng nội dung tại Phụ lục kèm theo."
        ),
        Paragraph(
            f"Nội dung niêm yết được niêm yết tại trụ sở Ủy ban nhân dân {org.level} và tại nhà "
            f"văn hóa, điểm sinh hoạt cộng đồng các {org.resident_unit}; đồng thời đăng trên "
            f"Trang thông tin điện tử của {org.level}."
        ),
        Heading(SECTION, "III.", "TỔ CHỨC THỰC HIỆN"),
        Paragraph(
            "Các bộ phận chủ trì chuẩn bị nội dung, thực hiện công khai đúng thời hạn và lưu "
            "hồ sơ, tài liệu kiểm chứng việc công khai.",
            label="1.",
        ),
        Paragraph(
            "Văn phòng HĐND và UBND theo dõi, đôn đốc; lập danh sách các nội dung đã công khai "
            "hằng quý; tổng hợp báo cáo kết quả thực hiện công khai thông tin trình Hội đồng "
            "nhân dân tại kỳ họp thường lệ (khoản 3 Điều 14).",
            label="2.",
        ),
        Paragraph(
            f"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {org.level} phối hợp giám sát việc thực "
            "hiện Kế hoạch này.",
            label="3.",
        ),
    ]
    annex = Annex(
        label="Phụ lục",
        title=f"Nội dung, hình thức, thời điểm công khai thông tin năm {year}",
        reference=annex_reference(header, name, "Kế hoạch"),
        blocks=(Paragraph(table.subtitle, italic=True), document_table(table, PLAN_WIDTHS)),
        landscape=True,
    )
    summary = summary_of(year)
    return Document(
        header=header,
        type_name="KẾ HOẠCH",
        summary=summary,
        blocks=tuple(blocks),
        signature=signature_of(org),
        recipients=(
            f"Thường trực HĐND {org.level}",
            f"Ủy ban MTTQ Việt Nam {org.level}",
            f"Các phòng chuyên môn, {org.resident_unit}",
        ),
        archive=archive_of(org),
        annexes=(annex,),
        draft=draft,
        margins=margins,
        title=f"Kế hoạch {summary[:1].lower()}{summary[1:]}",
        author=name,
    )


class AnnualPlanDocuments:
    """The year's disclosure plan as a Kế hoạch, and its number in the outgoing register."""

    def __init__(self, session_factory: sessionmaker[Session], disclosure: DisclosureService):
        self._disclosure = disclosure
        self._register = RegisterService(session_factory)
        self._organisation = OrganisationService(session_factory)

    def table(self, year: int) -> ListTable:
        rows = self._disclosure.disclosures(year)
        if not rows:
            raise UserError(self._disclosure.no_plan_message(year))
        events = event_items(self._disclosure, year)
        return plan_table(rows, events, self._organisation.get(), year)

    def entry(self, year: int) -> RegisterEntry | None:
        """The register's latest KH entry of this plan (matched by its summary)."""
        wanted = f"Kế hoạch {summary_of(year)[:1].lower()}{summary_of(year)[1:]}"
        found = [e for e in self._register.entries() if e.doc_type == "KH" and e.summary == wanted]
        return found[-1] if found else None

    def number(self, year: int, issued_on: date) -> RegisterEntry:
        """Register the signed plan (next KH number) and record it as the CK23 disclosure's
        trigger document when that row still waits for one."""
        self.table(year)  # refuses a year without a plan before a number is used up
        given = self.entry(year)
        if given is not None:
            raise UserError(
                f"Kế hoạch công khai năm {year} đã được cấp số {given.reference} ngày "
                f"{given.issued_on:%d/%m/%Y}; mỗi văn bản chỉ có một số (Nghị định 30, Điều 15)."
            )
        org = self._organisation.get()
        summary = summary_of(year)
        entry = self._register.issue(
            "KH",
            f"KH-{org.symbol_suffix}",
            issued_on,
            f"Kế hoạch {summary[:1].lower()}{summary[1:]}",
        )
        for row in self._disclosure.disclosures(year):
            if row.item_code == PLAN_ITEM and row.trigger_date is None:
                draft = row.draft()
                self._disclosure.update_disclosure(
                    row.id,
                    DisclosureDraft(
                        **{
                            **draft.__dict__,
                            "trigger_document": f"Kế hoạch số {entry.reference}",
                            "trigger_date": issued_on,
                        }
                    ),
                )
        return entry

    def document(self, year: int, *, draft: bool = False, today: date | None = None) -> Document:
        return plan_document(
            self.table(year),
            self._organisation.get(),
            year,
            today=today or self._disclosure.today(),
            entry=self.entry(year),
            draft=draft,
            margins=self._register.options().margins,
        )
