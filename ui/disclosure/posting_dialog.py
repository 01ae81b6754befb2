"""Ghi nhận công khai: one posting (form, place, dates, evidence), checked before it is saved.

Problems stay in the dialog, in Vietnamese and naming the field, so the clerk can fix them
without retyping; nothing is written until the service accepts the whole posting. Someone
else's save in between opens the conflict box; TCVN3/VNI text is offered for conversion.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.disclosure.compliance import Posting
from services.disclosure.service import DisclosureRow, DisclosureService, PostingDraft
from services.disclosure.setup import ResidentialGroupInfo
from services.disclosure.vocab import FORMS, PER_GROUP_FORMS
from services.errors import ConflictError, Problem, UserError, ValidationError
from services.text import format_date, parse_date
from ui.buttons import Std, button_box
from ui.safety.choices import ConflictChoice
from ui.safety.editor_safety import offer_legacy_conversion, resolve_conflict


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postingDialog")
        self._service = service
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
        self.group_box.addItem("(không theo tổ dân phố)", None)
        for g in groups:
            self.group_box.addItem(g.name, g.id)
        self.posted = QLineEdit(objectName="postedOn", placeholderText="dd/mm/yyyy")
        self.taken_down = QLineEdit(
            objectName="takenDownOn", placeholderText="dd/mm/yyyy – để trống nếu còn niêm yết"
        )
        self.place = QLineEdit(objectName="place", placeholderText="ví dụ: bảng tin tầng 1; URL")
        self.evidence_note = QLineEdit(
            objectName="evidenceNote", placeholderText="ví dụ: Biên bản niêm yết số 03/BB-UBND"
        )
        self.evidence_path = QLineEdit(objectName="evidencePath")
        browse = QPushButton("Chọn tệp...", objectName="browseEvidence")
        browse.clicked.connect(self._browse)
        evidence = QHBoxLayout()
        evidence.addWidget(self.evidence_path, 1)
        evidence.addWidget(browse)
        form = QFormLayout()
        for label, widget in (
            ("&Hình thức:", self.form_box),
            ("&Tổ dân phố:", self.group_box),
            ("Ngày &công khai:", self.posted),
            ("Ngày &gỡ:", self.taken_down),
            ("&Nơi, địa chỉ:", self.place),
            ("&Tài liệu kiểm chứng:", self.evidence_note),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("Tệp kiểm chứng:", evidence)
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
        self.resize(560, 360)

    def _fill(self, posting: Posting | None, form: str | None, group_id: int | None) -> None:
        if posting is not None:
            form, group_id = posting.form, posting.group_id
            self.posted.setText(format_date(posting.posted_on))
            self.taken_down.setText(format_date(posting.taken_down_on))
            self.place.setText(posting.place)
            self.evidence_note.setText(posting.evidence_note)
            self.evidence_path.setText(posting.evidence_path)
        else:
            self.posted.setText(format_date(self._service.today()))
        if form:
            self.form_box.setCurrentIndex(max(0, self.form_box.findData(form)))
        self._on_form()
        if group_id is not None:
            self.group_box.setCurrentIndex(max(0, self.group_box.findData(group_id)))

    def _on_form(self) -> None:
        per_group = self.form_box.currentData() in PER_GROUP_FORMS
        self.group_box.setEnabled(per_group)
        if not per_group:
            self.group_box.setCurrentIndex(0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Chọn tệp kiểm chứng",
            "",
            "Ảnh, PDF, văn bản (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;Mọi tệp (*)",
        )
        if path:
            self.evidence_path.setText(path)

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
            try:
                self.result_row = self._save(draft)
            except ConflictError as exc:
                problems = self._on_conflict(exc, draft)
            except ValidationError as exc:
                problems = exc.problems
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
    try:
        return parse_date(text)
    except ValueError:
        problems.append(Problem(field, f"“{text.strip()}” không đúng dạng dd/mm/yyyy."))
        return None
