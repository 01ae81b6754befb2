"""One file of the evidence pack, as listed in its index (xlsx and PDF).

Built by services.scores.evidence_pack and printed by services.scores.evidence_index_pdf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PackEntry:
    index_key: str
    criterion_code: str
    criterion_name: str
    title: str
    doc_number: str
    doc_date: date | None
    sha256: str
    suffix: str
    size: int
    archive_name: str = ""
