"""Cài đặt area, backup/restore from the window, the close backup and the user's name."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox

from services.safety.audit import default_actor
from services.safety.auto_backup import list_auto_backups
from services.safety.backup import read_manifest
from tests.ui.modal_answers import answer_when_shown
from ui import strings
from ui.safety import backup_ui


@pytest.fixture
def quiet_boxes(monkeypatch):
    shown = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda *a, _k=kind, **k: shown.append((_k, a[2])) or None
        )
    return shown


def _change_a_task(services, percent: int):
    plan = services.plans.list_plans()[0]
    task = next(t for t in services.plans.tasks(plan.id) if t.actionable)
    return services.plans.update_task(task.id, replace(task.draft(), percent=percent))


def test_the_name_typed_in_settings_signs_every_change_in_the_log(main_window, qtbot, tmp_path):
    area = main_window.show_area(strings.AREA_SETTINGS)
    assert area.user_name.text() == default_actor()
    area.user_name.setText("Đỗ Xuân Quỳnh")
    area.save_user_name()
    task = _change_a_task(main_window.services, 65)
    area.tabs.setCurrentIndex(2)
    qtbot.keyClicks(area.audit_search, "xuan quynh")
    [entry] = area.visible_entries()
    assert entry.actor == "Đỗ Xuân Quỳnh" and entry.record_id == str(task.id)
    assert "Tiến độ (%): 0 → 65" in entry.summary
    area.audit_table.selectRow(0)
    assert "Người thực hiện: Đỗ Xuân Quỳnh" in area.audit_detail.toPlainText()
    area.audit_search.clear()
    area.show_record_history()
    assert {e.record_id for e in area.visible_entries()} == {str(task.id)}
    assert "lần thay đổi" in area.audit_scope.text()
    path = area.export_audit(tmp_path / "nhat-ky.xlsx")
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][1] == "Người thực hiện" and rows[1][1] == "Đỗ Xuân Quỳnh"
    # The name is remembered for the next start.
    assert main_window.settings.value("user/name") == "Đỗ Xuân Quỳnh"


def test_file_menu_offers_backup_and_restore_above_quit(main_window):
    menu = main_window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts == [
        "In văn bản...\tCtrl+P",
        "",
        "Sao lưu ra...",
        "Khôi phục từ bản sao lưu...",
        "",
        "Thoát",
    ]


@pytest.mark.sqlite_only
def test_backup_to_a_usb_folder_then_restore_it(
    main_window, db_path, tmp_path, quiet_boxes, monkeypatch
):
    services = main_window.services
    usb = tmp_path / "usb"
    usb.mkdir()
    archive = backup_ui.backup_to(services, usb, main_window)
    assert archive is not None and archive.parent == usb and archive.suffix == ".zip"
    assert quiet_boxes[-1][0] == "information" and "Có thể rút USB ra" in quiet_boxes[-1][1]
    _change_a_task(services, 99)
    answer_when_shown("restoreConfirm", "confirmRestore")
    result = backup_ui.restore_from(services, archive, main_window)
    assert result is not None and result.info.path == archive
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT max(percent) FROM plan_tasks").fetchone()[0] < 99
    conn.close()


@pytest.mark.sqlite_only
def test_a_backup_to_a_usb_with_a_killed_backup_on_it_says_what_it_removed(
    main_window, tmp_path, quiet_boxes
):
    import subprocess
    import sys

    from services.safety.leftovers import marker, write_marker

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    usb = tmp_path / "usb"
    usb.mkdir()
    partial = usb / f"ParDesk-sao-luu-20250301-170000.zip.{dead.pid}.dang-ghi"
    partial.write_bytes(b"PK\x03\x04" + b"\0" * 1000)  # what the killed backup had written
    content = {**marker("backup-partial", partial=partial.name), "pid": dead.pid}
    write_marker(usb / (partial.name + ".json"), content)
    archive = backup_ui.backup_to(main_window.services, usb, main_window)
    assert sorted(p.name for p in usb.iterdir()) == [archive.name]
    text = quiet_boxes[-1][1]
    assert "Đã xóa 2 tệp dở dang do lần sao lưu trước bị ngắt" in text and partial.name in text


@pytest.mark.sqlite_only
def test_restore_is_not_done_without_confirmation(
    main_window, db_path, tmp_path, quiet_boxes, monkeypatch
):
    archive = backup_ui.backup_to(main_window.services, tmp_path, main_window)
    before = db_path.read_bytes()
    answer_when_shown("restoreConfirm", "cancelRestore")
    assert backup_ui.restore_from(main_window.services, archive, main_window) is None
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_bad_backup_file_is_refused_with_a_message(main_window, tmp_path, quiet_boxes):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    refused = answer_when_shown("restoreFailed")
    assert backup_ui.restore_from(main_window.services, fake, main_window) is None
    assert "không phải bản sao lưu" in refused[0]


@pytest.mark.sqlite_only
def test_closing_makes_a_backup_only_when_something_changed(qtbot, services, data_folder, db_path):
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    def open_and_close(change: bool) -> None:
        window = MainWindow(services, open_settings(data_folder), data_folder)
        qtbot.addWidget(window)
        if change:
            _change_a_task(services, 42)
        window.close()

    open_and_close(change=False)
    [first] = list_auto_backups(db_path)  # the first close always backs up
    open_and_close(change=False)
    assert list_auto_backups(db_path) == [first]
    open_and_close(change=True)
    [newest] = list_auto_backups(db_path)  # same day: the newest replaces the older one
    assert newest.path != first.path
    assert read_manifest(newest.path).last_audit_id == services.audit.last_id()


@pytest.mark.sqlite_only
def test_settings_area_lists_backups(main_window, qtbot):
    area = main_window.show_area(strings.AREA_SETTINGS)
    area.tabs.setCurrentIndex(1)
    assert area.backup_list.item(0).text() == "Chưa có bản sao lưu tự động nào."
    backup_ui.backup_on_close(main_window.services)
    area.refresh_backups()
    assert area.backup_list.item(0).text().endswith(".zip")


def test_user_name_dialog_offers_the_login_name_and_refuses_blank(qtbot, quiet_boxes):
    from ui.dialogs.user_name_dialog import UserNameDialog

    dialog = UserNameDialog()
    qtbot.addWidget(dialog)
    assert dialog.value() == default_actor()
    dialog.name.clear()
    dialog.accept()
    assert quiet_boxes and "không được để trống" in quiet_boxes[-1][1]
    dialog.name.setText("  Nguyễn Văn Nam ")
    dialog.accept()
    assert dialog.result() == 1 and dialog.value() == "Nguyễn Văn Nam"


def test_record_history_dialog_lists_every_change_of_one_record(main_window, qtbot):
    from ui.safety.history_dialog import RecordHistoryDialog

    services = main_window.services
    services.audit.set_actor("Đỗ Xuân Quỳnh")
    task = _change_a_task(services, 20)
    services.plans.update_task(task.id, replace(task.draft(), percent=60))
    dialog = RecordHistoryDialog(services.audit, "plan_tasks", task.id, main_window)
    qtbot.addWidget(dialog)
    heading = dialog.findChild(QLabel, "historyHeading")
    rows = dialog.model.rows()
    assert [r.action_label for r in rows] == ["Sửa", "Sửa", "Thêm"]
    assert rows[0].summary == "Tiến độ (%): 20 → 60"
    assert dialog.windowTitle() == "Lịch sử thay đổi – nhiệm vụ"
    assert heading.text().endswith("3 lần thay đổi") and heading.text().startswith("Nhiệm vụ “")
    assert dialog.detail.toPlainText() == "Tiến độ (%): 20 → 60"


def test_a_conflict_offers_reload_overwrite_or_cancel(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from services.errors import ConflictError
    from ui.safety.choices import ConflictChoice, ask_conflict_choice, conflict_message_box

    error = ConflictError(
        "Nhiệm vụ đã được người khác sửa: Trần Văn Bình, lúc 09:15 ngày 03/03/2025."
    )
    box = conflict_message_box(error)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert set(texts) == {"Tải lại bản mới", "Lưu đè nội dung của tôi", "Hủy"}
    assert "Trần Văn Bình" in box.text()

    def click(name):
        def press():
            for widget in QApplication.topLevelWidgets():
                if widget.objectName() == "conflictBox" and widget.isVisible():
                    widget.findChild(QAbstractButton, name).click()

        QTimer.singleShot(50, press)

    click("overwriteButton")
    assert ask_conflict_choice(error) is ConflictChoice.OVERWRITE
    click("reloadButton")
    assert ask_conflict_choice(error) is ConflictChoice.RELOAD


def test_legacy_text_preview_dialog_shows_before_and_after(qtbot):
    from services.safety.legacy_text import detect_many, preview
    from ui.safety.choices import LegacyTextDialog

    column = ["Uûy ban nhaân daân phöôøng", "Toå daân phoá soá 3"]
    dialog = LegacyTextDialog("VNI-Windows", preview(column))
    qtbot.addWidget(dialog)
    assert detect_many(column) == "vni"
    assert dialog.table.item(0, 1).text() == "Ủy ban nhân dân phường"
    assert dialog.table.item(1, 0).text() == "Toå daân phoá soá 3"


@pytest.mark.sqlite_only
def test_the_daily_backup_runs_in_the_background_and_reports(main_window, qtbot, db_path):
    assert main_window.daily_backup.start_if_due()
    main_window.daily_backup.wait()
    qtbot.waitUntil(lambda: "Đã sao lưu tự động" in main_window.statusBar().currentMessage())
    assert len(list_auto_backups(db_path)) == 1
    assert not main_window.daily_backup.start_if_due()  # not again the same day


def test_the_name_is_asked_once_on_first_start(data_folder, monkeypatch):
    from ui.dialogs.user_name_dialog import UserNameDialog
    from ui.safety.first_start import ask_user_name_once
    from ui.settings import open_settings

    asked = []

    def answer(dialog):
        asked.append(dialog.value())
        dialog.name.setText("Vũ Minh Tâm")
        return 1

    monkeypatch.setattr(UserNameDialog, "exec", answer)
    settings = open_settings(data_folder)
    assert ask_user_name_once(settings) == "Vũ Minh Tâm"
    assert asked == [default_actor()]  # the login name was offered
    assert ask_user_name_once(open_settings(data_folder)) == "Vũ Minh Tâm"
    assert len(asked) == 1  # not asked again
