"""Danh mục công khai: the ward edits checklist items and adds rule versions from a date.

A change of law is a new version with its own "áp dụng từ" date, never an edit of the old
one, so disclosures of earlier years keep being judged by the rules of their time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.date_input import read_date
from services.disclosure.checklist import ChecklistItem, Deadline, Rule
from services.disclosure.setup import DisclosureSetup, content_groups
from services.disclosure.vocab import (
    DEADLINE_UNITS,
    DURATION_TYPES,
    FORMS,
    RECURRENCES,
    VERSION_BY,
)
from services.errors import Problem, ValidationError
from services.text import format_date, parse_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.disclosure.table_models import ROW_ROLE, ColumnSpec, RowsTableModel
from ui.disclosure.views import make_table

ITEM_COLUMNS = (
    ColumnSpec("Mã", lambda i: i.code, None, 62),
    ColumnSpec("Nội dung", lambda i: i.title, None, 300),
    ColumnSpec("Định kỳ", lambda i: RECURRENCES.get(i.recurrence, i.recurrence), None, 110),
    ColumnSpec("Dùng", lambda i: "Có" if i.active else "Không", None, 50),
)


def _combo(name: str, values: dict[str, str]) -> QComboBox:
    box = QComboBox(objectName=name)
    for code, label in values.items():
        box.addItem(label, code)
    return box


def _select(box: QComboBox, code: object) -> None:
    box.setCurrentIndex(max(0, box.findData(code)))


class ChecklistDialog(QDialog):
    def __init__(self, setup: DisclosureSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDialog")
        self.setWindowTitle("Danh mục nội dung công khai")
        self._setup = setup
        setup.ensure_checklist()
        self.item: ChecklistItem | None = None
        self._version = 0
        self._build()
        self.refresh()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.model = RowsTableModel(ITEM_COLUMNS, parent=self)
        self.table = make_table(self.model, "checklistTable")
        self.code = QLineEdit(objectName="itemCode")
        self.title = QPlainTextEdit(objectName="itemTitle")
        self.title.setTabChangesFocus(True)
        self.title.setFixedHeight(54)
        self.group = _combo("itemGroup", content_groups())
        self.recurrence = _combo("itemRecurrence", RECURRENCES)
        self.version_by = _combo("itemVersionBy", VERSION_BY)
        self.budget_offset = QSpinBox(objectName="budgetOffset", minimum=-1, maximum=1)
        self.active = QCheckBox("Đang dùng", objectName="itemActive")
        self.versions = QComboBox(objectName="ruleVersions")
        self.applies_from = DateField(object_name="appliesFrom")
        self.forms = QListWidget(objectName="ruleForms")
        for code, label in FORMS.items():
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.forms.addItem(entry)
        self.forms.setFixedHeight(140)
        self.duration_days = QSpinBox(objectName="durationDays", minimum=0, maximum=3650)
        self.duration_type = _combo("durationType", DURATION_TYPES)
        self.broadcast_days = QSpinBox(objectName="broadcastDays", minimum=0, maximum=90)
        self.broadcast_days.setSpecialValueText("mặc định (03)")
        self.deadline_days = QSpinBox(objectName="deadlineDays", minimum=-1, maximum=365)
        self.deadline_days.setSpecialValueText("mặc định: 05 ngày làm việc")
        self.deadline_unit = _combo("deadlineUnit", DEADLINE_UNITS)
        self.trigger = QLineEdit(objectName="ruleTrigger")
        self.deadline_text = QLineEdit(objectName="ruleDeadlineText")
        self.legal_basis = QPlainTextEdit(objectName="ruleBasis")
        self.legal_basis.setTabChangesFocus(True)
        self.legal_basis.setFixedHeight(60)

        item_form = QFormLayout()
        item_form.addRow("Mã:", self.code)
        item_form.addRow("Nội dung:", self.title)
        item_form.addRow("Nhóm:", self.group)
        item_form.addRow("Định kỳ:", self.recurrence)
        item_form.addRow("Chọn quy định:", self.version_by)
        item_form.addRow("Năm ngân sách = năm +", self.budget_offset)
        item_form.addRow("", self.active)
        duration = QHBoxLayout()
        duration.addWidget(self.duration_days)
        duration.addWidget(self.duration_type, 1)
        deadline = QHBoxLayout()
        deadline.addWidget(self.deadline_days, 1)
        deadline.addWidget(self.deadline_unit)
        rule_form = QFormLayout()
        rule_form.addRow("Phiên bản:", self.versions)
        rule_form.addRow("Áp dụng từ ngày:", self.applies_from)
        rule_form.addRow("Hình thức bắt buộc:", self.forms)
        rule_form.addRow("Thời gian niêm yết:", duration)
        rule_form.addRow("Phát loa tối thiểu (ngày):", self.broadcast_days)
        rule_form.addRow("Hạn công khai:", deadline)
        rule_form.addRow("Căn cứ tính hạn:", self.trigger)
        rule_form.addRow("Diễn giải thời hạn:", self.deadline_text)
        rule_form.addRow("Cơ sở pháp lý\n(mỗi dòng một):", self.legal_basis)

        self.new_button = QPushButton("Thêm &mục mới", objectName="newItem")
        self.version_button = QPushButton("Thêm &phiên bản quy định", objectName="newVersion")
        self.save_button = QPushButton("&Lưu mục", objectName="saveItem")
        self.errors = QLabel(objectName="checklistErrors", wordWrap=True)
        self.errors.setStyleSheet("color: #a00000;")
        self.errors.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.version_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        editor = QWidget()
        right = QVBoxLayout(editor)
        right.addLayout(item_form)
        right.addLayout(rule_form)
        right.addWidget(self.errors)
        right.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setSizes([520, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(button_box(self, Std.Close))
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.versions.currentIndexChanged.connect(self._on_version)
        self.new_button.clicked.connect(self.new_item)
        self.version_button.clicked.connect(self.new_version)
        self.save_button.clicked.connect(self.save)
        self.resize(1120, 720)

    # ----- showing --------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        items = self._setup.checklist()
        self.model.set_rows(items)
        codes = [i.code for i in items]
        row = codes.index(select) if select in codes else 0
        if items:
            self.table.selectRow(row)

    def _on_current(self, *_args) -> None:
        item = self.table.currentIndex().data(ROW_ROLE)
        if item is not None:
            self.show_item(item)

    def show_item(self, item: ChecklistItem, version: int | None = None) -> None:
        self.item = item
        self.errors.hide()
        self.code.setText(item.code)
        self.code.setReadOnly(item.id is not None)
        self.title.setPlainText(item.title)
        _select(self.group, item.group)
        _select(self.recurrence, item.recurrence)
        _select(self.version_by, item.version_by)
        self.budget_offset.setValue(item.budget_offset)
        self.active.setChecked(item.active)
        self.versions.blockSignals(True)
        self.versions.clear()
        for rule in item.rules:
            self.versions.addItem(f"Từ {format_date(rule.applies_from)}")
        self._version = len(item.rules) - 1 if version is None else version
        self.versions.setCurrentIndex(self._version)
        self.versions.blockSignals(False)
        self._show_rule(item.rules[self._version])

    def _show_rule(self, rule: Rule) -> None:
        self.applies_from.setText(format_date(rule.applies_from))
        for row in range(self.forms.count()):
            entry = self.forms.item(row)
            checked = entry.data(Qt.ItemDataRole.UserRole) in rule.forms
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.duration_days.setValue(rule.duration_days or 0)
        _select(self.duration_type, rule.duration_type)
        self.broadcast_days.setValue(rule.broadcast_days or 0)
        self.deadline_days.setValue(rule.deadline.offset if rule.deadline else -1)
        _select(self.deadline_unit, rule.deadline.unit if rule.deadline else "working_days")
        self.trigger.setText(rule.trigger)
        self.deadline_text.setText(rule.deadline_text)
        self.legal_basis.setPlainText("\n".join(rule.legal_basis))

    def _on_version(self, index: int) -> None:
        if self.item is None or index < 0:
            return
        self.item = self.edited_item()
        self._version = index
        self._show_rule(self.item.rules[index])

    # ----- editing ---------------------------------------------------------------------------
    def edited_rule(self) -> Rule:
        assert self.item is not None
        old = self.item.rules[self._version]
        try:
            applies_from = parse_date(self.applies_from.text()) or old.applies_from
        except ValueError:
            applies_from = old.applies_from
        forms = tuple(
            self.forms.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.forms.count())
            if self.forms.item(r).checkState() == Qt.CheckState.Checked
        )
        offset = self.deadline_days.value()
        return replace(
            old,
            applies_from=applies_from,
            forms=forms,
            duration_days=self.duration_days.value() or None,
            duration_type=self.duration_type.currentData(),
            broadcast_days=self.broadcast_days.value() or None,
            deadline=Deadline(offset, self.deadline_unit.currentData()) if offset >= 0 else None,
            trigger=self.trigger.text().strip(),
            deadline_text=self.deadline_text.text().strip(),
            legal_basis=tuple(
                line.strip() for line in self.legal_basis.toPlainText().splitlines() if line.strip()
            ),
        )

    def edited_item(self) -> ChecklistItem:
        assert self.item is not None
        rules = list(self.item.rules)
        rules[self._version] = self.edited_rule()
        return replace(
            self.item,
            code=self.code.text().strip(),
            title=self.title.toPlainText().strip(),
            group=self.group.currentData(),
            recurrence=self.recurrence.currentData(),
            version_by=self.version_by.currentData(),
            budget_offset=self.budget_offset.value(),
            active=self.active.isChecked(),
            rules=tuple(rules),
        )

    def new_item(self) -> None:
        rule = Rule(applies_from=date(2023, 7, 1), forms=("TRANG_TTDT", "NIEM_YET_TRU_SO"))
        self.show_item(ChecklistItem("", "", "KTXH", "event", (rule,)))
        self.code.setFocus()

    def new_version(self) -> None:
        """A copy of the shown version, from 1 January next year; the clerk edits its date."""
        if self.item is None:
            return
        item = self.edited_item()
        last = item.rules[-1]
        start = date(max(last.applies_from.year + 1, date.today().year), 1, 1)
        item = replace(item, rules=item.rules + (replace(last, applies_from=start, note=""),))
        self.show_item(item, len(item.rules) - 1)

    def save(self) -> bool:
        if self.item is None:
            return False
        problems: list[Problem] = []
        read_date(self.applies_from.text(), "Áp dụng từ ngày", problems)
        item = self.edited_item()
        if not problems:
            try:
                saved = self._setup.save_item(item)
            except ValidationError as exc:
                problems = exc.problems
        if problems:
            self.errors.setText("\n".join(f"• {p}" for p in problems))
            self.errors.show()
            return False
        self.refresh(select=saved.code)
        return True
