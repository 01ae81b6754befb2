"""Cài đặt → Tài khoản người dùng: list accounts, add one, turn sign-in on or off."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.buttons import Std, button_box

COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Bộ phận", "Trạng thái")


class AccountTableModel(QAbstractTableModel):
    def __init__(self, rows=(), parent=None) -> None:
        super().__init__(parent)
        self.rows = list(rows)

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        values = (r.login, r.full_name, r.role_label, r.unit_name, _state(r.active))
        return values[index.column()]


def _state(active: bool) -> str:
    return "Đang dùng" if active else "Đã khóa"


class AccountsDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from services.accounts.access import ROLE_LABELS

        self.setObjectName("accountsDialog")
        self.setWindowTitle("Tài khoản người dùng")
        self._services = services
        self._accounts = services.accounts
        self.state = QLabel(objectName="accountsState")
        self.state.setWordWrap(True)
        self.model = AccountTableModel(parent=self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="accountsTable")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.login = QLineEdit(objectName="newLogin")
        self.full_name = QLineEdit(objectName="newFullName")
        self.role = QComboBox(objectName="newRole")
        for key, label in ROLE_LABELS.items():
            self.role.addItem(label, key)
        self.unit = QComboBox(objectName="newUnit")
        self.unit.addItem("—", None)
        for unit in services.units.list(include_inactive=False):
            self.unit.addItem(unit.name, unit.id)
        self.password = QLineEdit(objectName="newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Tên đăng nhập:", self.login)
        form.addRow("Họ và tên:", self.full_name)
        form.addRow("Vai trò:", self.role)
        form.addRow("Bộ phận (cán bộ bộ phận):", self.unit)
        form.addRow("Mật khẩu (ít nhất 8 ký tự):", self.password)
        self.add_button = QPushButton("&Thêm tài khoản", objectName="addAccount")
        self.enable_button = QPushButton("&Bật đăng nhập", objectName="enableAccounts")
        self.disable_button = QPushButton("Tắt đăng &nhập", objectName="disableAccounts")
        row = QHBoxLayout()
        for button in (self.add_button, self.enable_button, self.disable_button):
            row.addWidget(button)
        row.addStretch(1)
        box = QGroupBox("Tài khoản mới")
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addWidget(button_box(self, Std.Close))
        self.add_button.clicked.connect(self.add_account)
        self.enable_button.clicked.connect(self.enable)
        self.disable_button.clicked.connect(self.disable)
        self.resize(720, 520)
        self.reload()

    def reload(self) -> None:
        enabled = self._accounts.enabled()
        self.model.set_rows(self._accounts.accounts())
        self.table.resizeColumnsToContents()
        self.state.setText(
            "Đăng nhập đang BẬT: mỗi người dùng tài khoản riêng khi mở ParDesk."
            if enabled
            else "Đăng nhập đang TẮT: máy này dùng ParDesk không cần đăng nhập. Để bật, nhập "
            "tài khoản của người quản trị đầu tiên bên dưới rồi bấm “Bật đăng nhập”."
        )
        self.enable_button.setVisible(not enabled)
        self.disable_button.setVisible(enabled)
        self.add_button.setEnabled(enabled)

    def _draft(self, role: str | None = None):
        from services.accounts.users import AccountDraft

        return AccountDraft(
            self.login.text(),
            self.full_name.text(),
            role or self.role.currentData(),
            self.password.text(),
            unit_id=self.unit.currentData(),
        )

    def _run(self, work) -> bool:
        from services.errors import UserError

        try:
            work()
        except UserError as exc:
            QMessageBox.warning(self, "Tài khoản", exc.message)
            return False
        for field in (self.login, self.full_name, self.password):
            field.clear()
        self.reload()
        return True

    def add_account(self) -> None:
        self._run(lambda: self._accounts.create(self._draft()))

    def enable(self) -> None:
        self._run(lambda: self._accounts.enable(self._draft("administrator")))

    def disable(self) -> None:
        self._run(self._accounts.disable)
