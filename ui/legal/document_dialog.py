"""Add or edit a document of the register, with the documents it is based on (căn cứ).

Saving offers to convert TCVN3/VNI text; when someone else saved the document meanwhile, the
conflict box says who, when and what, and the clerk reloads, saves over it or goes on editing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services.errors import ConflictError, NotFoundError, Problem, UserError, ValidationError
from services.legal import vocab
from services.legal.dto import DocumentDraft, DocumentRow
from services.legal.register import LegalRegisterService
from services.text import format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.legal.fields import code_combo, error_label, select_code, show_problems
from ui.safety.choices import ConflictChoice
from ui.safety.editor_safety import offer_legacy_conversion, resolve_conflict


class DocumentDialog(QDialog):
    def __init__(
        self,
        register: LegalRegisterService,
        document: DocumentRow | None = None,
        parent: QWidget | None = None,
        *,
        external: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legalDocumentDialog")
        self._register = register
        self._document = document
        self.saved: DocumentRow | None = None
        self.setWindowTitle("Sửa văn bản" if document else "Thêm văn bản vào sổ")
        self._build(register.documents())
        if document:
            self._fill(document)
        else:
            select_code(self.issuer, "external" if external else "ubnd")
            self._suggest_type()
            self.issuer.currentIndexChanged.connect(self._suggest_type)
        self.resize(720, 640)

    def _build(self, all_docs: list[DocumentRow]) -> None:
        self.doc_type = QComboBox(objectName="docType", editable=True)
        self.doc_type.addItems(list(dict.fromkeys(vocab.WARD_DOC_TYPES + vocab.EXTERNAL_DOC_TYPES)))
        self.number = QLineEdit(objectName="numberSymbol", placeholderText="05/2024/QĐ-UBND")
        self.issued = DateField(object_name="issuedOn")
        self.effective = DateField(object_name="effectiveOn")
        dates = QHBoxLayout()
        dates.addWidget(self.issued)
        dates.addSpacing(12)
        dates.addWidget(self.effective)
        dates.addStretch(1)
        self.issuer = code_combo(vocab.issuer_labels(self._register.level()), object_name="issuer")
        self.issuer_name = QLineEdit(
            objectName="issuerName", placeholderText="Quốc hội, Chính phủ, UBND tỉnh..."
        )
        self.summary = QPlainTextEdit(objectName="summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(60)
        self.field = QComboBox(objectName="field", editable=True)
        self.field.addItems([""] + self._register.fields())
        self.original_unit = QLineEdit(objectName="originalUnit")
        self.signer = QLineEdit(objectName="signer")
        self.bases = QListWidget(objectName="bases")
        own_id = self._document.id if self._document else None
        for doc in sorted(all_docs, key=lambda d: (not d.external, d.issued_on)):
            if doc.id == own_id:
                continue
            item = QListWidgetItem(f"{doc.label} ngày {format_date(doc.issued_on)} – {doc.summary}")
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.bases.addItem(item)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(44)
        form = QFormLayout()
        form.addRow("&Loại văn bản:", self.doc_type)
        form.addRow("&Số, ký hiệu:", self.number)
        form.addRow("Ngày ban hành / có hiệu lực:", dates)
        form.addRow("&Cơ quan ban hành:", self.issuer)
        form.addRow("Tên cơ quan (cấp trên):", self.issuer_name)
        form.addRow("&Trích yếu:", self.summary)
        form.addRow("Lĩnh &vực:", self.field)
        form.addRow("Đơn vị ban hành trước sắp xếp:", self.original_unit)
        form.addRow("Người &ký:", self.signer)
        form.addRow("Căn cứ &ban hành:", self.bases)
        form.addRow("Ghi chú:", self.notes)
        self.errors = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))

    def _suggest_type(self) -> None:
        """A new ward document takes the form its issuer uses (HĐND: Nghị quyết...)."""
        suggested = vocab.WARD_TYPE_BY_ISSUER.get(self.issuer.currentData())
        if suggested:
            self.doc_type.setCurrentText(suggested[0])

    def _fill(self, doc: DocumentRow) -> None:
        self.doc_type.setCurrentText(doc.doc_type)
        self.number.setText(doc.number_symbol)
        self.issued.set_date(doc.issued_on)
        self.effective.set_date(doc.effective_on)
        select_code(self.issuer, doc.issuer)
        self.issuer_name.setText(doc.issuer_name if doc.external else "")
        self.summary.setPlainText(doc.summary)
        self.field.setCurrentText(doc.field)
        self.original_unit.setText(doc.original_unit)
        self.signer.setText(doc.signer)
        self.notes.setPlainText(doc.notes)
        self.set_bases(doc.basis_ids)

    def set_bases(self, ids) -> None:
        wanted = set(ids)
        for row in range(self.bases.count()):
            item = self.bases.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def draft(self, problems: list[Problem]) -> DocumentDraft:
        bases = tuple(
            self.bases.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.bases.count())
            if self.bases.item(r).checkState() == Qt.CheckState.Checked
        )
        return DocumentDraft(
            doc_type=self.doc_type.currentText(),
            number_symbol=self.number.text(),
            issued_on=self.issued.value("Ngày ban hành", problems),
            effective_on=self.effective.value("Ngày có hiệu lực", problems),
            issuer=self.issuer.currentData(),
            issuer_name=self.issuer_name.text(),
            summary=self.summary.toPlainText(),
            field=self.field.currentText(),
            original_unit=self.original_unit.text(),
            signer=self.signer.text(),
            notes=self.notes.toPlainText(),
            basis_ids=bases,
        )

    def accept(self) -> None:
        legacy = {
            "Số, ký hiệu": self.number,
            "Tên cơ quan": self.issuer_name,
            "Trích yếu": self.summary,
            "Lĩnh vực": self.field,
            "Đơn vị trước sắp xếp": self.original_unit,
            "Người ký": self.signer,
            "Ghi chú": self.notes,
        }
        if not offer_legacy_conversion(self, legacy):
            return
        problems: list[Problem] = []
        draft = self.draft(problems)
        if problems:
            show_problems(self.errors, problems)
            return
        try:
            self.saved = self._save(draft)
        except ConflictError as exc:
            self._on_conflict(exc, draft)
            return
        except (ValidationError, NotFoundError) as exc:
            show_problems(self.errors, getattr(exc, "problems", None) or [Problem("", exc.message)])
            return
        super().accept()

    def _save(self, draft: DocumentDraft) -> DocumentRow:
        if self._document is None:
            return self._register.create_document(draft)
        return self._register.update_document(
            self._document.id, draft, expected_version=self._document.version
        )

    def _on_conflict(self, error: ConflictError, draft: DocumentDraft) -> None:
        """Tải lại: the other person's version in the form; Lưu đè: mine over theirs."""
        assert self._document is not None
        choice = resolve_conflict(error, self, reload=None, overwrite=None)
        if choice is ConflictChoice.CANCEL:
            show_problems(self.errors, [Problem("", error.message)])
            return
        try:
            self._document = self._register.document(self._document.id)
        except NotFoundError as gone:
            show_problems(self.errors, [Problem("", gone.message)])
            return
        if choice is ConflictChoice.RELOAD:
            self._fill(self._document)
            show_problems(self.errors, [Problem("", "Đã tải bản mới nhất; hãy sửa lại rồi lưu.")])
            return
        try:
            self.saved = self._save(draft)
        except UserError as again:
            show_problems(
                self.errors, getattr(again, "problems", None) or [Problem("", again.message)]
            )
            return
        super().accept()
