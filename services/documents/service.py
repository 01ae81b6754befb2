"""Documents of one database: the plan and its reports as descriptions ready to render.

The UI and the command line ask this service for a ``Document`` and hand it to
``services.documents.render``; numbering goes through the outgoing register.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from services.documents.model import Document
from services.documents.periods import Period
from services.documents.periods import period as make_period
from services.documents.plan_document import Numbering, plan_document
from services.documents.register import (
    PendingNumber,
    RegisterEntry,
    RegisterService,
    register_recipients,
)
from services.documents.reports import ReportService, ReportText
from services.errors import NotFoundError, UserError
from services.office.organisation import OrganisationProfile, OrganisationService
from services.office.units import UnitService
from services.plan.as_of import load_histories, plan_as_of
from services.plan.plans import PlanInfo, PlanService, TaskRow
from services.text import format_date


def _numbering(entry: RegisterEntry | None) -> Numbering | None:
    if entry is None:
        return None
    d = entry.issued_on
    return Numbering(entry.number_text, d.day, d.month, d.year)


class DocumentService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory
        self.plans = PlanService(session_factory)
        self.organisation = OrganisationService(session_factory)
        self.units = UnitService(session_factory)
        self.register = RegisterService(session_factory)
        self.reports = ReportService(session_factory)

    def plan(self, year: int) -> PlanInfo:
        plan = self.plans.plan_for_year(year)
        if plan is None:
            raise NotFoundError(f"Chưa có kế hoạch năm {year} trong dữ liệu.")
        return plan

    def plan_document(self, year: int, *, draft: bool = False, annex: bool = False) -> Document:
        """The Kế hoạch; ``annex`` adds the landscape task assignment table (Phụ lục)."""
        plan = self.plan(year)
        if not draft:
            _require_signer(self.organisation.get(), "Kế hoạch")
        names = {u.code: u.name for u in self.units.list()} if annex else None
        return plan_document(
            plan,
            self.plans.sections(plan.id),
            self.plans.tasks(plan.id),
            self.organisation.get(),
            draft=draft,
            numbering=_numbering(self.register.for_plan(plan.id)),
            margins=self.register.options().margins,
            annex=annex,
            unit_names=names,
        )

    def report_text(self, year: int, period: str) -> ReportText:
        plan = self.plan(year)
        code = make_period(period, year).code
        return self.reports.get(plan.id, code) or ReportText(plan_id=plan.id, period=code)

    def report_document(
        self, year: int, period: str, *, draft: bool = False, today: date | None = None
    ) -> Document:
        from services.documents.report_document import report_document

        plan = self.plan(year)
        chosen = make_period(period, year)
        org = self.organisation.get()
        tasks = self.tasks_as_of(plan, chosen, today or date.today())
        if not draft:
            _require_signer(org, "Báo cáo")
        text = self.reports.get(plan.id, chosen.code)
        entry = self.register.for_report(text.id) if text and text.id else None
        return report_document(
            plan,
            self.plans.sections(plan.id),
            tasks,
            org,
            chosen,
            text,
            plan_numbering=_numbering(self.register.for_plan(plan.id)),
            numbering=_numbering(entry),
            today=today,
            draft=draft,
            margins=self.register.options().margins,
        )

    def tasks_as_of(self, plan: PlanInfo, chosen: Period, today: date) -> list[TaskRow]:
        """The plan's tasks as they stood at the end of ``chosen`` (today for a period still
        running), refusing a period not begun yet or a plan with nothing to report on."""
        if chosen.start > today:
            raise UserError(
                f"Kỳ báo cáo {chosen.label} chưa bắt đầu (từ ngày {format_date(chosen.start)}): "
                "chưa lập được báo cáo cho kỳ này. Hãy chọn kỳ đã qua hoặc đang diễn ra."
            )
        tasks = self.plans.tasks(plan.id)
        if not any(t.actionable for t in tasks):
            raise UserError(
                f"Kế hoạch năm {plan.year} chưa có nhiệm vụ nào cần giao và theo dõi, nên chưa "
                f"có gì để báo cáo {chosen.label}. Hãy thêm nhiệm vụ ở mục Kế hoạch trước."
            )
        with self._sessions() as session:
            histories = load_histories(session, plan.id)
        return plan_as_of(tasks, histories, min(chosen.end, today), plan.year)

    def plan_number(self, year: int) -> RegisterEntry | None:
        return self.register.for_plan(self.plan(year).id)

    def report_number(self, year: int, period: str) -> RegisterEntry | None:
        text = self.report_text(year, period)
        return self.register.for_report(text.id) if text.id else None

    def _plan_issue(self, year: int) -> tuple[str, str, dict]:
        plan = self.plan(year)
        return plan.symbol, f"Kế hoạch {plan.summary}", {"plan_id": plan.id}

    def _report_issue(self, year: int, period: str, *, save: bool) -> tuple[str, str, dict]:
        text = self.report_text(year, period)
        if text.id is None and save:
            text = self.reports.save(text)
        org = self.organisation.get()
        summary = f"Báo cáo {make_period(period, year).label}"
        return f"BC-{org.symbol_suffix}", summary, {"report_id": text.id}

    def pending_plan_number(self, year: int, issued_on: date) -> PendingNumber:
        """What "Vào sổ, cấp số" would give the plan (shown to confirm; nothing written)."""
        symbol, _summary, _link = self._plan_issue(year)
        return self.register.pending("KH", symbol, issued_on)

    def pending_report_number(self, year: int, period: str, issued_on: date) -> PendingNumber:
        symbol, _summary, _link = self._report_issue(year, period, save=False)
        return self.register.pending("BC", symbol, issued_on)

    def number_plan(
        self, year: int, issued_on: date, *, expected_number: int | None = None
    ) -> RegisterEntry:
        """Register the signed plan: it gets the next KH number and the signing date."""
        symbol, summary, link = self._plan_issue(year)
        signed = self.plan_document(year)  # the signing version: refused without a signer
        return self.register.issue(
            "KH",
            symbol,
            issued_on,
            summary,
            signer=signed.signature.name,
            recipients=register_recipients(signed),
            expected_number=expected_number,
            **link,
        )

    def number_report(
        self, year: int, period: str, issued_on: date, *, expected_number: int | None = None
    ) -> RegisterEntry:
        # Built first: a period not begun, no task or no signer is refused before the report's
        # text row is saved for the number.
        signed = self.report_document(year, period, today=issued_on)
        symbol, summary, link = self._report_issue(year, period, save=True)
        return self.register.issue(
            "BC",
            symbol,
            issued_on,
            summary,
            signer=signed.signature.name,
            recipients=register_recipients(signed),
            expected_number=expected_number,
            **link,
        )

    def register_pdf(self, year: int) -> bytes:
        """The year's sổ văn bản đi as PDF bytes (to preview or print)."""
        from services.documents.register_book import register_pdf

        return register_pdf(self.register.entries(year), year, self.organisation.get())

    def write_register(self, year: int, path: Path) -> Path:
        """The year's sổ văn bản đi as .pdf or .xlsx (by the file's ending)."""
        from services.documents.register_book import write_register_pdf, write_register_xlsx

        entries = self.register.entries(year)
        org = self.organisation.get()
        if Path(path).suffix.lower() == ".pdf":
            return write_register_pdf(entries, year, org, Path(path))
        return write_register_xlsx(entries, year, org, Path(path))


def _require_signer(org: OrganisationProfile, kind: str) -> None:
    """A version for signing names its signer (Decree 30, Phụ lục I, ô số 7)."""
    missing = [
        label
        for label, value in (("họ tên người ký", org.signer_name), ("chức vụ", org.signer_title))
        if not value.strip()
    ]
    if missing:
        raise UserError(
            f"{kind} trình ký chưa có {' và '.join(missing)}. Hãy nhập ở Cài đặt → Thông tin "
            "đơn vị… (mục Người ký), hoặc chọn “Bản dự thảo” để xem trước."
        )
