"""The legal area's printable documents, ready for ``services.documents.render``.

The UI and ``main.py pdf legal-list`` ask this service for a ``Document``: the decision
publishing a list (``services.legal.decisions``), the systematisation report
(``services.legal.cycle_report``) and the review form (``services.legal.form_document``).
Lists come from the same builders as the screen and the .xlsx files, so all three agree.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from services.documents.model import Document
from services.documents.register import RegisterEntry, RegisterService
from services.errors import UserError
from services.legal.lists import LIST_KINDS, LegalList
from services.legal.reviews import LegalReviewService
from services.legal.systematisation import CycleRow, SystematisationService
from services.office.organisation import OrganisationService

# The kinds of ``main.py pdf legal-list --kind`` and the list each prints.
PDF_KINDS: dict[str, str] = {
    "expired": "expired",
    "in-force": "in-force",
    "expired-whole": "expired-whole",
    "expired-part": "expired-part",
    "to-amend": "needing-action",
}
# The order of ``SystematisationService.cycle_lists``.
CYCLE_ORDER = ("expired-whole", "expired-part", "in-force", "needing-action")


def kind_label(kind: str) -> str:
    return LIST_KINDS[PDF_KINDS[kind]]


class LegalDocumentService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.cycles = SystematisationService(session_factory)
        self.reviews = LegalReviewService(session_factory)
        self.organisation = OrganisationService(session_factory)
        self.register = RegisterService(session_factory)

    def cycle_for_year(self, year: int) -> CycleRow | None:
        """The latest-starting cycle whose period contains ``year``."""
        covering = [c for c in self.cycles.cycles() if c.start_on.year <= year <= c.cutoff_on.year]
        return max(covering, key=lambda c: c.start_on) if covering else None

    def list_for(self, kind: str, year: int) -> tuple[LegalList, CycleRow | None]:
        """The list of ``kind`` for ``year``: the yearly list, or that of the year's cycle."""
        if kind not in PDF_KINDS:
            known = ", ".join(PDF_KINDS)
            raise UserError(f"Loại danh mục “{kind}” không có; chọn một trong: {known}.")
        if kind == "expired":
            legal_list = self.cycles.annual_list(year)
            if not legal_list.rows:
                raise UserError(
                    f"Năm {year} không có văn bản nào hết hiệu lực, tạm ngưng hiệu lực "
                    "phải công bố; không có danh mục để in."
                )
            return legal_list, None
        cycle = self.cycle_for_year(year)
        if cycle is None:
            raise UserError(
                f"Năm {year} không thuộc kỳ hệ thống hóa nào; hãy thêm kỳ ở thẻ "
                "“Danh mục, hệ thống hóa” của mục Rà soát văn bản."
            )
        return self.cycle_list(cycle.id, PDF_KINDS[kind]), cycle

    def cycle_list(self, cycle_id: int, code: str) -> LegalList:
        cycle = self.cycles.cycle(cycle_id)
        legal_list = self.cycles.cycle_lists(cycle_id)[CYCLE_ORDER.index(code)]
        if not legal_list.rows:
            raise UserError(
                f"{legal_list.title} của kỳ hệ thống hóa {cycle.name} không có văn bản nào; "
                "không có danh mục để in."
            )
        return legal_list

    def list_document(self, kind: str, year: int, *, today: date | None = None) -> Document:
        """The decision publishing a list (see ``services.legal.decisions`` for why)."""
        legal_list, cycle = self.list_for(kind, year)
        return self._decision(
            legal_list, cycle, year, today, self._subject(legal_list, cycle, year)
        )

    def cycle_list_document(
        self, cycle_id: int, code: str, *, today: date | None = None
    ) -> Document:
        cycle = self.cycles.cycle(cycle_id)
        legal_list = self.cycle_list(cycle_id, code)
        return self._decision(
            legal_list, cycle, None, today, self._subject(legal_list, cycle, None)
        )

    @staticmethod
    def _subject(legal_list: LegalList, cycle: CycleRow | None, year: int | None) -> str:
        """The register's key of a decision: the yearly list of a year, or a cycle's list."""
        if cycle is not None:
            return f"legal-cycle:{cycle.id}:{legal_list.code}"
        return f"legal-list:{legal_list.code}:{year}"

    def list_subject(self, kind: str, year: int) -> str:
        legal_list, cycle = self.list_for(kind, year)
        return self._subject(legal_list, cycle, year)

    def cycle_subject(self, cycle_id: int, code: str) -> str:
        return self._subject(self.cycle_list(cycle_id, code), self.cycles.cycle(cycle_id), None)

    def _decision(
        self,
        legal_list: LegalList,
        cycle: CycleRow | None,
        year: int | None,
        today: date | None,
        subject: str,
    ) -> Document:
        """Numbered and dated as the register has it; its legal bases those of that date."""
        from services.legal.decisions import publication_decision

        entry = self.register.for_subject(subject)
        period = f"kỳ hệ thống hóa {cycle.name}" if cycle is not None else f"năm {year}"
        return publication_decision(
            legal_list,
            self.organisation.get(),
            today=entry.issued_on if entry else (today or date.today()),
            period_text=period,
            cycle=cycle,
            margins=self.register.options().margins,
            rules=self.cycles.rules,
            number=entry.number_text if entry else None,
        )

    def pending_decision_number(self, document: Document, issued_on: date):
        """What "Vào sổ, cấp số" would give the decision (shown to confirm; nothing written)."""
        return self.register.pending("QĐ", document.header.symbol, issued_on)

    def number_decision(
        self, subject: str, document: Document, issued_on: date, *, expected_number=None
    ) -> RegisterEntry:
        """Enter the signed decision in the outgoing register (QĐ); it then prints the number."""
        return self.register.issue_document(
            "QĐ", document, issued_on, subject=subject, expected_number=expected_number
        )

    def number_list(self, kind: str, year: int, issued_on: date) -> RegisterEntry:
        return self.number_decision(
            self.list_subject(kind, year), self.list_document(kind, year), issued_on
        )

    def number_cycle_list(self, cycle_id: int, code: str, issued_on: date) -> RegisterEntry:
        return self.number_decision(
            self.cycle_subject(cycle_id, code), self.cycle_list_document(cycle_id, code), issued_on
        )

    def cycle_report_document(self, cycle_id: int, *, today: date | None = None) -> Document:
        from services.legal.cycle_report import cycle_report

        cycle = self.cycles.cycle(cycle_id)
        lists = self.cycles.cycle_lists(cycle_id)
        reviews = [
            r
            for r in self.reviews.reviews()
            if r.reviewed_on is not None and cycle.start_on <= r.reviewed_on <= cycle.cutoff_on
        ]
        return cycle_report(
            cycle,
            lists,
            reviews,
            self.organisation.get(),
            today=today or date.today(),
            margins=self.register.options().margins,
        )

    def statistics_document(self, year: int, *, today: date | None = None) -> Document:
        """The year's review figures as the Báo cáo to the Sở Tư pháp."""
        from services.legal.statistics_report import statistics_report

        return statistics_report(
            self.cycles.year_statistics(year),
            self.cycles.annual_status(year - 1),
            self.organisation.get(),
            year,
            today=today or date.today(),
            margins=self.register.options().margins,
        )

    def review_form_document(self, review_id: int, *, today: date | None = None) -> Document:
        from services.legal.form_document import review_form_document

        org = self.organisation.get()
        form = self.reviews.form(review_id, body=org.body_line2)
        review = self.reviews.review(review_id)
        return review_form_document(
            form,
            review,
            org,
            today=today or date.today(),
            margins=self.register.options().margins,
        )
