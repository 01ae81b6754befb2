"""Health report of a database for `main.py check` and support staff."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

import models
from services.db import Database
from services.schema import HEAD_REVISION, current_revision


@dataclass(frozen=True)
class CheckReport:
    location: str
    revision: str | None
    head: str
    counts: dict[str, int] = field(default_factory=dict)
    integrity: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.revision == self.head and self.integrity == ["ok"]


def check_database(db: Database) -> CheckReport:
    with db.engine.connect() as connection:
        revision = current_revision(connection)
        counts = {}
        for name, table in sorted(models.Base.metadata.tables.items()):
            counts[name] = connection.scalar(select(func.count()).select_from(table)) or 0
        if connection.dialect.name == "sqlite":
            integrity = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
        else:
            integrity = ["ok"]  # a server checks its own pages
    return CheckReport(db.url, revision, HEAD_REVISION, counts, integrity)
