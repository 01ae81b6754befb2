"""Health report of a database for `main.py check` and support staff.

Besides the schema revision, the record counts and SQLite's integrity check, it looks at
what a year of use breaks: evidence files missing or altered (against the sha256 each evidence row
names its file by), files in the evidence folder that nothing refers to, and rows whose parent
record is gone.

``removable_evidence`` / ``repair_evidence`` (``main.py check --repair``, and every start)
remove only evidence files ParDesk itself made that no record points at: a stored file whose
name is its own sha256 (an import killed between the copy and the commit, or a deletion
killed between the commit and the unlink), and an ``.incoming-<pid>-*`` copy whose process is
gone. Any other file in the folder stays, listed as a warning.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import MetaData, and_, func, inspect, select, text

import models
from models import EvidenceFile
from services.safety import leftovers
from services.scores.evidence_files import store_name
from services.store.db import Database
from services.store.paths import evidence_folder_of
from services.store.schema import HEAD_REVISION, current_revision

LISTED = 50  # at most this many findings of one kind are listed
_STORED = re.compile(r"^(?P<head>[0-9a-f]{2})/(?P<sha>[0-9a-f]{64})$")


@dataclass(frozen=True)
class CheckReport:
    location: str
    revision: str | None
    head: str
    counts: dict[str, int] = field(default_factory=dict)
    integrity: list[str] = field(default_factory=list)
    evidence_files: int = 0
    evidence_table: str | None = None
    missing_files: list[str] = field(default_factory=list)
    altered_files: list[str] = field(default_factory=list)
    orphan_files: list[str] = field(default_factory=list)  # a warning: nothing refers to them
    orphan_rows: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.revision == self.head
            and self.integrity == ["ok"]
            and not self.missing_files
            and not self.altered_files
            and not self.orphan_rows
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _orphan_rows(connection) -> list[str]:
    metadata = MetaData()
    metadata.reflect(connection)
    found: list[str] = []
    for table in metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        for fk in table.foreign_key_constraints:
            if len(fk.elements) != 1:
                continue
            element = fk.elements[0]
            child, parent_col = element.parent, element.column
            parent = parent_col.table.alias("parent")
            rows = connection.execute(
                select(*pk, child)
                .select_from(table.outerjoin(parent, parent.c[parent_col.name] == child))
                .where(and_(child.is_not(None), parent.c[parent_col.name].is_(None)))
                .limit(LISTED)
            ).all()
            for row in rows:
                key = "/".join(str(v) for v in row[:-1])
                found.append(
                    f"{table.name} #{key}: {child.name} = {row[-1]} trỏ tới "
                    f"{parent_col.table.name} không còn"
                )
    return found


def check_database(db: Database) -> CheckReport:
    with db.engine.connect() as connection:
        revision = current_revision(connection)
        counts = {}
        existing = set(inspect(connection).get_table_names())
        for name, table in sorted(models.Base.metadata.tables.items()):
            if name in existing:
                counts[name] = connection.scalar(select(func.count()).select_from(table)) or 0
        if connection.dialect.name == "sqlite":
            integrity = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
        else:
            integrity = ["ok"]  # a server checks its own pages
        orphan_rows = _orphan_rows(connection) if integrity == ["ok"] else []
        has_evidence = EvidenceFile.__tablename__ in existing
        recorded: dict[str, str] = {}
        if has_evidence:
            for digest in connection.scalars(select(EvidenceFile.sha256)):
                recorded[store_name(digest)] = digest
    report = CheckReport(
        db.url,
        revision,
        HEAD_REVISION,
        counts,
        integrity,
        evidence_table=EvidenceFile.__tablename__ if has_evidence else None,
        orphan_rows=orphan_rows,
    )
    _check_evidence_folder(evidence_folder_of(db.path), recorded, has_evidence, report)
    return report


def _check_evidence_folder(
    folder: Path, recorded: dict[str, str], has_table: bool, report: CheckReport
) -> None:
    on_disk = (
        {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
        if folder.is_dir()
        else {}
    )
    object.__setattr__(report, "evidence_files", len(on_disk))
    for relative, digest in sorted(recorded.items()):
        path = on_disk.get(relative) or on_disk.get(relative.removeprefix("evidence/"))
        if path is None:
            report.missing_files.append(relative)
        elif digest and _sha256(path) != digest.lower():
            report.altered_files.append(relative)
    if has_table:
        known = set(recorded) | {r.removeprefix("evidence/") for r in recorded}
        report.orphan_files.extend(r for r in sorted(on_disk) if r not in known)


def removable_evidence(db: Database) -> list[Path]:
    """Evidence files ParDesk made that no record points at (proved by the query just run).

    A stored file counts only when its content still hashes to its name, so nothing a user
    dropped into the folder, nor a file a record names, is ever listed. The caller must know
    no other window is importing at this moment (``repair_evidence`` checks for SQLite).
    """
    folder = evidence_folder_of(db.path)
    if not folder.is_dir():
        return []
    with db.engine.connect() as connection:
        if EvidenceFile.__tablename__ not in set(inspect(connection).get_table_names()):
            return []  # no table: nothing can prove a file is unused
        recorded = {d.lower() for d in connection.scalars(select(EvidenceFile.sha256)) if d}
    found = leftovers.stale_incoming(folder)
    for path in sorted(folder.glob("??/*")):
        match = _STORED.match(path.relative_to(folder).as_posix())
        if match is None or not path.is_file() or match["sha"] in recorded:
            continue
        if match["sha"].startswith(match["head"]) and _sha256(path) == match["sha"]:
            found.append(path)
    return found


def repair_evidence(db: Database) -> leftovers.Tidied:
    """Remove what ``removable_evidence`` lists; refused while another window has the file.

    Another window could be between copying a file in and committing its record, so for a
    SQLite file the repair runs only when no other connection is open; a server database
    (many PCs) is left to support staff and ``check``.
    """
    from services.errors import UserError
    from services.safety.restore import ensure_not_in_use

    if not removable_evidence(db):
        return leftovers.Tidied()
    if db.path is None:
        return leftovers.Tidied(
            notes=("Dữ liệu trên máy chủ: không tự xóa tệp tài liệu kiểm chứng thừa.",)
        )
    db.dispose()  # our own pooled connections must not count as "another window"
    try:
        ensure_not_in_use(db.path)
    except UserError:
        return leftovers.Tidied(
            notes=(
                "Tệp dữ liệu đang được mở ở cửa sổ ParDesk khác: chưa xóa tệp tài liệu kiểm "
                "chứng thừa. Hãy đóng các cửa sổ khác rồi chạy “main.py check --repair”.",
            )
        )
    removed = [p for p in removable_evidence(db) if leftovers.remove_path(p)]  # proved afresh
    return leftovers.Tidied(tuple(removed))
