"""The ward's own data for disclosure: its residential groups and the year's holiday table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.date_input import read_date
from services.disclosure.calendar import DAY_KINDS, DAY_OFF, SpecialDay, shipped_days
from services.disclosure.setup import DisclosureSetup
from services.errors import Problem, ValidationError
from services.text import DATE_HINT, format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.disclosure.table_models import ROW_ROLE, ColumnSpec, RowsTableModel
from ui.disclosure.views import make_table

GROUP_COLUMNS = (
    ColumnSpec("Thôn, tổ dân phố", lambda g: g.name, None, 260),
    ColumnSpec("Đang dùng", lambda g: "Có" if g.active else "Không", None, 80),
)
HOLIDAY_COLUMNS = (
    ColumnSpec("Ngày", lambda d: format_date(d.day), lambda d: d.day.toordinal(), 90),
    ColumnSpec("Thứ", lambda d: _weekday(d.day), None, 70),
    ColumnSpec("Loại", lambda d: DAY_KINDS.get(d.kind, d.kind), None, 100),
    ColumnSpec("Tên", lambda d: d.name, None, 320),
)
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _weekday(day) -> str:
    return WEEKDAYS[day.weekday()]


def _error_label(name: str) -> QLabel:
    label = QLabel(objectName=name, wordWrap=True)
    label.setStyleSheet("color: #a00000;")
    label.hide()
    return label


class GroupsDialog(QDialog):
    """Tổ dân phố: each active group is a required place for posting at cultural houses."""

    def __init__(self, setup: DisclosureSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupsDialog")
        self.setWindowTitle("Thôn, tổ dân phố")
        self._setup = setup
        self.model = RowsTableModel(GROUP_COLUMNS, parent=self)
        self.table = make_table(self.model, "groupTable")
        self.name = QLineEdit(
            objectName="groupName", placeholderText="ví dụ: Thôn Đông Sơn, Tổ dân phố số 3"
        )
        self.add_button = QPushButton("&Thêm", objectName="addGroup")
        self.active = QCheckBox("Đang dùng (phải niêm yết tại tổ này)", objectName="groupActive")
        self.save_button = QPushButton("&Lưu tên, trạng thái", objectName="saveGroup")
        self.errors = _error_label("groupErrors")
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.add_button)
        edit = QHBoxLayout()
        edit.addWidget(self.active)
        edit.addStretch(1)
        edit.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Niêm yết tại nhà văn hóa và thông báo qua Trưởng thôn, Tổ trưởng phải có ở "
                "mọi thôn, tổ dân phố đang dùng."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(edit)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Close))
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.refresh()
        self.resize(480, 420)

    def refresh(self) -> None:
        self.model.set_rows(self._setup.groups(include_inactive=True))

    def _on_current(self, *_args) -> None:
        group = self.table.currentIndex().data(ROW_ROLE)
        if group is not None:
            self.name.setText(group.name)
            self.active.setChecked(group.active)

    def add(self) -> None:
        self._run(lambda: self._setup.add_group(self.name.text()))

    def save_current(self) -> None:
        group = self.table.currentIndex().data(ROW_ROLE)
        if group is not None:
            self._run(
                lambda: self._setup.update_group(
                    group.id, self.name.text(), self.active.isChecked()
                )
            )

    def _run(self, action) -> None:
        try:
            action()
        except ValidationError as exc:
            self.errors.setText(str(exc))
            self.errors.show()
            return
        self.errors.hide()
        self.name.clear()
        self.refresh()


class HolidaysDialog(QDialog):
    """One year's days off and weekend working days, edited as a whole and saved at once."""

    def __init__(self, setup: DisclosureSetup, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holidaysDialog")
        self.setWindowTitle(f"Ngày nghỉ lễ, Tết và ngày làm bù năm {year}")
        self._setup, self._year = setup, year
        table = setup.holidays(year)
        self.days: list[SpecialDay] = list(table.days)
        self._reset = False
        self.model = RowsTableModel(HOLIDAY_COLUMNS, parent=self)
        self.table = make_table(self.model, "holidayTable")
        self.source = QLabel(objectName="holidaySource")
        self.day = DateField(object_name="holidayDate")
        self.kind = QComboBox(objectName="holidayKind")
        for code, label in DAY_KINDS.items():
            self.kind.addItem(label, code)
        self.name = QLineEdit(objectName="holidayName", placeholderText="ví dụ: Nghỉ bù Quốc khánh")
        self.add_button = QPushButton("&Thêm ngày", objectName="addHoliday")
        self.remove_button = QPushButton("&Bỏ ngày đã chọn", objectName="removeHoliday")
        self.reset_button = QPushButton("&Khôi phục bảng có sẵn", objectName="resetHolidays")
        self.errors = _error_label("holidayErrors")
        add_row = QHBoxLayout()
        for widget, stretch in ((self.day, 0), (self.kind, 0), (self.name, 1)):
            add_row.addWidget(widget, stretch)
        add_row.addWidget(self.add_button)
        tools = QHBoxLayout()
        tools.addWidget(self.remove_button)
        tools.addStretch(1)
        tools.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addLayout(tools)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.add_button.clicked.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_day)
        self.reset_button.clicked.connect(self.reset)
        self._show(table.edited)
        self.resize(640, 520)

    def _show(self, edited: bool) -> None:
        self.model.set_rows(sorted(self.days, key=lambda d: d.day))
        self.source.setText(
            "Bảng do đơn vị sửa cho năm này."
            if edited
            else "Bảng có sẵn theo lịch nghỉ chính thức."
        )

    def add_day(self) -> None:
        problems: list[Problem] = []
        day = read_date(self.day.text(), "Ngày", problems)
        if day is None:
            self._problems(problems or [Problem("Ngày", f"hãy gõ {DATE_HINT}.")])
            return
        self.days = [d for d in self.days if d.day != day]
        kind = self.kind.currentData() or DAY_OFF
        self.days.append(SpecialDay(day, self.name.text().strip(), kind))
        self.day.clear()
        self.name.clear()
        self.errors.hide()
        self._show(True)

    def remove_day(self) -> None:
        chosen = self.table.currentIndex().data(ROW_ROLE)
        if chosen is not None:
            self.days = [d for d in self.days if d.day != chosen.day]
            self._show(True)

    def reset(self) -> None:
        """Back to the shipped table; written only when the clerk saves."""
        self.days = list(shipped_days(self._year))
        self._reset = True
        self._show(False)

    def _problems(self, problems: list[Problem]) -> None:
        self.errors.setText("\n".join(f"• {p}" for p in problems))
        self.errors.show()

    def accept(self) -> None:
        try:
            if self._reset and self.days == list(shipped_days(self._year)):
                self._setup.reset_holidays(self._year)
            else:
                self._setup.set_holidays(self._year, self.days)
        except ValidationError as exc:
            self._problems(exc.problems)
            return
        super().accept()
