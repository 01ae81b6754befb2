"""One entry of the audit trail as the program shows it: who, when, what, and each field's change.

Read by services.safety.audit_trail and written out by services.safety.audit_export, so the type
lives below both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.safety.audit import ACTION_LABELS, TABLE_LABELS


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        if self.old and self.new:
            return f"{self.label}: {self.old} → {self.new}"
        return f"{self.label}: {self.new or self.old}"


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    table_name: str
    record_id: str
    record_label: str
    changes: tuple[FieldChange, ...]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table_name, self.table_name)

    @property
    def summary(self) -> str:
        return "; ".join(str(c) for c in self.changes)
