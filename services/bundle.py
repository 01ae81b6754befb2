"""The services of one open database, built once by main.py and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from services.db import Database
from services.excel_import import ProgressImportService
from services.excel_tasks import ExcelService
from services.organisation import OrganisationService
from services.plans import PlanService
from services.progress import ProgressService
from services.units import UnitService


@dataclass(frozen=True)
class Services:
    database: Database
    organisation: OrganisationService
    units: UnitService
    plans: PlanService
    progress: ProgressService
    excel: ExcelService
    progress_import: ProgressImportService


def build_services(database: Database) -> Services:
    factory = database.session_factory
    return Services(
        database=database,
        organisation=OrganisationService(factory),
        units=UnitService(factory),
        plans=PlanService(factory),
        progress=ProgressService(factory),
        excel=ExcelService(PlanService(factory), UnitService(factory)),
        progress_import=ProgressImportService(factory, PlanService(factory)),
    )
