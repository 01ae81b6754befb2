"""Evidence of a posting (biên bản niêm yết, photos) in the shared evidence store.

Postings used to keep a bare file path, which breaks as soon as the file is moved or the data
is copied to another computer. Files now go into the store of the scores feature (content by
sha256 beside the database, backed up with it) and a link table ties them to the posting.
The old text note (``evidence_note``) and any old path stay as they were; ``adopt_paths``
copies old paths that still exist into the store once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from models import Disclosure, EvidenceFile, Posting, posting_evidence
from services.errors import NotFoundError
from services.scores.evidence import EvidenceInfo, EvidenceService


class PostingEvidenceService:
    def __init__(self, session_factory: sessionmaker[Session], store: EvidenceService) -> None:
        self._sessions = session_factory
        self.store = store

    # ----- attaching ---------------------------------------------------------------------
    def attach_file(
        self,
        posting_id: int,
        source: Path,
        *,
        title: str = "",
        doc_number: str = "",
        doc_date: date | None = None,
    ) -> EvidenceInfo:
        """Copy ``source`` into the store (once per content) and link it to the posting."""
        self._posting_exists(posting_id)  # check before anything is copied
        info = self.store.add_file(
            Path(source), title=title, doc_number=doc_number, doc_date=doc_date
        )
        self.attach(posting_id, info.id)
        return info

    def attach(self, posting_id: int, evidence_id: int) -> None:
        """Link a file already in the store (also used as evidence of a criterion or task)."""
        with self._sessions.begin() as session:
            if session.get(Posting, posting_id) is None:
                raise NotFoundError("Lần công khai này không còn trong dữ liệu.")
            if session.get(EvidenceFile, evidence_id) is None:
                raise NotFoundError("Tài liệu kiểm chứng này không còn trong dữ liệu.")
            linked = session.scalar(
                select(posting_evidence.c.evidence_id).where(
                    posting_evidence.c.posting_id == posting_id,
                    posting_evidence.c.evidence_id == evidence_id,
                )
            )
            if linked is None:
                session.execute(
                    insert(posting_evidence).values(posting_id=posting_id, evidence_id=evidence_id)
                )

    def detach(self, posting_id: int, evidence_id: int) -> None:
        """Unlink only: the file stays in the store, where other records may use it."""
        with self._sessions.begin() as session:
            session.execute(
                delete(posting_evidence).where(
                    posting_evidence.c.posting_id == posting_id,
                    posting_evidence.c.evidence_id == evidence_id,
                )
            )

    # ----- reading -----------------------------------------------------------------------
    def files(self, posting_id: int) -> list[EvidenceInfo]:
        return self.files_by_posting([posting_id]).get(posting_id, [])

    def files_by_posting(self, posting_ids: list[int]) -> dict[int, list[EvidenceInfo]]:
        if not posting_ids:
            return {}
        with self._sessions() as session:
            pairs = session.execute(
                select(posting_evidence.c.posting_id, posting_evidence.c.evidence_id).where(
                    posting_evidence.c.posting_id.in_(posting_ids)
                )
            ).all()
        infos = {i.id: i for i in self.store.get_many(e for _p, e in pairs)}
        result: dict[int, list[EvidenceInfo]] = defaultdict(list)
        for posting_id, evidence_id in pairs:
            if evidence_id in infos:
                result[posting_id].append(infos[evidence_id])
        for files in result.values():
            files.sort(key=lambda i: (i.doc_date or date.min, i.id))
        return dict(result)

    def counts(self, year: int) -> dict[int, int]:
        """Number of stored files per posting of the year (for the places table)."""
        with self._sessions() as session:
            rows = session.execute(
                select(posting_evidence.c.posting_id)
                .join(Posting, Posting.id == posting_evidence.c.posting_id)
                .join(Disclosure, Disclosure.id == Posting.disclosure_id)
                .where(Disclosure.year == year)
            ).scalars()
            counts: dict[int, int] = defaultdict(int)
            for posting_id in rows:
                counts[posting_id] += 1
        return dict(counts)

    def open_copy(self, evidence_id: int) -> Path:
        """A copy to show in the system viewer (the stored file itself is never opened)."""
        return self.store.open_copy(evidence_id)

    # ----- old bare paths ------------------------------------------------------------------
    def adopt_paths(self) -> int:
        """Store every old ``evidence_path`` that still exists and link it; return how many."""
        with self._sessions() as session:
            rows = session.execute(
                select(Posting.id, Posting.evidence_path, Posting.evidence_note).where(
                    Posting.evidence_path != ""
                )
            ).all()
        adopted = 0
        for posting_id, path, note in rows:
            source = Path(path)
            if source.is_file():
                self.attach_file(posting_id, source, title=note or source.stem)
                adopted += 1
        return adopted

    def _posting_exists(self, posting_id: int) -> None:
        with self._sessions() as session:
            if session.get(Posting, posting_id) is None:
                raise NotFoundError("Lần công khai này không còn trong dữ liệu.")
