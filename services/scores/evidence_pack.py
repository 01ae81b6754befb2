"""The evidence pack: one ZIP with a folder per criterion code and an index (danh mục) as
xlsx and as PDF (the PDF through the document engine, services.documents).

Files are streamed into the archive chunk by chunk (``ZipFile.open(..., "w")``), so a pack of
hundreds of scans never sits in memory; already-compressed formats are stored, not deflated.
The archive is written beside the target and renamed at the end, so a failed run leaves no
half-written pack under the requested name.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Criterion, EvidenceFile, IndexFramework, evidence_criteria
from services.errors import UserError
from services.scores.dto import INDEXES
from services.scores.evidence_files import CHUNK, safe_name
from services.scores.evidence_index_pdf import evidence_index_document
from services.scores.pack_entries import PackEntry
from services.text import format_date

INDEX_NAME = "Danh muc tai lieu kiem chung.xlsx"
INDEX_PDF_NAME = "Danh muc tai lieu kiem chung.pdf"
STORED_SUFFIXES = {
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".gif",
    ".rar",
    ".7z",
    ".mp4",
}


@dataclass(frozen=True)
class PackReport:
    path: Path
    files: int
    bytes: int
    entries: tuple[PackEntry, ...]


def pack_entries(sessions: sessionmaker[Session], year: int) -> list[PackEntry]:
    with sessions() as session:
        rows = session.execute(
            select(IndexFramework.index_key, Criterion.code, Criterion.name, EvidenceFile)
            .join(Criterion, Criterion.framework_id == IndexFramework.id)
            .join(evidence_criteria, evidence_criteria.c.criterion_id == Criterion.id)
            .join(EvidenceFile, EvidenceFile.id == evidence_criteria.c.evidence_id)
            .where(IndexFramework.year == year)
        ).all()
    entries = [
        PackEntry(
            key,
            code,
            name,
            e.title,
            e.doc_number,
            e.doc_date,
            e.sha256,
            Path(e.original_name).suffix.lower(),
            e.size,
        )
        for key, code, name, e in rows
    ]
    order = list(INDEXES)
    entries.sort(
        key=lambda e: (
            order.index(e.index_key) if e.index_key in order else 9,
            _code_key(e.criterion_code),
            e.doc_date or date.min,
            e.title,
        )
    )
    return entries


def with_archive_names(entries: list[PackEntry]) -> list[PackEntry]:
    """Each file's name in the pack: one folder per index and criterion code, numbered files.

    A folder holds exactly one criterion's files, so the provincial scoring software's upload
    of a criterion takes the folder in one step; the self-assessment export names the same
    files.
    """
    counters: dict[tuple[str, str], int] = {}
    named = []
    for e in entries:
        folder = f"{e.index_key}/{safe_name(e.criterion_code, 40)}"
        counters[(e.index_key, e.criterion_code)] = n = (
            counters.get((e.index_key, e.criterion_code), 0) + 1
        )
        name = f"{folder}/{n:02d} - {safe_name(e.title)}{e.suffix}"
        named.append(PackEntry(**{**e.__dict__, "archive_name": name}))
    return named


def _code_key(code: str) -> tuple:
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").split(".")
    )


def build_pack(
    sessions: sessionmaker[Session], stored_path: Callable[[str], Path], year: int, target: Path
) -> PackReport:
    """Write the pack; ``stored_path`` maps a file's sha256 to its place in the evidence store."""
    entries = pack_entries(sessions, year)
    if not entries:
        raise UserError(f"Năm {year} chưa có tài liệu kiểm chứng nào gắn với tiêu chí.")
    missing = [e for e in entries if not stored_path(e.sha256).exists()]
    if missing:
        raise UserError(
            "Thiếu tệp trong kho tài liệu kiểm chứng: "
            + "; ".join(f"{e.criterion_code} – {e.title}" for e in missing[:5])
        )
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".dang-tao")
    named: list[PackEntry] = []
    total = 0
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for e in with_archive_names(entries):
                _write_file(zf, stored_path(e.sha256), e.archive_name, e.suffix)
                total += e.size
                named.append(e)
            zf.writestr(INDEX_NAME, _index_xlsx(named, year))
            zf.writestr(INDEX_PDF_NAME, _index_pdf(sessions, named, year))
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return PackReport(target, len(named), total, tuple(named))


def _write_file(zf: zipfile.ZipFile, source: Path, name: str, suffix: str) -> None:
    info = zipfile.ZipInfo.from_file(source, name)
    info.compress_type = zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
    with source.open("rb") as src, zf.open(info, "w") as dst:
        shutil.copyfileobj(src, dst, CHUNK)


def _index_xlsx(entries: list[PackEntry], year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục"
    ws.append([f"DANH MỤC TÀI LIỆU KIỂM CHỨNG NĂM {year}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    header = [
        "STT",
        "Chỉ số",
        "Mã tiêu chí",
        "Tên tiêu chí",
        "Tên tài liệu",
        "Số, ký hiệu",
        "Ngày văn bản",
        "Tệp trong gói",
        "Mã SHA-256",
    ]
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, e in enumerate(entries, start=1):
        ws.append(
            [
                i,
                e.index_key,
                e.criterion_code,
                e.criterion_name,
                e.title,
                e.doc_number,
                format_date(e.doc_date),
                e.archive_name,
                e.sha256,
            ]
        )
    for letter, width in zip("ABCDEFGHI", (6, 8, 12, 50, 45, 16, 13, 50, 66), strict=False):
        ws.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _index_pdf(sessions: sessionmaker[Session], entries: list[PackEntry], year: int) -> bytes:
    from services.documents.render import document_pdf
    from services.office.organisation import OrganisationService

    org = OrganisationService(sessions).get()
    pdf, _info = document_pdf(evidence_index_document(entries, year, org))
    return pdf
