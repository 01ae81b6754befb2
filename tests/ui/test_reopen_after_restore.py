"""After “Khôi phục” the program reopens itself on the restored data, in the same process.

The clerk makes a backup, keeps working (adds a task), then restores the backup from the Sao
lưu tab: the window that comes back shows the restored plan (without the task added since),
names the data file and the backup in use, and no connection to the old engine is left.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from shiboken6 import isValid

from services.plan.records import TaskDraft
from services.safety.backup import create_backup
from services.safety.restore import ensure_not_in_use
from services.store.schema import HEAD_REVISION
from tests.ui.modal_answers import answer_when_shown
from ui import strings
from ui.main_window import MainWindow
from ui.session import Desk
from ui.settings import open_settings

pytestmark = pytest.mark.sqlite_only  # the .sqlite file is swapped under the program

DATA = Path(__file__).resolve().parents[1] / "data"
ADDED = "Nhiệm vụ thêm sau khi sao lưu: họp dân khu phố 3"


@pytest.fixture
def desk(qtbot, db_path, data_folder):
    """The window and database as the program's start builds them (ui.app.run_gui)."""
    settings = open_settings(data_folder)
    window = MainWindow(None, settings, data_folder)
    desk = Desk(window, settings, data_folder)
    desk.open(db_path)
    desk.attach()
    window.show()
    qtbot.waitExposed(window)
    yield desk
    desk.window.restored = True  # no close backup at teardown
    desk.window.close()
    desk.close()


def _plan_texts(window: MainWindow) -> list[str]:
    area = window.show_area(strings.AREA_PLAN)
    return [task.text for task in area.visible_tasks()]


def _restore_through_the_sao_luu_tab(desk, qtbot, monkeypatch, archive: Path):
    """Cài đặt → Sao lưu → “Khôi phục từ bản sao lưu...”, choose the file, say yes."""
    old_window = desk.window
    area = old_window.show_area(strings.AREA_SETTINGS)
    area.tabs.setCurrentIndex(1)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(archive), "Bản sao lưu (*.zip)")
    )
    asked = answer_when_shown("restoreConfirm", "confirmRestore")
    area.findChild(QPushButton, "restoreFrom").click()
    qtbot.waitUntil(lambda: desk.restored_box is not None and desk.restored_box.isVisible())
    return old_window, asked


def test_after_a_restore_the_window_shows_the_restored_plan_and_names_the_backup(
    desk, qtbot, monkeypatch, db_path, tmp_path
):
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = create_backup(db_path, usb / "ParDesk-sao-luu-20260303-101500.zip")
    old_services = desk.services
    plan = old_services.plans.list_plans()[0]
    section = old_services.plans.sections(plan.id)[0]
    old_services.plans.create_task(TaskDraft(section.id, ADDED, actionable=False))
    plan_area = desk.window.show_area(strings.AREA_PLAN)
    plan_area.reload()
    assert ADDED in _plan_texts(desk.window)  # the clerk sees the task added since

    old_window, asked = _restore_through_the_sao_luu_tab(desk, qtbot, monkeypatch, backup.path)

    taken = f"{backup.created_at:%d/%m/%Y %H:%M}"
    assert backup.path.name in asked[0] and taken in asked[0]
    window = desk.window
    assert window is not old_window and window.isVisible()
    assert not isValid(old_window)  # the old window and every dialog it owned are gone
    assert desk.services is not old_services
    # Every area reads the restored data: the task added after the backup is gone.
    texts = _plan_texts(window)
    assert ADDED not in texts and len(texts) == 48
    status = window.statusBar().currentMessage()
    assert str(db_path) in status and backup.path.name in status and taken in status
    told = desk.restored_box.text()
    assert f"“{backup.path.name}” (sao lưu lúc {taken})" in told
    assert f"đang làm việc trên dữ liệu vừa khôi phục: {db_path}" in told
    assert "Dữ liệu trước khi khôi phục được cất tại:" in told
    window.resize(1366, 768)
    qtbot.wait(50)
    window.grab().save("/work/notes/shots/r13e-after-restore.png")
    desk.restored_box.grab().save("/work/notes/shots/r13e-after-restore-message.png")
    desk.restored_box.accept()
    window.show_area(strings.AREA_SETTINGS)
    window.grab().save("/work/notes/shots/r13e-after-restore-settings.png")

    # The new services work on the file; the old engine holds nothing: once the new one is
    # closed too, the file is nobody's (a fresh connection may switch its journal and write).
    desk.services.plans.create_task(TaskDraft(section.id, "Việc mới trên dữ liệu khôi phục"))
    desk.close()
    ensure_not_in_use(db_path)  # raises when any connection is still open
    with sqlite3.connect(db_path, timeout=0) as conn:
        conn.execute(
            "UPDATE plan_tasks SET percent = 5 WHERE id = (SELECT min(id) FROM plan_tasks)"
        )
        count = conn.execute("SELECT count(*) FROM plan_tasks WHERE text = ?", (ADDED,)).fetchone()[
            0
        ]
    conn.close()
    assert count == 0


def test_an_older_backup_is_upgraded_and_the_program_reopens_on_it(
    desk, qtbot, monkeypatch, tmp_path
):
    old = tmp_path / "cu" / "pardesk.sqlite"
    old.parent.mkdir()
    shutil.copyfile(DATA / "schema-0001.sqlite", old)
    backup = create_backup(old, tmp_path / "ban-cu.zip")
    assert backup.schema_revision == "0001" != HEAD_REVISION

    _restore_through_the_sao_luu_tab(desk, qtbot, monkeypatch, backup.path)

    assert "dữ liệu đã được nâng cấp" in desk.restored_box.text()
    assert len(_plan_texts(desk.window)) == 48
    desk.restored_box.accept()


def test_a_refused_restore_keeps_the_current_data_open_and_usable(
    desk, qtbot, monkeypatch, db_path, tmp_path
):
    backup = create_backup(db_path, tmp_path / "ban-sao.zip")
    services = desk.services
    plan = services.plans.list_plans()[0]
    section = services.plans.sections(plan.id)[0]
    services.plans.create_task(TaskDraft(section.id, ADDED, actionable=False))
    window = desk.window
    other_pc = sqlite3.connect(db_path)  # another window on the shared file has it open
    other_pc.execute("SELECT count(*) FROM plan_tasks").fetchone()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup.path), ""))
    answer_when_shown("restoreConfirm", "confirmRestore")
    refused = answer_when_shown("restoreFailed")
    window.restore_backup()
    other_pc.close()

    assert "đang được mở" in refused[0] and "vẫn làm việc trên dữ liệu hiện tại" in refused[0]
    assert desk.window is window and desk.services is services and window.isVisible()
    window.show_area(strings.AREA_PLAN).reload()
    assert ADDED in _plan_texts(window)  # nothing was swapped
    services.plans.create_task(TaskDraft(section.id, "Vẫn ghi được", actionable=False))
    assert "Vẫn ghi được" in [t.text for t in services.plans.tasks(plan.id)]


def test_saying_no_leaves_everything_as_it_was(desk, monkeypatch, db_path, tmp_path):
    backup = create_backup(db_path, tmp_path / "ban-sao.zip")
    before = db_path.read_bytes()
    window = desk.window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup.path), ""))
    asked = answer_when_shown("restoreConfirm", "cancelRestore")
    window.restore_backup()
    assert asked and desk.window is window and db_path.read_bytes() == before
    assert not window.findChildren(QMessageBox, "restoreDone")


def test_a_restored_file_that_will_not_open_is_said_and_the_program_closes(
    desk, qtbot, monkeypatch, db_path, tmp_path
):
    from services.errors import DatabaseOpenError
    from ui import session

    backup = create_backup(db_path, tmp_path / "ban-sao.zip")
    window = desk.window

    def fails(_target):
        raise DatabaseOpenError("Tệp dữ liệu đang bị một chương trình khác khóa.")

    monkeypatch.setattr(session, "prepare_database", fails)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    _restore = desk.reopen_after_restore
    results = []
    monkeypatch.setattr(desk, "reopen_after_restore", lambda r: results.append(_restore(r)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup.path), ""))
    answer_when_shown("restoreConfirm", "confirmRestore")
    window.restore_backup()
    qtbot.waitUntil(lambda: results == [False])
    assert "không mở được dữ liệu vừa khôi phục" in shown[0]
    assert "truoc-khoi-phuc-" in shown[0] and "ParDesk sẽ đóng lại" in shown[0]
    assert not window.isVisible()
