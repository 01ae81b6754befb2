"""Move a ward's data between databases (SQLite file ⇄ PostgreSQL server), checked row for row.

The target is migrated to the current schema and must be empty; every table is copied in
foreign-key order in one transaction, server sequences are moved past the copied ids, and
then both sides are read back table by table and compared value by value. Anything that
differs is reported and the copy is refused (rolled back when it happened in this run).
Evidence files (kept beside a SQLite file, or in the data folder for a server) are copied too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, func, select, text, update

import models
from services.errors import UserError
from services.store.db import Database

CHUNK = 1000


@dataclass(frozen=True)
class TransferReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    evidence_files: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables() -> list[Table]:
    return list(models.Base.metadata.sorted_tables)


def _order(table: Table):
    return list(table.primary_key.columns) or list(table.columns)


def _self_refs(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _count_rows(connection: Connection) -> dict[str, int]:
    return {t.name: connection.scalar(select(func.count()).select_from(t)) or 0 for t in _tables()}


def copy_rows(source: Connection, target: Connection) -> dict[str, int]:
    """Insert every row of ``source`` into ``target`` (same schema, target empty)."""
    counts: dict[str, int] = {}
    for table in _tables():
        self_refs = _self_refs(table)
        later: list[tuple[dict, dict]] = []
        counts[table.name] = 0
        result = source.execute(select(table).order_by(*_order(table)))
        while chunk := result.mappings().fetchmany(CHUNK):
            rows = [dict(r) for r in chunk]
            for row in rows:  # parent links set after every row of the table exists
                links = {c: row[c] for c in self_refs if row[c] is not None}
                if links:
                    key = {c.name: row[c.name] for c in table.primary_key}
                    kept = {c.name: row[c.name] for c in table.columns if c.onupdate is not None}
                    later.append((key, {**links, **kept}))  # an UPDATE must not restamp
                    row.update(dict.fromkeys(links))
            target.execute(table.insert(), rows)
            counts[table.name] += len(rows)
        for key, links in later:
            where = [table.c[name] == value for name, value in key.items()]
            target.execute(update(table).where(*where).values(**links))
    if target.dialect.name == "postgresql":
        _advance_sequences(target)
    return counts


def _advance_sequences(connection: Connection) -> None:
    """Rows copied with explicit ids leave the serial sequences behind; move them on."""
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        )
        if sequence:
            connection.execute(
                text(
                    f"SELECT setval('{sequence}', COALESCE((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                )
            )


def compare(source: Connection, target: Connection) -> list[str]:
    """Every table read back from both sides in key order; differences, at most 20 listed."""
    problems: list[str] = []
    for table in _tables():
        query = select(table).order_by(*_order(table))
        left = source.execute(query)
        right = target.execute(query)
        number = 0
        while True:
            a = left.fetchmany(CHUNK)
            b = right.fetchmany(CHUNK)
            if not a and not b:
                break
            for ra, rb in zip(a, b, strict=False):
                number += 1
                if tuple(ra) != tuple(rb):
                    problems.append(f"bảng {table.name}, dòng {number}: {tuple(ra)} ≠ {tuple(rb)}")
            if len(a) != len(b):
                problems.append(f"bảng {table.name}: số dòng khác nhau")
                break
            if len(problems) >= 20:
                return problems
    return problems


def transfer(
    source: Database,
    target: Database,
    *,
    source_evidence: Path | None = None,
    target_evidence: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> TransferReport:
    """Copy ``source`` into the empty, migrated ``target``; verify; raise UserError if not equal."""
    say = progress or (lambda _m: None)
    with source.engine.connect() as src:
        with target.engine.begin() as dst:
            existing = {k: v for k, v in _count_rows(dst).items() if v}
            if existing:
                listed = ", ".join(f"{k} ({v})" for k, v in sorted(existing.items())[:5])
                raise UserError(
                    "Cơ sở dữ liệu đích đã có dữ liệu "
                    f"({listed}); chỉ chuyển vào một cơ sở dữ liệu mới, trống."
                )
            say("Đang sao chép dữ liệu…")
            counts = copy_rows(src, dst)
            say("Đang đối chiếu từng dòng…")
            problems = compare(src, dst)
            if problems:
                raise UserError(
                    "Dữ liệu sau khi chuyển không khớp với nguồn; đã hủy việc chuyển:\n"
                    + "\n".join(problems)
                )
    copied = _copy_evidence(source_evidence, target_evidence)
    return TransferReport(source.url, target.url, counts, copied)


def _copy_evidence(source: Path | None, target: Path | None) -> int:
    if source is None or target is None or not source.is_dir():
        return 0
    if source.resolve() == target.resolve():
        return 0
    copied = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            if not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
                copied += 1
    return copied
