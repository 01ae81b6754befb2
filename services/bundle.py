"""The services of one open database, built once by main.py and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.accounts.users import AccountService
from services.disclosure.documents import DisclosureDocuments
from services.disclosure.evidence import PostingEvidenceService
from services.disclosure.index_link import DisclosureIndexLink
from services.disclosure.service import DisclosureService
from services.disclosure.setup import DisclosureSetup
from services.documents.service import DocumentService
from services.legal.printing import LegalDocumentService
from services.legal.register import LegalRegisterService
from services.legal.reviews import LegalReviewService
from services.legal.surveys import SurveyService
from services.legal.systematisation import SystematisationService
from services.office.organisation import OrganisationService
from services.office.units import UnitService
from services.plan.excel_progress import ProgressImportService
from services.plan.excel_tasks import ExcelService
from services.plan.plans import PlanService
from services.plan.progress import ProgressService
from services.safety.audit_trail import AuditService
from services.scores.assessments import AssessmentService
from services.scores.evidence import EvidenceService
from services.scores.explanation_document import ExplanationDocuments
from services.scores.frameworks import FrameworkService
from services.scores.rounds import AppraisalRoundService
from services.scores.sipas import SipasService
from services.scores.year_mapping import CriterionMappingService
from services.store.db import Database
from services.store.paths import evidence_folder_of


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
    disclosure_documents: DisclosureDocuments | None = None
    disclosure_evidence: PostingEvidenceService | None = None
    disclosure_index: DisclosureIndexLink | None = None
    legal_documents: LegalDocumentService | None = None
    accounts: AccountService | None = None
    appraisal_rounds: AppraisalRoundService | None = None
    appraisal_documents: ExplanationDocuments | None = None
    criterion_mappings: CriterionMappingService | None = None


def build_services(database: Database) -> Services:
    factory = database.session_factory
    plans = PlanService(factory)
    units = UnitService(factory)
    disclosure_setup = DisclosureSetup(factory)
    disclosure = DisclosureService(factory, disclosure_setup)
    evidence = EvidenceService(factory, evidence_folder(database))
    return Services(
        database=database,
        organisation=OrganisationService(factory),
        units=units,
        plans=plans,
        frameworks=FrameworkService(factory),
        assessments=AssessmentService(factory, plans),
        evidence=evidence,
        sipas=SipasService(factory),
        disclosure_setup=disclosure_setup,
        disclosure=disclosure,
        legal=LegalRegisterService(factory),
        legal_reviews=LegalReviewService(factory),
        legal_cycles=SystematisationService(factory),
        legal_surveys=SurveyService(factory),
        audit=AuditService(factory),
        documents=DocumentService(factory),
        progress=ProgressService(factory),
        excel=ExcelService(plans, units),
        progress_import=ProgressImportService(factory, plans),
        disclosure_documents=DisclosureDocuments(factory, disclosure),
        disclosure_evidence=PostingEvidenceService(factory, evidence),
        disclosure_index=DisclosureIndexLink(factory, disclosure),
        legal_documents=LegalDocumentService(factory),
        accounts=AccountService(factory),
        appraisal_rounds=AppraisalRoundService(factory),
        appraisal_documents=ExplanationDocuments(factory),
        criterion_mappings=CriterionMappingService(factory),
    )


def evidence_folder(database: Database) -> Path:
    """Evidence files live beside the database file (or in the data folder for a server)."""
    return evidence_folder_of(database.path)
