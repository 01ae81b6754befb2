"""Evidence store (tài liệu kiểm chứng): files named by sha256 in a folder beside the database.

The bytes live in ``<db folder>/evidence/ab/abcdef…`` (the content hash); the database keeps the
title, document number and date and which criteria and tasks a file serves. The same content
added twice is stored once; a stored file whose bytes no longer match its name is reported by
``verify``. Users never open the stored file itself, only a copy, so a viewer cannot alter it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from models import Criterion, EvidenceFile, PlanTask, evidence_criteria, evidence_tasks
from services.errors import NotFoundError, UserError
from services.safety.leftovers import incoming_prefix
from services.scores.evidence_files import CHUNK, file_sha256, safe_name, store_name
from services.scores.evidence_pack import PackReport, build_pack
from services.text import nfc, search_key


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    sha256: str
    size: int
    original_name: str
    title: str
    doc_number: str
    doc_date: date | None
    criterion_ids: tuple[int, ...] = ()
    task_ids: tuple[int, ...] = ()
    duplicate: bool = False  # True when the content was already in the store

    @property
    def suffix(self) -> str:
        return Path(self.original_name).suffix.lower()


@dataclass(frozen=True)
class StoreProblem:
    evidence_id: int
    title: str
    message: str


class EvidenceService:
    def __init__(self, session_factory: sessionmaker[Session], folder: Path) -> None:
        self._sessions = session_factory
        self.folder = folder

    def stored_path(self, sha256: str) -> Path:
        return self.folder / store_name(sha256)

    # ----- adding ------------------------------------------------------------------------
    def add_file(
        self,
        source: Path,
        *,
        title: str = "",
        doc_number: str = "",
        doc_date: date | None = None,
        criterion_ids: Iterable[int] = (),
        task_ids: Iterable[int] = (),
    ) -> EvidenceInfo:
        """Copy ``source`` into the store (once per content) and link it; stream, never slurp."""
        source = Path(source)
        if not source.is_file():
            raise UserError(f"Không tìm thấy tệp “{source}”.")
        sha, size = self._store(source)
        with self._sessions.begin() as session:
            row = session.scalars(select(EvidenceFile).where(EvidenceFile.sha256 == sha)).first()
            duplicate = row is not None
            if row is None:
                name = nfc(title) or source.stem
                row = EvidenceFile(
                    sha256=sha,
                    size=size,
                    original_name=nfc(source.name),
                    title=name,
                    doc_number=nfc(doc_number),
                    doc_date=doc_date,
                    search_key=search_key(name, doc_number, source.name),
                )
                session.add(row)
                session.flush()
            _link(session, row.id, criterion_ids, task_ids)
            evidence_id = row.id
        info = self.get(evidence_id)
        return EvidenceInfo(**{**info.__dict__, "duplicate": duplicate})

    def _store(self, source: Path) -> tuple[str, int]:
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        # The pid in the name tells a later start whose copy this is (services.safety.leftovers).
        fd, tmp_name = tempfile.mkstemp(dir=self.folder, prefix=incoming_prefix())
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
            sha = digest.hexdigest()
            target = self.stored_path(sha)
            if target.exists() and target.stat().st_size == size:
                os.unlink(tmp_name)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, target)
        except OSError as exc:
            Path(tmp_name).unlink(missing_ok=True)
            raise UserError(f"Không lưu được tệp “{source.name}”: {exc.strerror or exc}.") from exc
        return sha, size

    # ----- reading -----------------------------------------------------------------------
    def get(self, evidence_id: int) -> EvidenceInfo:
        found = self._infos([evidence_id])
        if not found:
            raise NotFoundError("Tài liệu kiểm chứng này không còn trong dữ liệu.")
        return found[0]

    def list_files(
        self, *, criterion_id: int | None = None, task_id: int | None = None
    ) -> list[EvidenceInfo]:
        with self._sessions() as session:
            stmt = select(EvidenceFile.id)
            if criterion_id is not None:
                stmt = stmt.join(evidence_criteria).where(
                    evidence_criteria.c.criterion_id == criterion_id
                )
            if task_id is not None:
                stmt = stmt.join(evidence_tasks).where(evidence_tasks.c.task_id == task_id)
            ids = list(session.scalars(stmt))
        return self._infos(ids)

    def get_many(self, ids: Iterable[int]) -> list[EvidenceInfo]:
        """Several files at once (other features list the evidence linked to their records)."""
        return self._infos(sorted(set(ids)))

    def _infos(self, ids: list[int]) -> list[EvidenceInfo]:
        if not ids:
            return []
        with self._sessions() as session:
            crit, task = defaultdict(list), defaultdict(list)
            for e, c in session.execute(
                select(evidence_criteria.c.evidence_id, evidence_criteria.c.criterion_id).where(
                    evidence_criteria.c.evidence_id.in_(ids)
                )
            ):
                crit[e].append(c)
            for e, t in session.execute(
                select(evidence_tasks.c.evidence_id, evidence_tasks.c.task_id).where(
                    evidence_tasks.c.evidence_id.in_(ids)
                )
            ):
                task[e].append(t)
            rows = session.scalars(
                select(EvidenceFile)
                .where(EvidenceFile.id.in_(ids))
                .order_by(EvidenceFile.doc_date, EvidenceFile.id)
            )
            return [
                EvidenceInfo(
                    r.id,
                    r.sha256,
                    r.size,
                    r.original_name,
                    r.title,
                    r.doc_number,
                    r.doc_date,
                    tuple(sorted(crit[r.id])),
                    tuple(sorted(task[r.id])),
                )
                for r in rows
            ]

    # ----- changing ----------------------------------------------------------------------
    def update(
        self, evidence_id: int, *, title: str, doc_number: str, doc_date: date | None
    ) -> EvidenceInfo:
        if not nfc(title):
            from services.errors import Problem, ValidationError

            raise ValidationError([Problem("Tên tài liệu", "không được để trống.")])
        with self._sessions.begin() as session:
            row = _evidence(session, evidence_id)
            row.title, row.doc_number, row.doc_date = nfc(title), nfc(doc_number), doc_date
            row.search_key = search_key(row.title, row.doc_number, row.original_name)
        return self.get(evidence_id)

    def attach(
        self, evidence_id: int, *, criterion_id: int | None = None, task_id: int | None = None
    ) -> None:
        with self._sessions.begin() as session:
            _evidence(session, evidence_id)
            _link(
                session,
                evidence_id,
                [criterion_id] if criterion_id else [],
                [task_id] if task_id else [],
            )

    def detach(
        self, evidence_id: int, *, criterion_id: int | None = None, task_id: int | None = None
    ) -> None:
        with self._sessions.begin() as session:
            if criterion_id is not None:
                session.execute(
                    delete(evidence_criteria).where(
                        evidence_criteria.c.evidence_id == evidence_id,
                        evidence_criteria.c.criterion_id == criterion_id,
                    )
                )
            if task_id is not None:
                session.execute(
                    delete(evidence_tasks).where(
                        evidence_tasks.c.evidence_id == evidence_id,
                        evidence_tasks.c.task_id == task_id,
                    )
                )

    def pack(self, year: int, target: Path) -> PackReport:
        """Build the year's evidence pack ZIP (see services.scores.evidence_pack)."""
        return build_pack(self._sessions, self.stored_path, year, Path(target))

    def delete(self, evidence_id: int) -> None:
        with self._sessions.begin() as session:
            row = _evidence(session, evidence_id)
            sha = row.sha256
            session.delete(row)
        self.stored_path(sha).unlink(missing_ok=True)

    # ----- checking and opening ----------------------------------------------------------
    def verify(self) -> list[StoreProblem]:
        """Stored files that are missing or whose bytes no longer match their hash."""
        problems = []
        with self._sessions() as session:
            rows = list(
                session.execute(select(EvidenceFile.id, EvidenceFile.title, EvidenceFile.sha256))
            )
        for evidence_id, title, sha in rows:
            path = self.stored_path(sha)
            if not path.exists():
                problems.append(StoreProblem(evidence_id, title, "tệp lưu trữ bị mất."))
            elif file_sha256(path) != sha:
                problems.append(
                    StoreProblem(
                        evidence_id, title, "tệp lưu trữ đã bị thay đổi (mã băm SHA-256 khác)."
                    )
                )
        return problems

    def find_by_content(self, path: Path) -> EvidenceInfo | None:
        """The stored evidence with exactly this file's content, if any (a changed copy gives None)."""
        sha = file_sha256(Path(path))
        with self._sessions() as session:
            evidence_id = session.scalar(select(EvidenceFile.id).where(EvidenceFile.sha256 == sha))
        return self.get(evidence_id) if evidence_id else None

    def open_copy(self, evidence_id: int, folder: Path | None = None) -> Path:
        """Copy the stored file out under its title, for the system viewer; return the copy."""
        info = self.get(evidence_id)
        source = self.stored_path(info.sha256)
        if not source.exists():
            raise UserError(f"Tệp của tài liệu “{info.title}” không còn trong kho lưu trữ.")
        target_dir = folder or Path(tempfile.mkdtemp(prefix="pardesk-tlkc-"))
        target = target_dir / f"{safe_name(info.title)}{info.suffix}"
        shutil.copyfile(source, target)
        return target


def _link(
    session: Session, evidence_id: int, criterion_ids: Iterable[int], task_ids: Iterable[int]
) -> None:
    have_c = set(
        session.scalars(
            select(evidence_criteria.c.criterion_id).where(
                evidence_criteria.c.evidence_id == evidence_id
            )
        )
    )
    have_t = set(
        session.scalars(
            select(evidence_tasks.c.task_id).where(evidence_tasks.c.evidence_id == evidence_id)
        )
    )
    for cid in set(criterion_ids) - have_c:
        if session.get(Criterion, cid) is None:
            raise NotFoundError("Tiêu chí này không còn trong dữ liệu.")
        session.execute(insert(evidence_criteria).values(evidence_id=evidence_id, criterion_id=cid))
    for tid in set(task_ids) - have_t:
        if session.get(PlanTask, tid) is None:
            raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
        session.execute(insert(evidence_tasks).values(evidence_id=evidence_id, task_id=tid))


def _evidence(session: Session, evidence_id: int) -> EvidenceFile:
    row = session.get(EvidenceFile, evidence_id)
    if row is None:
        raise NotFoundError("Tài liệu kiểm chứng này không còn trong dữ liệu.")
    return row
