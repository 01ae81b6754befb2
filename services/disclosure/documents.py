"""The statutory disclosure lists as official documents (Decree 30 layout) for the PDF engine.

Luật 10/2022/QH15 Đ13.2 asks for a list of what was disclosed, updated every quarter and
posted like the items themselves; Đ14.3 asks for a yearly report to the HĐND, copied to the
MTTQ. Both are built here as ``services.documents.model.Document`` values from the same
``reports.Table`` rows the .xlsx export writes, so the PDF and the workbook never disagree.
The wide tables go into landscape annexes; the body refers to each annex by its number.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from services.disclosure.reports import QUARTER_NAMES, Column, quarter_span
from services.disclosure.reports import Table as ListTable
from services.disclosure.score import YearScore
from services.disclosure.service import DisclosureService
from services.documents.headers import register_header
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
from services.office.organisation import OrganisationProfile, OrganisationService
from services.text import decree_day, decree_month, format_date

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
CENTRED_KINDS = ("int", "date", "percent")
# Widths on paper (mm of the A4 text width: 252 landscape, 165 portrait) by column title.
# Spreadsheet widths in characters would wrap dates, ratios and codes mid-number (12 pt).
QUARTER_WIDTHS = {
    "STT": 12,
    "Nội dung công khai": 60,
    "Văn bản căn cứ": 30,
    "Hình thức công khai": 30,
    "Nơi công khai": 36,
    "Ngày công khai": 24,
    "Ngày kết thúc": 24,
    "Ghi chú": 36,
}
REPORT_WIDTHS = {
    "STT": 12,
    "Mã": 18,
    "Nội dung công khai": 40,
    "Văn bản căn cứ": 26,
    "Ngày căn cứ": 24,
    "Hạn công khai": 24,
    "Hình thức đã thực hiện": 24,
    "Số nơi phải công khai": 14,
    "Số nơi đạt": 12,
    "Tỷ lệ đạt": 17,
    "Tình trạng": 20,
    "Tồn tại": 32,
}
SUMMARY_WIDTHS = {
    "Phạm vi": 24,
    "Nội dung": 62,
    "Số nơi đạt": 16,
    "Số nơi chưa đạt": 18,
    "Chưa đến hạn / chờ văn bản": 24,
    "Tỷ lệ đạt": 21,
}


def cell_text(value: object, kind: str) -> str:
    """A table cell as printed: dates dd/mm/yyyy, ratios "85,0%", several lines joined."""
    if value is None:
        return "–" if kind == "percent" else ""
    if kind == "date" and isinstance(value, date):
        return format_date(value)
    if kind == "percent" and isinstance(value, (int, float)):
        return f"{value * 100:.1f}%".replace(".", ",")
    lines = [x.strip() for x in str(value).split("\n") if x.strip()]
    if len(lines) < 2:
        return lines[0] if lines else ""
    return "; ".join(x.rstrip(" .;") for x in lines) + "."


def document_table(table: ListTable, paper: dict[str, int] | None = None) -> Table:
    """A disclosure list table in the document engine's terms (widths scale to the page)."""
    columns: tuple[Column, ...] = table.columns
    return Table(
        columns=tuple(c.title for c in columns),
        rows=tuple(
            tuple(cell_text(v, c.kind) for c, v in zip(columns, row, strict=True))
            for row in table.rows
        ),
        widths=tuple(float((paper or {}).get(c.title, c.width)) for c in columns),
        centred=tuple(i for i, c in enumerate(columns) if c.kind in CENTRED_KINDS),
    )


def council_name(org: OrganisationProfile) -> str:
    """ "Ủy ban nhân dân phường Dị Sử" -> "Hội đồng nhân dân phường Dị Sử" (the report's addressee)."""
    return body_name(org).replace("Ủy ban nhân dân", "Hội đồng nhân dân", 1)


def _header(
    org: OrganisationProfile,
    symbol: str,
    today: date,
    number: str | None = None,
    issued_on: date | None = None,
) -> Header:
    """Number and day left blank for the records office, month and year of the draft (Đ15),
    until the outgoing register gives the number and date."""
    return register_header(org, symbol, today, number, issued_on)


def _reference(kind: str, header: Header, name: str) -> str:
    blank = "\u00a0" * 6
    day = decree_day(header.day) if header.day else blank
    month = decree_month(header.month) if header.month else blank
    return (
        f"(Kèm theo {kind} số {header.number or blank}/{header.symbol} ngày {day} tháng {month} "
        f"năm {header.year} của {name})"
    )


def _places_paragraphs(table: ListTable) -> list[Block]:
    if not table.rows:
        return [Paragraph("Trong quý không có nội dung nào bắt đầu công khai.", italic=True)]
    return [Paragraph(table.subtitle, italic=True), document_table(table, QUARTER_WIDTHS)]


def quarterly_document(
    table: ListTable,
    org: OrganisationProfile,
    year: int,
    quarter: int,
    *,
    today: date,
    draft: bool = False,
    margins: str = "compact",
    number: str | None = None,
    issued_on: date | None = None,
) -> Document:
    """Thông báo with the quarter's list as a landscape annex (to post at HQ and each TDP)."""
    name = body_name(org)
    roman = QUARTER_NAMES[quarter]
    header = _header(org, "TB", today, number, issued_on)
    summary = f"Danh sách các nội dung đã công khai quý {roman} năm {year}"
    count = len(table.rows)
    listed = (
        f"gồm {count} lượt nội dung theo từng hình thức và nơi công khai, chi tiết tại Phụ lục kèm theo"
        if count
        else "trong quý không có nội dung nào bắt đầu công khai"
    )
    start, end = quarter_span(year, quarter)
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện khoản 2 Điều 13 {LAW}, {name} thông báo danh sách các nội dung đã "
            f"thực hiện công khai trong quý {roman} năm {year} (từ ngày "
            f"{format_date(start)} đến ngày {format_date(end)}), {listed}."
        ),
        Paragraph(
            f"Danh sách này được niêm yết tại trụ sở Ủy ban nhân dân {org.level}, tại nhà văn "
            f"hóa các {org.resident_unit} và đăng trên Trang thông tin điện tử của {org.level}; "
            "được cập nhật hằng quý."
        ),
        Paragraph(
            "Mọi ý kiến phản ánh về việc thực hiện công khai, đề nghị gửi về Ủy ban nhân dân "
            f"{org.level} để xem xét, giải quyết theo quy định; {name} thông báo để Nhân dân biết./."
        ),
    ]
    annex = Annex(
        label="Phụ lục",
        title=f"Danh sách các nội dung đã công khai quý {roman} năm {year}",
        reference=_reference("Thông báo", header, name),
        blocks=tuple(_places_paragraphs(table)),
        landscape=True,
    )
    return Document(
        header=header,
        type_name="THÔNG BÁO",
        summary=summary,
        blocks=tuple(blocks),
        signature=signature_of(org),
        recipients=(
            f"Thường trực HĐND {org.level}",
            f"Ủy ban MTTQ Việt Nam {org.level}",
            f"Các {org.resident_unit} (niêm yết)",
            f"Trang TTĐT {org.level}",
        ),
        archive=archive_of(org),
        annexes=(annex,),
        draft=draft,
        margins=margins,
        title=f"Thông báo {summary}",
        author=name,
    )


def _problems(report: ListTable, limit: int = 12) -> list[Block]:
    """Items not met, one line each, from the report table's "Tồn tại" column."""
    titles = [c.title for c in report.columns]
    content, issues = titles.index("Nội dung công khai"), titles.index("Tồn tại")
    lines = [
        f"{row[content]}: {cell_text(row[issues], 'text')}" for row in report.rows if row[issues]
    ]
    if not lines:
        return [Paragraph("Không có nội dung nào công khai chưa đúng quy định.")]
    blocks: list[Block] = [Paragraph(line, label="-") for line in lines[:limit]]
    if len(lines) > limit:
        blocks.append(
            Paragraph(f"Và {len(lines) - limit} nội dung khác (xem Phụ lục I).", label="-")
        )
    return blocks


def not_arisen_paragraphs(not_arisen: tuple[tuple[str, str], ...]) -> list[Block]:
    if not not_arisen:
        return []
    blocks: list[Block] = [
        Paragraph(
            f"Có {len(not_arisen)} nội dung không phát sinh trong năm, không tính vào tỷ lệ đạt:"
        )
    ]
    blocks += [Paragraph(f"{what}: {reason}.", label="-") for what, reason in not_arisen]
    return blocks


def report_document(
    report: ListTable,
    summary_table: ListTable,
    score: YearScore,
    org: OrganisationProfile,
    year: int,
    *,
    today: date,
    draft: bool = False,
    margins: str = "compact",
    not_arisen: tuple[tuple[str, str], ...] = (),
    number: str | None = None,
    issued_on: date | None = None,
) -> Document:
    """Báo cáo kết quả thực hiện công khai thông tin năm (Đ14.3), two annexes.

    ``not_arisen``: (content, reason) of disclosures the clerk marked "không phát sinh trong
    năm"; they are left out of the rate, so the report says which and why."""
    name = body_name(org)
    header = _header(org, "BC", today, number, issued_on)
    overall = score.overall
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện khoản 3 Điều 14 {LAW}, {name} báo cáo quá trình và kết quả thực hiện "
            f"công khai thông tin năm {year} như sau:"
        ),
        Heading(SECTION, "I.", "KẾT QUẢ THỰC HIỆN"),
        Heading(CLAUSE, "1.", "Kết quả chung"),
        Paragraph(
            f"Kế hoạch công khai năm {year} có {len(report.rows)} nội dung. Tính đến ngày "
            f"{format_date(score.as_of)}, có {overall.assessable} nơi phải công khai đã đến "
            f"hạn, trong đó đạt {overall.met} nơi (tỷ lệ {overall.percent_text}), chưa đạt "
            f"{overall.failed} nơi; {overall.pending} nơi chưa đến hạn hoặc chờ văn bản căn "
            "cứ. Chi tiết từng nội dung tại Phụ lục I."
        ),
    ]
    blocks += not_arisen_paragraphs(not_arisen)
    blocks += [Heading(CLAUSE, "2.", "Kết quả theo nhóm nội dung")]
    for line in score.by_group:
        if line.assessable:
            text = f"{line.label}: đạt {line.met}/{line.assessable} nơi ({line.percent_text})"
            text += f", chưa đến hạn {line.pending} nơi;" if line.pending else ";"
        else:
            text = f"{line.label}: chưa có nơi nào đến hạn ({line.pending} nơi chưa đến hạn);"
        blocks.append(Paragraph(text, label="-"))
    blocks.append(Paragraph(f"Tỷ lệ đạt theo nhóm, {org.resident_unit} và mục tại Phụ lục II."))
    blocks.append(Heading(SECTION, "II.", "TỒN TẠI, HẠN CHẾ"))
    blocks += _problems(report)
    blocks.append(Heading(SECTION, "III.", "PHƯƠNG HƯỚNG THỜI GIAN TỚI"))
    blocks.append(
        Paragraph(
            "Tiếp tục công khai đầy đủ, đúng hạn, đúng hình thức các nội dung theo Kế hoạch; "
            "khắc phục ngay các nội dung chưa đạt; lập và niêm yết danh sách các nội dung đã "
            "công khai hằng quý."
        )
    )
    blocks.append(
        Paragraph(
            f"Trên đây là Báo cáo kết quả thực hiện công khai thông tin năm {year} của {name}."
        )
    )
    reference = _reference("Báo cáo", header, name)
    annexes = (
        Annex(
            "Phụ lục I",
            f"Kết quả thực hiện công khai thông tin năm {year}",
            reference,
            (Paragraph(report.subtitle, italic=True), document_table(report, REPORT_WIDTHS)),
            landscape=True,
        ),
        Annex(
            "Phụ lục II",
            f"Tỷ lệ thực hiện công khai đúng quy định năm {year}",
            reference,
            (
                Paragraph(summary_table.subtitle, italic=True),
                document_table(summary_table, SUMMARY_WIDTHS),
            ),
            landscape=False,
        ),
    )
    summary = f"Kết quả thực hiện công khai thông tin năm {year}"
    return Document(
        header=header,
        type_name="BÁO CÁO",
        summary=summary,
        blocks=tuple(blocks),
        signature=signature_of(org),
        recipients=(
            f"Ủy ban MTTQ Việt Nam {org.level}",
            f"Chủ tịch, các Phó Chủ tịch UBND {org.level}",
        ),
        kinh_gui=(council_name(org),),
        archive=archive_of(org),
        annexes=annexes,
        draft=draft,
        margins=margins,
        title=f"Báo cáo {summary}",
        author=name,
    )


class DisclosureDocuments:
    """The quarterly list and the year's report as ``Document`` values ready to render."""

    def __init__(self, session_factory: sessionmaker[Session], disclosure: DisclosureService):
        self._sessions = session_factory
        self._disclosure = disclosure
        self._organisation = OrganisationService(session_factory)

    def _register(self):
        from services.documents.register import RegisterService

        return RegisterService(self._sessions)

    def _margins(self) -> str:
        return self._register().options().margins

    @staticmethod
    def quarterly_subject(year: int, quarter: int) -> str:
        """The register's key for the quarter's Thông báo (one number per quarter and year)."""
        return f"disclosure-quarter:{year}:{quarter}"

    @staticmethod
    def report_subject(year: int) -> str:
        return f"disclosure-report:{year}"

    def _numbered(self, subject: str) -> dict:
        entry = self._register().for_subject(subject)
        if entry is None:
            return {}
        return {"number": entry.number_text, "issued_on": entry.issued_on}

    def quarterly_document(
        self, year: int, quarter: int, *, today: date | None = None, draft: bool = False
    ) -> Document:
        table = self._disclosure.quarterly_table(year, quarter)
        return quarterly_document(
            table,
            self._organisation.get(),
            year,
            quarter,
            today=today or self._disclosure.today(),
            draft=draft,
            margins=self._margins(),
            **self._numbered(self.quarterly_subject(year, quarter)),
        )

    def report_document(
        self, year: int, *, today: date | None = None, draft: bool = False
    ) -> Document:
        today = today or self._disclosure.today()
        report, summary, *_quarters = self._disclosure.report_tables(year, today=today)
        not_arisen = tuple(
            (row.heading, row.not_arisen_reason.rstrip(" ."))
            for row in self._disclosure.disclosures(year, today=today)
            if row.not_arisen_reason and row.trigger_date is None
        )
        return report_document(
            report,
            summary,
            self._disclosure.score(year, today=today),
            self._organisation.get(),
            year,
            today=today,
            draft=draft,
            margins=self._margins(),
            not_arisen=not_arisen,
            **self._numbered(self.report_subject(year)),
        )

    def _job(self, year: int, choice: int) -> tuple[str, str, Document]:
        """(type, register key, signed document) of a quarter's notice (1-4) or the report (0)."""
        if choice:
            subject = self.quarterly_subject(year, choice)
            return "TB", subject, self.quarterly_document(year, choice)
        return "BC", self.report_subject(year), self.report_document(year)

    def pending_number(self, year: int, choice: int, issued_on: date):
        """What "Vào sổ, cấp số" would give the notice (``choice`` 1-4) or the report (0)."""
        doc_type, _subject, document = self._job(year, choice)
        return self._register().pending(doc_type, document.header.symbol, issued_on)

    def number(
        self, year: int, choice: int, issued_on: date, *, expected_number: int | None = None
    ):
        """Enter the signed notice or report in the outgoing register; it then prints the number."""
        doc_type, subject, document = self._job(year, choice)
        return self._register().issue_document(
            doc_type, document, issued_on, subject=subject, expected_number=expected_number
        )

    def number_of(self, year: int, choice: int):
        subject = self.quarterly_subject(year, choice) if choice else self.report_subject(year)
        return self._register().for_subject(subject)
