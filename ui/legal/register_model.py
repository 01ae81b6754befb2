"""Table model of the legal register, with each document's status as of a chosen date.

The status is computed once per date for all rows (``set_as_of``) by the services' pure
effect function, so filtering by status never queries the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from services.legal import vocab
from services.legal.dto import DocumentRow
from services.text import format_date, search_key
from ui.search_highlight import RankedSearchProxy

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS = (
    "Số, ký hiệu",
    "Loại",
    "Ban hành",
    "Hiệu lực từ",
    "Cơ quan",
    "Trích yếu",
    "Lĩnh vực",
    "Tình trạng hiệu lực",
    "Rà soát",
)
(
    COL_NUMBER,
    COL_TYPE,
    COL_ISSUED,
    COL_EFFECTIVE,
    COL_ISSUER,
    COL_SUMMARY,
    COL_FIELD,
    COL_STATUS,
    COL_REVIEW,
) = range(len(COLUMNS))

# Filter values of the status box: one status, or "in force" in whole or in part.
IN_FORCE_FILTER = "IN_FORCE"
STATUS_FILTERS: dict[str, str] = {
    "": "Mọi tình trạng",
    IN_FORCE_FILTER: "Còn hiệu lực (kể cả một phần)",
    **vocab.STATUSES,
}


def issuer_filters(level: str) -> dict[str, str]:
    """The issuer filter's choices, the unit named by its level ("Văn bản của xã")."""
    return {
        "ward": f"Văn bản của {level}",
        "hdnd": f"HĐND {level}",
        "ubnd": f"UBND {level}",
        "external": "Văn bản cấp trên",
        "": "Tất cả văn bản trong sổ",
    }


_WARN = QColor("#9a3412")


class RegisterTableModel(QAbstractTableModel):
    """Rows are ``DocumentRow`` dataclasses; statuses are those of ``as_of``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._docs: list[DocumentRow] = []
        self._statuses: list[str] = []
        self._as_of = date.today()

    def set_documents(self, docs: list[DocumentRow]) -> None:
        self.beginResetModel()
        self._docs = list(docs)
        self._statuses = [d.effect(self._as_of).status for d in self._docs]
        self.endResetModel()

    def set_as_of(self, on: date) -> None:
        self._as_of = on
        self._statuses = [d.effect(on).status for d in self._docs]
        if self._docs:
            self.dataChanged.emit(
                self.index(0, COL_STATUS), self.index(len(self._docs) - 1, COL_STATUS)
            )

    @property
    def as_of(self) -> date:
        return self._as_of

    def document_at(self, row: int) -> DocumentRow:
        return self._docs[row]

    def status_at(self, row: int) -> str:
        return self._statuses[row]

    def row_of(self, document_id: int) -> int:
        return next((i for i, d in enumerate(self._docs) if d.id == document_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc, status = self._docs[index.row()], self._statuses[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(doc, status, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_REVIEW and doc.needs_review:
                return "Văn bản có căn cứ thay đổi, cần rà soát"
            return self._display(doc, status, column) or None
        if role == SORT_ROLE:
            return self._sort_value(doc, status, column)
        if role == DOC_ROLE:
            return doc
        if role == STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_REVIEW and doc.needs_review:
                return QBrush(_WARN)
            if column == COL_STATUS and status not in vocab.IN_FORCE:
                return QBrush(QColor("#6b7280"))
        return None

    def _display(self, doc: DocumentRow, status: str, column: int) -> str:
        if column == COL_NUMBER:
            return doc.number_symbol
        if column == COL_TYPE:
            return doc.doc_type
        if column == COL_ISSUED:
            return format_date(doc.issued_on)
        if column == COL_EFFECTIVE:
            return format_date(doc.effective_on)
        if column == COL_ISSUER:
            return doc.issuer_name or vocab.ISSUERS.get(doc.issuer, doc.issuer)
        if column == COL_SUMMARY:
            return doc.summary
        if column == COL_FIELD:
            return doc.field
        if column == COL_STATUS:
            return vocab.status_label(status, self._as_of)
        if doc.external:
            return ""
        return doc.review_label

    def _sort_value(self, doc: DocumentRow, status: str, column: int) -> object:
        if column == COL_NUMBER:
            # "5/2024/..." before "12/2024/...": by year, then by number, not as text.
            head = doc.number_symbol.split("/")[0]
            number = int("".join(ch for ch in head if ch.isdigit()) or 0)
            return f"{doc.issued_on.year:04d}{number:08d}{search_key(doc.number_symbol)}"
        if column == COL_ISSUED:
            return doc.issued_on.toordinal()
        if column == COL_EFFECTIVE:
            return (doc.effective_on or date.min).toordinal()
        if column == COL_STATUS:
            return list(vocab.STATUSES).index(status)
        if column == COL_REVIEW:
            return -doc.open_reviews
        return search_key(self._display(doc, status, column))


class RegisterFilterProxy(RankedSearchProxy):
    """Filters by status as of the model's date, issuer, field, "needs review" and words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._status = ""
        self._issuer = "ward"
        self._field = ""
        self._needs_review = False

    def set_filters(
        self,
        *,
        status: str | None = None,
        issuer: str | None = None,
        field: str | None = None,
        needs_review: bool | None = None,
        query: str | None = None,
    ) -> None:
        if status is not None:
            self._status = status
        if issuer is not None:
            self._issuer = issuer
        if field is not None:
            self._field = field
        if needs_review is not None:
            self._needs_review = needs_review
        if query is not None:
            self.set_words(query)
        self.refresh()

    def search_text(self, source_row: int) -> str:
        model: RegisterTableModel = self.sourceModel()  # type: ignore[assignment]
        return model.document_at(source_row).search_key

    def accepts(self, source_row: int) -> bool:
        model: RegisterTableModel = self.sourceModel()  # type: ignore[assignment]
        doc, status = model.document_at(source_row), model.status_at(source_row)
        if self._issuer == "ward" and doc.external:
            return False
        if self._issuer not in ("", "ward") and doc.issuer != self._issuer:
            return False
        if self._status == IN_FORCE_FILTER and status not in vocab.IN_FORCE:
            return False
        if self._status not in ("", IN_FORCE_FILTER) and status != self._status:
            return False
        if self._field and doc.field != self._field:
            return False
        return not (self._needs_review and not doc.needs_review)
