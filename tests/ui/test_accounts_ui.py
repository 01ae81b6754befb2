"""Sign-in at start, and the window hiding what the signed-in role may not do."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from services.accounts.users import AccountDraft
from ui.buttons import Std

PASSWORD = "mat-khau-1"


@pytest.fixture
def with_accounts(services):
    unit = next(iter(services.units.by_code().values()))
    services.accounts.enable(AccountDraft("quantri", "Nguyễn Văn Quản", "administrator", PASSWORD))
    services.accounts.create(AccountDraft("vanphong", "Lê Văn Phòng", "office", PASSWORD))
    services.accounts.create(
        AccountDraft("canbo", "Phạm Thị Cán", "unit_officer", PASSWORD, unit_id=unit.id)
    )
    return services


def _window(qtbot, services, data_folder):
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    window = MainWindow(services, open_settings(data_folder), data_folder)
    qtbot.addWidget(window)
    return window


def _plan_actions(window):
    from ui import strings

    return window.show_area(strings.AREA_PLAN).actions_


def test_login_dialog_refuses_a_wrong_password_then_signs_in(qtbot, with_accounts):
    from ui.accounts.login_dialog import LoginDialog

    dialog = LoginDialog(with_accounts.accounts)
    qtbot.addWidget(dialog)
    dialog.login.setText("vanphong")
    dialog.password.setText("sai")
    dialog.buttons.button(Std.Ok).click()
    assert dialog.isVisible() is False and dialog.result() == 0
    assert dialog.message.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.password.text() == ""
    dialog.password.setText(PASSWORD)
    dialog.buttons.button(Std.Ok).click()
    assert dialog.result() == 1
    assert with_accounts.accounts.current().full_name == "Lê Văn Phòng"


def test_no_sign_in_is_asked_while_accounts_are_off(services):
    from ui.app import sign_in_if_required

    assert sign_in_if_required(services, None) is True


def test_unit_officer_sees_no_plan_editing_and_no_settings_for_others(
    qtbot, with_accounts, data_folder
):
    with_accounts.accounts.sign_in("canbo", PASSWORD)
    window = _window(qtbot, with_accounts, data_folder)
    assert not window.org_action.isVisible()
    assert not window.accounts_action.isVisible()
    assert not window.backup_action.isVisible()
    assert "Phạm Thị Cán (Cán bộ bộ phận)" in window.statusBar().currentMessage()
    actions = _plan_actions(window)
    assert not actions.new_task.isVisible() and not actions.delete_task.isEnabled()
    assert not actions.sections_menu.menuAction().isVisible()
    assert actions.record.isVisible()


def test_office_edits_the_plan_and_the_local_administrator_sees_everything(
    qtbot, with_accounts, services, data_folder
):
    with_accounts.accounts.sign_in("vanphong", PASSWORD)
    window = _window(qtbot, with_accounts, data_folder)
    assert _plan_actions(window).new_task.isVisible()
    assert not window.accounts_action.isVisible()


def test_local_administrator_sees_every_menu(qtbot, services, data_folder):
    window = _window(qtbot, services, data_folder)
    assert window.org_action.isVisible() and window.accounts_action.isVisible()
    assert window.backup_action.isVisible() and _plan_actions(window).new_task.isVisible()


def test_accounts_dialog_turns_sign_in_on_and_adds_an_officer(qtbot, services, monkeypatch):
    from ui.accounts.accounts_dialog import AccountsDialog

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog = AccountsDialog(services)
    qtbot.addWidget(dialog)
    assert "Đăng nhập đang TẮT" in dialog.state.text()
    assert not dialog.add_button.isEnabled()
    dialog.login.setText("quantri")
    dialog.full_name.setText("Nguyễn Văn Quản")
    dialog.password.setText("ngan")
    dialog.enable_button.click()
    assert warnings == ["Mật khẩu: cần ít nhất 8 ký tự."]
    dialog.password.setText(PASSWORD)
    dialog.enable_button.click()
    assert services.accounts.enabled()
    assert "Đăng nhập đang BẬT" in dialog.state.text()
    dialog.login.setText("canbo")
    dialog.full_name.setText("Phạm Thị Cán")
    dialog.role.setCurrentIndex(dialog.role.findData("unit_officer"))
    dialog.unit.setCurrentIndex(1)
    dialog.password.setText(PASSWORD)
    dialog.add_button.click()
    model = dialog.model
    shown = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert shown == [
        ["canbo", "Phạm Thị Cán", "Cán bộ bộ phận", dialog.unit.itemText(1), "Đang dùng"],
        ["quantri", "Nguyễn Văn Quản", "Quản trị hệ thống", "", "Đang dùng"],
    ]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/accounts-dialog.png")
