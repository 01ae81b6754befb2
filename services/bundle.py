"""The services of one open database, built once by main.py and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.accounts import AccountService
from services.audit_trail import AuditService
from services.db import Database
from services.disclosure.service import DisclosureService
from services.disclosure.setup import DisclosureSetup
from services.documents.service import DocumentService
from services.excel_import import ProgressImportService
from services.excel_tasks import ExcelService
from services.legal.register import LegalRegisterService
from services.legal.reviews import LegalReviewService
from services.legal.surveys import SurveyService
from services.legal.systematisation import SystematisationService
from services.organisation import OrganisationService
from services.plans import PlanService
from services.progress import ProgressService
from services.scores.assessments import AssessmentService
from services.scores.evidence import EvidenceService
from services.scores.frameworks import FrameworkService
from services.scores.sipas import SipasService
from services.units import UnitService


@dataclass(frozen=True)
class Services:
    database: Database
    organisation: OrganisationService
    units: UnitService
    plans: PlanService
    frameworks: FrameworkService
    assessments: AssessmentService
    evidence: EvidenceService
    sipas: SipasService
    disclosure_setup: DisclosureSetup
    disclosure: DisclosureService
    legal: LegalRegisterService
    legal_reviews: LegalReviewService
    legal_cycles: SystematisationService
    legal_surveys: SurveyService
    audit: AuditService
    documents: DocumentService
    progress: ProgressService
    excel: ExcelService
    progress_import: ProgressImportService
    accounts: AccountService | None = None


def build_services(database: Database) -> Services:
    factory = database.session_factory
    plans = PlanService(factory)
    units = UnitService(factory)
    disclosure_setup = DisclosureSetup(factory)
    return Services(
        database=database,
        organisation=OrganisationService(factory),
        units=units,
        plans=plans,
        frameworks=FrameworkService(factory),
        assessments=AssessmentService(factory, plans),
        evidence=EvidenceService(factory, evidence_folder(database)),
        sipas=SipasService(factory),
        disclosure_setup=disclosure_setup,
        disclosure=DisclosureService(factory, disclosure_setup),
        legal=LegalRegisterService(factory),
        legal_reviews=LegalReviewService(factory),
        legal_cycles=SystematisationService(factory),
        legal_surveys=SurveyService(factory),
        audit=AuditService(factory),
        documents=DocumentService(factory),
        progress=ProgressService(factory),
        excel=ExcelService(plans, units),
        progress_import=ProgressImportService(factory, plans),
        accounts=AccountService(factory),
    )


def evidence_folder(database: Database) -> Path:
    """Evidence files live beside the database file (or in the data folder for a server)."""
    from services.paths import data_dir

    return (database.path.parent if database.path else data_dir()) / "evidence"
