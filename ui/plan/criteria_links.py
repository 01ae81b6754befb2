"""The task editor's link to index criteria: type a code or pick from the year's criteria.

The field only collects criterion ids; the editor's save hands them to ``PlanEditor`` so the
fields and the links are saved, and undone, together. The year's PAR, PAPI and SIPAS criteria
come from ``AssessmentService.criteria_choices``; links the task already has to another year's
criteria are kept and shown with their year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.scores.dto import LinkedCriterion
from services.text import search_key
from ui.buttons import button_box
from ui.scores.rows_model import ITEM_ROLE, Cells, RowsModel
from ui.search_highlight import RankedSearchProxy

ID_ROLE = Qt.ItemDataRole.UserRole + 11


@dataclass(frozen=True)
class LinkChange:
    """What the user did to the links in the editor, applied to the links as they are when
    saving, so a link someone made meanwhile from the Chỉ số area is not lost."""

    added: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()

    def apply(self, current: frozenset[int]) -> frozenset[int]:
        return (current - self.removed) | self.added


@dataclass(frozen=True)
class CriteriaSource:
    """What the editor needs: the plan's year, the year's criteria, the task's current links."""

    year: int
    choices: list[LinkedCriterion]
    linked: Callable[[], list[LinkedCriterion]]


def describe(c: LinkedCriterion, year: int | None = None) -> str:
    other = f" (năm {c.year})" if year is not None and c.year != year else ""
    return f"{c.label}  {c.name}{other}"


class CriteriaLinksField(QWidget):
    """Linked criteria as a short list, a code box (Enter links) and a picker button."""

    problem = Signal(str)

    def __init__(self, source: CriteriaSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criteriaLinks")
        self._source = source
        # Typed as printed ("PAPI D1.1"), or the bare code when only one index has it.
        self._by_code: dict[str, LinkedCriterion] = {}
        for c in source.choices:
            self._by_code.setdefault(c.code.casefold(), c)
            self._by_code[c.label.casefold()] = c
        self.list = QListWidget(objectName="linkedCriteria")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setFixedHeight(74)
        self.code = QLineEdit(objectName="criterionCode")
        self.code.setPlaceholderText("gõ mã tiêu chí rồi Enter, ví dụ PAR.2.1")
        completer = QCompleter([c.label for c in source.choices], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.code.setCompleter(completer)
        self.pick_button = QPushButton("Chọn tiêu chí…", objectName="pickCriterion")
        self.unlink_button = QPushButton("Bỏ gắn", objectName="unlinkCriterion")
        self.note = QLabel(objectName="criteriaLinksNote", wordWrap=True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self._say(
            ""
            if source.choices
            else f"Năm {source.year} chưa có bộ tiêu chí chỉ số nào (nạp ở khu vực Chỉ số)."
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.code, 1)
        row.addWidget(self.pick_button)
        row.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self._enter = _EnterLinks(self)
        self.code.installEventFilter(self._enter)
        self.pick_button.clicked.connect(self.open_picker)
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.set_linked(source.linked())

    # ----- values -------------------------------------------------------------------------
    def set_linked(self, linked: list[LinkedCriterion]) -> None:
        self.list.clear()
        for c in linked:
            self.add(c)
        self._initial = self.ids()

    def change(self) -> LinkChange:
        now = self.ids()
        return LinkChange(now - self._initial, self._initial - now)

    def ids(self) -> frozenset[int]:
        return frozenset(self.list.item(i).data(ID_ROLE) for i in range(self.list.count()))

    def codes(self) -> list[str]:
        return [self.list.item(i).data(ITEM_ROLE).label for i in range(self.list.count())]

    def add(self, c: LinkedCriterion) -> None:
        if c.criterion_id in self.ids():
            return
        item = QListWidgetItem(describe(c, self._source.year))
        item.setData(ID_ROLE, c.criterion_id)
        item.setData(ITEM_ROLE, c)
        item.setToolTip(f"{c.index_key} năm {c.year}: {c.code} {c.name}")
        self.list.addItem(item)

    def add_code(self, text: str) -> bool:
        """Link the criterion with that code (this year's); a wrong code is reported."""
        codes = [x.strip() for x in text.replace(";", ",").split(",") if x.strip()]
        unknown = [x for x in codes if x.casefold() not in self._by_code]
        for x in codes:
            if x.casefold() in self._by_code:
                self.add(self._by_code[x.casefold()])
        if unknown:
            message = (
                f"Không có tiêu chí mã “{', '.join(unknown)}” trong các bộ tiêu chí năm "
                f"{self._source.year}."
            )
            self._say(message, error=True)
            self.problem.emit(message)
            self.code.setText(", ".join(unknown))
            return False
        self._say("")
        self.code.clear()
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.note.setStyleSheet(f"color: {'#a40000' if error else '#555'};")
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _picked(self, chosen: list[LinkedCriterion]) -> None:
        for c in chosen:
            self.add(c)
        self._say("")

    def unlink_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def open_picker(self) -> CriterionPickerDialog:
        dialog = CriterionPickerDialog(self._source.choices, self._source.year, self)
        dialog.accepted.connect(lambda: self._picked(dialog.selected()))
        dialog.open()
        return dialog


class _EnterLinks(QObject):
    """Enter in the code box links the typed code instead of saving the whole dialog."""

    def __init__(self, field: CriteriaLinksField) -> None:
        super().__init__(field)
        self._field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False  # Ctrl+Enter still saves
            # A completion chosen in the popup is taken by QCompleter before this filter;
            # one still open here has nothing chosen, so the typed text is what counts.
            popup = self._field.code.completer().popup()
            if popup is not None and popup.isVisible():
                popup.hide()
            if self._field.code.text().strip():
                self._field.add_code(self._field.code.text())
            else:
                self._field.window().focusNextChild()
            return True
        return False


def _choice_cells(item: object) -> Cells:
    c: LinkedCriterion = item  # type: ignore[assignment]
    depth = c.code.count(".") - (1 if c.code.startswith(c.index_key) else 0)
    return Cells((f"{'    ' * max(depth, 0)}{c.label}  {c.name}",), tooltip=c.name)


class _Filter(RankedSearchProxy):
    def search_text(self, source_row: int) -> str:
        c: LinkedCriterion = self.sourceModel().item(source_row)
        return f"{c.label.casefold()} {search_key(c.name)}"


class CriterionPickerDialog(QDialog):
    """The year's PAR, PAPI and SIPAS criteria; search by code or words, pick one or more."""

    def __init__(
        self, choices: list[LinkedCriterion], year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("criterionPicker")
        self.setWindowTitle(f"Gắn nhiệm vụ với tiêu chí chỉ số năm {year}")
        self.resize(720, 480)
        self.search = QLineEdit(
            objectName="criterionPickerSearch",
            placeholderText="Tìm theo mã hoặc tên tiêu chí (gõ không dấu cũng được)",
        )
        self.model = RowsModel(("Tiêu chí",), _choice_cells, self)
        self.model.set_items(list(choices))
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QListView(objectName="criterionPickerList")
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.search.textChanged.connect(self.proxy.set_query)
        self.view.doubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        hint = "Chọn một hoặc nhiều tiêu chí (Ctrl+nhấp để chọn thêm)."
        if not choices:
            hint = f"Năm {year} chưa có bộ tiêu chí chỉ số nào."
        layout.addWidget(QLabel(hint, wordWrap=True))
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(button_box(self))
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def selected(self) -> list[LinkedCriterion]:
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(ITEM_ROLE) for index in rows]
