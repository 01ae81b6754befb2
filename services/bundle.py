"""The services of one open database, built once by main.py and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from services.db import Database
from services.legal.register import LegalRegisterService
from services.legal.reviews import LegalReviewService
from services.legal.surveys import SurveyService
from services.legal.systematisation import SystematisationService
from services.organisation import OrganisationService
from services.plans import PlanService
from services.units import UnitService


@dataclass(frozen=True)
class Services:
    database: Database
    organisation: OrganisationService
    units: UnitService
    plans: PlanService
    legal: LegalRegisterService
    legal_reviews: LegalReviewService
    legal_cycles: SystematisationService
    legal_surveys: SurveyService


def build_services(database: Database) -> Services:
    factory = database.session_factory
    return Services(
        database=database,
        organisation=OrganisationService(factory),
        units=UnitService(factory),
        plans=PlanService(factory),
        legal=LegalRegisterService(factory),
        legal_reviews=LegalReviewService(factory),
        legal_cycles=SystematisationService(factory),
        legal_surveys=SurveyService(factory),
    )
