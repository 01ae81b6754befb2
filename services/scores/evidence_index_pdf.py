"""Danh mục tài liệu kiểm chứng as a PDF, for the evidence pack beside its xlsx twin.

Built as a document-engine description (services.documents) so it carries the Decree 30
header, the ward's fonts and the signer, like every paper the ward sends up; the list itself
is a landscape annex in the order of the pack (index, criterion code, document date).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.documents.headers import unnumbered_header
from services.documents.letterhead import archive_of, body_name, signature_of
from services.documents.model import Annex, Document, Paragraph, Table
from services.documents.plan_document import recipients_of
from services.office.organisation import OrganisationProfile
from services.scores.pack_entries import PackEntry
from services.text import format_date

INDEX_COLUMNS = (
    "STT",
    "Chỉ số",
    "Mã tiêu chí",
    "Tên tiêu chí",
    "Tên tài liệu",
    "Số, ký hiệu",
    "Ngày văn bản",
    "Tệp trong gói",
)


def index_rows(entries: Sequence[PackEntry]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            str(i),
            e.index_key,
            e.criterion_code,
            e.criterion_name,
            e.title,
            e.doc_number,
            format_date(e.doc_date),
            e.archive_name,
        )
        for i, e in enumerate(entries, start=1)
    )


def evidence_index_document(
    entries: Sequence[PackEntry], year: int, org: OrganisationProfile, today: date | None = None
) -> Document:
    today = today or date.today()
    name = body_name(org)
    codes = {(e.index_key, e.criterion_code) for e in entries}
    header = unnumbered_header(org, "DM", today)
    blank = "\u00a0" * 6
    annex = Annex(
        label="Phụ lục",
        title=f"Danh mục tài liệu kiểm chứng năm {year}",
        reference=f"(Kèm theo Danh mục số {blank}/{header.symbol} của {name})",
        blocks=(
            Table(
                columns=INDEX_COLUMNS,
                rows=index_rows(entries),
                widths=(12, 13, 22, 55, 55, 30, 26, 52),
                centred=(0, 1, 2, 6),
            ),
        ),
        landscape=True,
    )
    return Document(
        header=header,
        type_name="DANH MỤC",
        summary=f"Tài liệu kiểm chứng kết quả tự đánh giá, chấm điểm các chỉ số năm {year}",
        blocks=(
            Paragraph(
                f"{name} lập danh mục {len(entries)} tài liệu kiểm chứng cho {len(codes)} "
                f"tiêu chí của các chỉ số năm {year}. Mỗi tài liệu nằm trong thư mục mang mã "
                "tiêu chí của gói tài liệu kèm theo; chi tiết tại Phụ lục kèm theo Danh mục này."
            ),
        ),
        signature=signature_of(org),
        recipients=recipients_of((), org),
        archive=archive_of(org),
        annexes=(annex,),
        signature_field=False,
        title=f"Danh mục tài liệu kiểm chứng năm {year}",
        author=name,
    )
