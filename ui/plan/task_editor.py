"""Task editor: every field of a plan task, checked in Vietnamese before anything is saved.

The dialog collects a TaskDraft and hands it to a save callback (which calls PlanService and
pushes the undo command); a validation error keeps the dialog open and is shown inside it, so
nothing typed is lost. Someone else's save in between opens the conflict box (Tải lại / Lưu đè /
Hủy); text typed or pasted in TCVN3/VNI is offered for conversion before saving.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.errors import ConflictError, Problem, UserError, ValidationError
from services.office.units import UnitInfo
from services.plan.derived_values import TaskSource
from services.plan.plans import SectionNode, TaskDraft, TaskRow, split_codes, validate_task
from services.text import format_date
from services.vocab import RECURRENCES, TASK_STATUSES
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.plan.criteria_links import CriteriaLinksField, CriteriaSource
from ui.qt_safe import ANY, find_data
from ui.safety.choices import ConflictChoice
from ui.safety.editor_safety import offer_legacy_conversion, resolve_conflict

SaveFn = Callable[..., None]  # save(draft) or, with criteria, save(draft, link_change)
ReloadFn = Callable[[], TaskRow]
SourceFn = Callable[[], TaskSource]


class TaskEditorDialog(QDialog):
    """Create (``task`` None) or edit a task; ``save`` raises UserError to keep it open."""

    def __init__(
        self,
        units: list[UnitInfo],
        sections: list[SectionNode],
        draft: TaskDraft,
        save: SaveFn,
        *,
        reload: ReloadFn | None = None,
        title: str = "Sửa nhiệm vụ",
        criteria: CriteriaSource | None = None,
        source: SourceFn | None = None,
        taken_labels: Mapping[int, Collection[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """With ``criteria``, the dialog also edits the task's links to index criteria and
        ``save`` is called as ``save(draft, link_change)`` (a ``LinkChange``). With
        ``source``, status, percent and result are read-only when they follow the task's
        progress history, and the dialog says which update they come from."""
        super().__init__(parent)
        self.setObjectName("taskEditor")
        self.setWindowTitle(title)
        self._units = units
        self._save = save
        self._reload = reload
        self._criteria = criteria
        self._source = source
        self._taken_labels = taken_labels  # a new task: the STT already used, by section
        self._derived = False
        self.links: CriteriaLinksField | None = None
        self._build(sections)
        self.set_draft(draft)
        self.resize(700, 720 if criteria else 620)

    # ----- building -----------------------------------------------------------------------
    def _build(self, sections: list[SectionNode]) -> None:
        self.section = QComboBox(objectName="section")
        for node in sections:
            self.section.addItem("    " * node.depth + node.heading, node.id)
        self.label = QLineEdit(objectName="label", maxLength=30)
        self.label.setPlaceholderText("ví dụ: 1, a), - (gạch đầu dòng)")
        self.text = QPlainTextEdit(objectName="text")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        self.actionable = QCheckBox("Là nhiệm vụ cần giao và theo dõi", objectName="actionable")
        self.lead = QComboBox(objectName="lead", editable=True)
        self.lead.addItem("", ANY)
        for unit in self._units:
            self.lead.addItem(unit.display, unit.id)
        self.lead.lineEdit().setPlaceholderText("gõ mã hoặc tên bộ phận, ví dụ VP")
        self.partners = QLineEdit(objectName="partners")
        self.partners.setPlaceholderText("mã bộ phận, cách nhau dấu phẩy: TP, CA")
        self.start = DateField(object_name="start")
        self.deadline = DateField(object_name="deadline")
        self.recurrence = QComboBox(objectName="recurrence")
        for key, label in RECURRENCES.items():
            self.recurrence.addItem(label, key)
        self.status = QComboBox(objectName="status")
        for key, label in TASK_STATUSES.items():
            self.status.addItem(label, key)
        self.percent = QSpinBox(objectName="percent", maximum=100, suffix=" %")
        self.percent.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.result = QPlainTextEdit(objectName="result")
        self.result.setTabChangesFocus(True)
        self.result.setFixedHeight(70)
        self.criteria = QLineEdit(objectName="criteria", placeholderText="ví dụ: PAR.2, PAPI.2")
        self.derived_note = QLabel(objectName="derivedSource", wordWrap=True)
        self.derived_note.setTextFormat(Qt.TextFormat.PlainText)
        self.derived_note.setStyleSheet("color: #1f4e79;")
        self.derived_note.hide()

        dates = QHBoxLayout()
        dates.addWidget(self.start)
        deadline_label = QLabel("&Thời hạn:")
        deadline_label.setBuddy(self.deadline)
        dates.addWidget(deadline_label)
        dates.addWidget(self.deadline)
        state = QHBoxLayout()
        state.addWidget(self.status, 1)
        percent_label = QLabel("Tiến đ&ộ:")
        percent_label.setBuddy(self.percent)
        state.addWidget(percent_label)
        state.addWidget(self.percent)

        form = QFormLayout()
        for text, widget in (
            ("&Mục:", self.section),
            ("&Số thứ tự:", self.label),
            ("&Nội dung:", self.text),
            ("", self.actionable),
            ("Đơn vị &chủ trì:", self.lead),
            ("Đơn vị &phối hợp:", self.partners),
            (_buddy("&Bắt đầu:", self.start), dates),
            ("&Lặp lại:", self.recurrence),
            (_buddy("Trạn&g thái:", self.status), state),
            ("&Kết quả:", self.result),
            ("", self.derived_note),
            ("T&iêu chí:", self.criteria),
        ):
            form.addRow(text, widget)
        if self._criteria is not None:
            self.links = CriteriaLinksField(self._criteria, self)
            form.addRow(_buddy("Tiêu c&hí chỉ số:", self.links.code), self.links)
        self.problems = QLabel(objectName="editorProblems", wordWrap=True)
        self.problems.setStyleSheet("color: #a40000;")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()
        self.reload_button = QPushButton("Tải &lại bản mới nhất", objectName="reloadButton")
        self.reload_button.clicked.connect(self._on_reload)
        self.reload_button.hide()
        hint = QLabel("Enter: sang ô tiếp theo · Ctrl+Enter: lưu · Esc: hủy", objectName="hint")
        hint.setStyleSheet("color: #555;")
        self.buttons = button_box(self, Std.Save | Std.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.reload_button)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._enter = _EnterMovesOn(self)
        for widget in (self.label, self.text, self.result, self.lead, self.partners, self.start, self.deadline,
                       self.recurrence, self.status, self.percent, self.criteria):  # fmt: skip
            widget.installEventFilter(self._enter)
        if self.lead.lineEdit() is not None:
            self.lead.lineEdit().installEventFilter(self._enter)

    # ----- values -------------------------------------------------------------------------
    def set_draft(self, draft: TaskDraft) -> None:
        self._draft = draft
        self.section.setCurrentIndex(max(0, self.section.findData(draft.section_id)))
        self.label.setText(draft.label)
        self.text.setPlainText(draft.text)
        self.actionable.setChecked(draft.actionable)
        index = find_data(self.lead, draft.lead_unit_id)
        self.lead.setCurrentIndex(max(0, index))
        codes = {u.id: u.code for u in self._units}
        self.partners.setText(", ".join(codes.get(i, "?") for i in draft.partner_ids))
        self.start.setText(format_date(draft.start_on))
        self.deadline.setText(format_date(draft.deadline))
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(draft.recurrence)))
        self.status.setCurrentIndex(max(0, self.status.findData(draft.status)))
        self.percent.setValue(draft.percent)
        self.result.setPlainText(draft.result_notes)
        self.criteria.setText(", ".join(draft.criteria))
        self._show_source()
        self.text.setFocus()

    def _show_source(self) -> None:
        """Derived fields are shown, not typed: read-only, with the update they follow."""
        source = self._source() if self._source is not None else TaskSource(False)
        self._derived = source.derived
        self.status.setEnabled(not source.derived)
        self.percent.setReadOnly(source.derived)
        self.result.setReadOnly(source.derived)
        tip = source.text if source.derived else ""
        for widget in (self.status, self.percent, self.result):
            widget.setToolTip(tip)
        shaded = "background: #eeeeee; color: #333;" if source.derived else ""
        self.percent.setStyleSheet(f"QSpinBox {{{shaded}}}" if shaded else "")
        self.result.setStyleSheet(f"QPlainTextEdit {{{shaded}}}" if shaded else "")
        self.derived_note.setText(source.text)
        self.derived_note.setVisible(source.derived)

    def draft(self) -> tuple[TaskDraft, list[Problem]]:
        """The typed values as a draft, plus problems the form itself can see."""
        problems: list[Problem] = []
        dates = {}
        for name, label, editor in (
            ("start_on", "Bắt đầu", self.start),
            ("deadline", "Thời hạn", self.deadline),
        ):
            dates[name] = editor.value(label, problems)
        lead_id = self._lead_id(problems)
        by_code = {u.code.casefold(): u.id for u in self._units}
        partner_ids = []
        for code in split_codes(self.partners.text()):
            if code.casefold() in by_code:
                partner_ids.append(by_code[code.casefold()])
            else:
                problems.append(
                    Problem("Đơn vị phối hợp", f"“{code}” không có trong danh sách bộ phận.")
                )
        deadline_changed = dates["deadline"] != self._draft.deadline
        draft = TaskDraft(
            section_id=self.section.currentData(),
            text=self.text.toPlainText(),
            label=self.label.text(),
            actionable=self.actionable.isChecked(),
            lead_unit_id=lead_id,
            partner_ids=tuple(dict.fromkeys(partner_ids)),
            start_on=dates["start_on"],
            deadline=dates["deadline"],
            deadline_is_default=self._draft.deadline_is_default and not deadline_changed,
            recurrence=self.recurrence.currentData(),
            # Derived values are the history's: the draft carries them unchanged.
            status=self._draft.status if self._derived else self.status.currentData(),
            percent=self._draft.percent if self._derived else self.percent.value(),
            result_notes=self._draft.result_notes if self._derived else self.result.toPlainText(),
            criteria=split_codes(self.criteria.text()),
        )
        return draft, problems

    def _lead_id(self, problems: list[Problem]) -> int | None:
        typed = self.lead.currentText().strip()
        if not typed:
            return None
        for unit in self._units:
            if typed.casefold() in (unit.display.casefold(), unit.code.casefold()):
                return unit.id
        problems.append(Problem("Đơn vị chủ trì", f"“{typed}” không có trong danh sách bộ phận."))
        return -1  # keeps the draft invalid for the service check too

    # ----- saving -------------------------------------------------------------------------
    def accept(self) -> None:
        legacy = {"Số thứ tự": self.label, "Nội dung": self.text}
        if not self._derived:
            legacy["Kết quả"] = self.result
        if not offer_legacy_conversion(self, legacy):
            return
        draft, problems = self.draft()
        # The service's own checks too, so every mistake is listed at once.
        known = {u.id for u in self._units}
        checked = replace(draft, lead_unit_id=None) if draft.lead_unit_id == -1 else draft
        taken = None
        if self._taken_labels is not None:
            taken = self._taken_labels.get(draft.section_id, ())
        for p in validate_task(checked, known, taken_labels=taken):
            if p.where == "Đơn vị phối hợp" or any(q.where == p.where for q in problems):
                continue  # the form already named this field's mistake
            problems.append(p)
        problems.sort(key=lambda p: _FIELD_ORDER.index(p.where) if p.where in _FIELD_ORDER else 99)
        if problems:
            self.show_problems(problems)
            return
        try:
            if self.links is not None:
                self._save(draft, self.links.change())  # type: ignore[call-arg]
            else:
                self._save(draft)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except ConflictError as exc:
            self._on_conflict(exc, draft)
            return
        except UserError as exc:
            self.show_problems([Problem("", exc.message)])
            return
        super().accept()

    def _on_conflict(self, error: ConflictError, draft: TaskDraft) -> None:
        """Who changed it, when, what: reload theirs, save mine over it, or keep editing."""
        choice = resolve_conflict(
            error, self, reload=self._on_reload if self._reload else None, overwrite=None
        )
        if choice is ConflictChoice.OVERWRITE and self._reload is not None:
            self._reload()  # their version number, the form untouched: mine is saved over it
            try:
                self._save(draft)
            except UserError as again:
                self.show_problems([Problem("", again.message)], conflict=True)
                return
            super().accept()
        elif choice is not ConflictChoice.RELOAD or self._reload is None:
            self.show_problems([Problem("", error.message)], conflict=True)

    def show_problems(self, problems: list[Problem], *, conflict: bool = False) -> None:
        heading = "Chưa lưu được:" if not conflict else "Chưa lưu được – có người vừa sửa:"
        self.problems.setText("\n".join([heading, *(f"• {p}" for p in problems)]))
        self.problems.show()
        self.reload_button.setVisible(conflict and self._reload is not None)

    def _on_reload(self) -> None:
        if self._reload is None:
            return
        self.set_draft(self._reload().draft())
        if self.links is not None and self._criteria is not None:
            self.links.set_linked(self._criteria.linked())
        self.problems.setText("Đã tải bản mới nhất; hãy sửa lại rồi lưu.")
        self.problems.show()
        self.reload_button.hide()


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A row label whose Alt+letter reaches a field inside a row layout."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


_FIELD_ORDER = ("Số thứ tự", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Bắt đầu", "Thời hạn")


class _EnterMovesOn(QObject):
    """Enter in a one-line field moves to the next field, as clerks fill paper forms."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._dialog.accept()
                return True
            if isinstance(watched, QPlainTextEdit):
                return False
            popup = isinstance(watched, QComboBox) and watched.view().isVisible()
            if not popup:
                self._dialog.focusNextChild()
                return True
        return False
