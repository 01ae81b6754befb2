"""The outgoing register (sổ đăng ký văn bản đi) of a year as a Qt table model."""

from __future__ import annotations

from services.documents.register import DOCUMENT_TYPES, RegisterEntry
from services.text import format_date
from ui.list_table_model import ListTableModel

COLUMNS = ("Số, ký hiệu", "Ngày", "Loại", "Trích yếu")


class RegisterTableModel(ListTableModel):
    HEADERS = COLUMNS

    @property
    def entries(self) -> list[RegisterEntry]:
        return self.rows()

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.set_rows(entries)

    def cell(self, e: RegisterEntry, column: int) -> str:
        values = (
            e.reference,
            format_date(e.issued_on),
            DOCUMENT_TYPES.get(e.doc_type, e.doc_type),
            e.summary,
        )
        return values[column]
