"""The sign-in dialog shown at start when the ward has turned accounts on."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.buttons import Std, button_box


class LoginDialog(QDialog):
    """Asks login and password; stays open with a message until they are right."""

    def __init__(self, accounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle("Đăng nhập ParDesk")
        self._accounts = accounts
        self.account = None
        self.login = QLineEdit(objectName="loginName")
        self.password = QLineEdit(objectName="loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("", objectName="loginMessage")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Tên đăng nhập:", self.login)
        form.addRow("Mật khẩu:", self.password)
        layout = QVBoxLayout(self)
        intro = QLabel("Dữ liệu của đơn vị dùng chung; hãy đăng nhập bằng tài khoản của mình.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.buttons = button_box(self, Std.Ok | Std.Cancel)
        self.buttons.button(Std.Ok).setText("Đăng nhập")
        self.buttons.button(Std.Cancel).setText("Thoát")
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def accept(self) -> None:
        from services.errors import UserError

        try:
            self.account = self._accounts.sign_in(self.login.text(), self.password.text())
        except UserError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()
