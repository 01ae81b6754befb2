"""SQLAlchemy ORM models of ParDesk (no Qt, no SQLite-only constructs).

Importing this package imports every model module so that ``Base.metadata`` is complete
for Alembic and for the schema test.
"""

from models.accounts import AppSetting, UserAccount
from models.audit import AuditEntry
from models.base import Base
from models.disclosure import (
    Disclosure,
    DisclosureItem,
    DisclosureRule,
    Holiday,
    Posting,
    ResidentialGroup,
    posting_evidence,
)
from models.documents import DocumentSettings, OutgoingDocument, Report
from models.legal import (
    LegalAnnualPublication,
    LegalCycle,
    LegalDocument,
    LegalEffectEvent,
    LegalReview,
    LegalReviewFinding,
    LegalSurvey,
    LegalSurveyDocument,
    LegalUnlawfulCase,
    legal_bases,
)
from models.organisation import Organisation
from models.plan import Plan, PlanSection, PlanTask, task_partners
from models.progress import TaskOccurrence, TaskProgress
from models.scores import (
    AppraisalRound,
    AppraisalScore,
    Criterion,
    CriterionMapping,
    EvidenceFile,
    IndexFramework,
    SipasResponse,
    appraisal_evidence,
    criterion_task_links,
    evidence_criteria,
    evidence_tasks,
)
from models.unit import Unit

__all__ = [
    "AppSetting",
    "UserAccount",
    "AuditEntry",
    "Base",
    "Disclosure",
    "DisclosureItem",
    "DisclosureRule",
    "Holiday",
    "Posting",
    "ResidentialGroup",
    "posting_evidence",
    "LegalAnnualPublication",
    "LegalCycle",
    "LegalDocument",
    "LegalEffectEvent",
    "LegalReview",
    "LegalReviewFinding",
    "LegalSurvey",
    "LegalSurveyDocument",
    "LegalUnlawfulCase",
    "DocumentSettings",
    "OutgoingDocument",
    "Report",
    "Organisation",
    "Plan",
    "PlanSection",
    "PlanTask",
    "TaskOccurrence",
    "TaskProgress",
    "Unit",
    "legal_bases",
    "task_partners",
    "AppraisalRound",
    "AppraisalScore",
    "Criterion",
    "EvidenceFile",
    "CriterionMapping",
    "IndexFramework",
    "SipasResponse",
    "criterion_task_links",
    "evidence_criteria",
    "evidence_tasks",
    "appraisal_evidence",
]
