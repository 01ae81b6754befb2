"""SQLAlchemy ORM models of ParDesk (no Qt, no SQLite-only constructs).

Importing this package imports every model module so that ``Base.metadata`` is complete
for Alembic and for the schema test.
"""

from models.base import Base
from models.organisation import Organisation
from models.plan import Plan, PlanSection, PlanTask, task_partners
from models.progress import TaskOccurrence, TaskProgress
from models.unit import Unit

__all__ = [
    "Base",
    "Organisation",
    "Plan",
    "PlanSection",
    "PlanTask",
    "TaskOccurrence",
    "TaskProgress",
    "Unit",
    "task_partners",
]
