"""Ghi nhận công khai: one posting (form, place, dates, evidence), checked before it is saved.

Problems stay in the dialog, in Vietnamese and naming the field, so the clerk can fix them
without retyping; nothing is written until the service accepts the whole posting. Evidence
files (biên bản niêm yết, photos) go into the shared evidence store when the posting is
saved: files picked and files removed are only remembered until then, so Hủy undoes both.
Someone else's save in between opens the conflict box; TCVN3/VNI text is offered for
conversion.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.date_input import read_date
from services.disclosure.compliance import Posting
from services.disclosure.evidence import PostingEvidenceService
from services.disclosure.service import DisclosureRow, DisclosureService, PostingDraft
from services.disclosure.setup import ResidentialGroupInfo
from services.disclosure.vocab import FORMS, PER_GROUP_FORMS
from services.errors import ConflictError, Problem, UserError, ValidationError
from services.scores.evidence import EvidenceInfo
from services.text import DATE_HINT, format_date
from ui import strings
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.safety.choices import ConflictChoice
from ui.safety.editor_safety import offer_legacy_conversion, resolve_conflict

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1  # an EvidenceInfo (stored) or a Path (to store)
FILE_FILTER = "Ảnh, PDF, văn bản (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;Mọi tệp (*)"


class PostingDialog(QDialog):
    def __init__(
        self,
        service: DisclosureService,
        disclosure: DisclosureRow,
        groups: list[ResidentialGroupInfo],
        posting: Posting | None = None,
        *,
        form: str | None = None,
        group_id: int | None = None,
        evidence: PostingEvidenceService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postingDialog")
        self._service = service
        self._evidence = evidence
        self._removed: list[int] = []
        self._disclosure = disclosure
        self._posting = posting
        self.result_row: DisclosureRow | None = None
        self.setWindowTitle("Sửa lần công khai" if posting else "Ghi nhận công khai")
        self._build(groups)
        self._fill(posting, form, group_id)

    def _build(self, groups: list[ResidentialGroupInfo]) -> None:
        rule_forms = self._disclosure.rule.forms if self._disclosure.rule else ()
        self.form_box = QComboBox(objectName="formBox")
        for code in list(rule_forms) + [f for f in FORMS if f not in rule_forms]:
            self.form_box.addItem(FORMS[code], code)
        self.group_box = QComboBox(objectName="groupBox")
        self.group_box.addItem("(không theo thôn, tổ dân phố)", None)
        for g in groups:
            self.group_box.addItem(g.name, g.id)
        self.posted = DateField(object_name="postedOn")
        self.taken_down = DateField(
            object_name="takenDownOn", placeholder=f"{DATE_HINT} – để trống nếu còn niêm yết"
        )
        self.place = QLineEdit(objectName="place", placeholderText="ví dụ: bảng tin tầng 1; URL")
        self.evidence_note = QLineEdit(
            objectName="evidenceNote", placeholderText="ví dụ: Biên bản niêm yết số 03/BB-UBND"
        )
        self.evidence_path = QLineEdit(objectName="evidencePath")  # old postings' bare path
        self.evidence_path.setReadOnly(True)
        self.evidence_list = QListWidget(objectName="evidenceList")
        self.evidence_list.setMinimumHeight(100)
        self.evidence_list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        attach = QPushButton("Đính &kèm tệp...", objectName="attachEvidence")
        attach.clicked.connect(self._browse)
        self.open_file_button = QPushButton("&Mở", objectName="openEvidenceFile")
        self.open_file_button.clicked.connect(self.open_selected)
        self.remove_file_button = QPushButton("&Bỏ đính kèm", objectName="removeEvidence")
        self.remove_file_button.clicked.connect(self.remove_selected)
        self.evidence_list.currentRowChanged.connect(lambda _row: self._update_file_buttons())
        file_buttons = QVBoxLayout()
        for button in (attach, self.open_file_button, self.remove_file_button):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        evidence = QHBoxLayout()
        evidence.addWidget(self.evidence_list, 1)
        evidence.addLayout(file_buttons)
        form = QFormLayout()
        for label, widget in (
            ("&Hình thức:", self.form_box),
            ("&Thôn, tổ dân phố:", self.group_box),
            ("Ngày &công khai:", self.posted),
            ("Ngày &gỡ:", self.taken_down),
            ("&Nơi, địa chỉ:", self.place),
            ("&Tài liệu kiểm chứng:", self.evidence_note),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        # How the days are counted and the first lawful take-down day, as the date is typed.
        self.counting = QLabel(objectName="postingCounting", wordWrap=True)
        self.counting.setStyleSheet("color: #22415f;")
        form.insertRow(4, "", self.counting)
        form.addRow("Tệp kiểm chứng:", evidence)
        self.old_path_label = QLabel("Tệp cũ (đường dẫn):")
        self.adopt_button = QPushButton("Đưa vào kh&o", objectName="adoptOldPath")
        self.adopt_button.setToolTip("Lưu tệp này vào kho tài liệu kiểm chứng (được sao lưu)")
        self.adopt_button.clicked.connect(self.adopt_old_path)
        old_path = QHBoxLayout()
        old_path.addWidget(self.evidence_path, 1)
        old_path.addWidget(self.adopt_button)
        form.addRow(self.old_path_label, old_path)
        heading = QLabel(f"<b>{self._disclosure.item_code}</b> – {self._disclosure.heading}")
        heading.setWordWrap(True)
        self.errors = QLabel(objectName="postingErrors", wordWrap=True)
        self.errors.setStyleSheet("color: #a00000;")
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.form_box.currentIndexChanged.connect(self._on_form)
        self.posted.textChanged.connect(lambda _text: self.show_counting())
        self.form_box.currentIndexChanged.connect(lambda _index: self.show_counting())
        self.resize(620, 460)

    def _fill(self, posting: Posting | None, form: str | None, group_id: int | None) -> None:
        if posting is not None:
            form, group_id = posting.form, posting.group_id
            self.posted.setText(format_date(posting.posted_on))
            self.taken_down.setText(format_date(posting.taken_down_on))
            self.place.setText(posting.place)
            self.evidence_note.setText(posting.evidence_note)
            self.evidence_path.setText(posting.evidence_path)
            if self._evidence is not None:
                for info in self._evidence.files(posting.id):
                    self._add_item(info)
        else:
            self.posted.setText(format_date(self._service.today()))
        if form:
            self.form_box.setCurrentIndex(max(0, self.form_box.findData(form)))
        self._on_form()
        self.show_counting()
        if group_id is not None:
            self.group_box.setCurrentIndex(max(0, self.group_box.findData(group_id)))
        has_old = bool(self.evidence_path.text())
        for widget in (self.evidence_path, self.old_path_label, self.adopt_button):
            widget.setVisible(has_old)
        self.adopt_button.setEnabled(
            has_old and self._evidence is not None and Path(self.evidence_path.text()).is_file()
        )
        self._update_file_buttons()

    def show_counting(self) -> None:
        """The minimum of the chosen form, how its days are counted, the earliest take-down."""
        from services.disclosure.compliance import earliest_take_down, minimum_for
        from services.disclosure.law_rules import law_rules

        rule = self._disclosure.rule
        posted = self.posted.date_or_none()
        if rule is None:
            self.counting.setText("")
            return
        law = law_rules(posted or self._service.today())
        minimum = minimum_for(rule, self.form_box.currentData(), law)
        if minimum.continuous:
            self.counting.setText("Phải niêm yết thường xuyên, không gỡ.")
            return
        if not minimum.days:
            self.counting.setText("Hình thức này không có thời gian niêm yết tối thiểu.")
            return
        unit = "ngày làm việc" if minimum.kind == "working_days" else "ngày liên tục"
        how = law.counting.text
        text = f"Phải công khai {minimum.text.replace('ngày', unit, 1)}. {how}"
        if posted is not None:
            calendar = self._service.setup.work_calendar(posted.year, posted.year + 1)
            ready = earliest_take_down(posted, minimum, calendar)
            if ready is not None:
                text += f" Được gỡ sớm nhất từ ngày {format_date(ready)}."
        basis = "; ".join(b for b in (minimum.basis, law.counting.basis_text) if b)
        self.counting.setText(text)
        self.counting.setToolTip(f"Căn cứ: {basis}")

    def _on_form(self) -> None:
        per_group = self.form_box.currentData() in PER_GROUP_FORMS
        self.group_box.setEnabled(per_group)
        if not per_group:
            self.group_box.setCurrentIndex(0)

    # ----- evidence files -------------------------------------------------------------------
    def _browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp kiểm chứng", "", FILE_FILTER)
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Files to store and link when the posting is saved (shown in italics until then)."""
        for path in paths:
            self._add_item(path)
        self._update_file_buttons()

    def adopt_old_path(self) -> None:
        """Move an old posting's bare path into the list of files to store (on Lưu)."""
        path = Path(self.evidence_path.text())
        if path.is_file():
            self.add_files([path])
            self.evidence_path.clear()
            for widget in (self.evidence_path, self.old_path_label, self.adopt_button):
                widget.hide()

    def _add_item(self, value: EvidenceInfo | Path) -> None:
        if isinstance(value, Path):
            item = QListWidgetItem(f"{value.name} (lưu vào kho khi bấm Lưu)")
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip(str(value))
        else:
            item = QListWidgetItem(f"{value.title} – {value.original_name}")
            item.setToolTip(f"SHA-256: {value.sha256}")
        item.setData(EVIDENCE_ROLE, value)
        self.evidence_list.addItem(item)
        self.evidence_list.setCurrentItem(item)

    def evidence_items(self) -> list[EvidenceInfo | Path]:
        return [
            self.evidence_list.item(i).data(EVIDENCE_ROLE)
            for i in range(self.evidence_list.count())
        ]

    def _selected(self) -> EvidenceInfo | Path | None:
        item = self.evidence_list.currentItem()
        return item.data(EVIDENCE_ROLE) if item is not None else None

    def _update_file_buttons(self) -> None:
        chosen = self._selected() is not None
        self.open_file_button.setEnabled(chosen)
        self.remove_file_button.setEnabled(chosen)

    def remove_selected(self) -> None:
        value = self._selected()
        if value is None:
            return
        if isinstance(value, EvidenceInfo):
            self._removed.append(value.id)
        self.evidence_list.takeItem(self.evidence_list.currentRow())
        self._update_file_buttons()

    def open_selected(self) -> Path | None:
        """Show the file in the system viewer: a copy out of the store, never the stored file."""
        value = self._selected()
        if value is None:
            return None
        try:
            path = value if isinstance(value, Path) else self._evidence.open_copy(value.id)
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def _save_evidence(self, row: DisclosureRow, before: set[int]) -> None:
        """Store the picked files and unlink the removed ones, for the posting just saved."""
        if self._evidence is None:
            return
        if self._posting is not None:
            posting_id = self._posting.id
        else:
            new = [p for p in row.postings if p.id not in before]
            if not new:
                return
            # Saved now: a second Lưu (after a file problem) updates it, never adds another.
            self._posting = max(new, key=lambda p: p.id)
            posting_id = self._posting.id
        for evidence_id in self._removed:
            self._evidence.detach(posting_id, evidence_id)
        self._removed = []
        for index in range(self.evidence_list.count()):
            item = self.evidence_list.item(index)
            value = item.data(EVIDENCE_ROLE)
            if isinstance(value, Path):
                info = self._evidence.attach_file(posting_id, value)
                item.setData(EVIDENCE_ROLE, info)
                item.setText(f"{info.title} – {info.original_name}")
                font = item.font()
                font.setItalic(False)
                item.setFont(font)

    # ----- reading and saving ---------------------------------------------------------------
    def draft(self) -> tuple[PostingDraft | None, list[Problem]]:
        problems: list[Problem] = []
        posted = _date(self.posted.text(), "Ngày công khai", problems)
        down = _date(self.taken_down.text(), "Ngày gỡ", problems)
        draft = PostingDraft(
            disclosure_id=self._disclosure.id,
            form=self.form_box.currentData(),
            posted_on=posted,
            group_id=self.group_box.currentData(),
            taken_down_on=down,
            place=self.place.text(),
            evidence_note=self.evidence_note.text(),
            evidence_path=self.evidence_path.text(),
        )
        return (None if problems else draft), problems

    def accept(self) -> None:
        legacy = {"Nơi công khai": self.place, "Ghi chú kiểm chứng": self.evidence_note}
        if not offer_legacy_conversion(self, legacy):
            return
        draft, problems = self.draft()
        if draft is not None:
            before = {p.id for p in self._disclosure.postings}
            try:
                self.result_row = self._save(draft)
            except ConflictError as exc:
                problems = self._on_conflict(exc, draft)
            except ValidationError as exc:
                problems = exc.problems
            except UserError as exc:
                problems = [Problem("", exc.message)]
            if not problems and self.result_row is not None:
                try:
                    self._save_evidence(self.result_row, before)
                except UserError as exc:
                    problems = [Problem("", exc.message)]
        if problems:
            self._show(problems)
            return
        super().accept()

    def _show(self, problems: list[Problem]) -> None:
        self.errors.setText("\n".join(f"• {p}" for p in problems))
        self.errors.show()

    def _save(self, draft: PostingDraft) -> DisclosureRow:
        if self._posting is None:
            return self._service.add_posting(draft)
        return self._service.update_posting(self._posting.id, draft, expected=self._posting)

    def _latest(self) -> Posting | None:
        assert self._posting is not None
        row = self._service.disclosure(self._disclosure.id)
        return next((p for p in row.postings if p.id == self._posting.id), None)

    def _on_conflict(self, error: ConflictError, draft: PostingDraft) -> list[Problem]:
        """Who saved it meanwhile: reload theirs, save mine over it, or keep editing."""
        choice = resolve_conflict(error, self, reload=None, overwrite=None)
        if choice is ConflictChoice.CANCEL:
            return [Problem("", error.message)]
        latest = self._latest()
        if latest is None:
            return [Problem("", "Lần công khai này không còn trong dữ liệu.")]
        self._posting = latest
        if choice is ConflictChoice.RELOAD:
            self._fill(latest, None, None)
            return [Problem("", "Đã tải bản mới nhất; hãy sửa lại rồi lưu.")]
        try:
            self.result_row = self._save(draft)
        except ValidationError as exc:
            return list(exc.problems)
        except UserError as exc:
            return [Problem("", exc.message)]
        return []


def _date(text: str, field: str, problems: list[Problem]) -> date | None:
    return read_date(text, field, problems)
