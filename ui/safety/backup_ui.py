"""Backup and restore from the window: menu actions, the close backup and the daily one.

The Qt side only asks, shows progress and tells the result; the work is in
``services.safety.backup`` and ``services.safety.auto_backup`` and runs off the UI thread.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from services.bundle import Services
from services.errors import UserError
from services.safety.auto_backup import daily_backup_due, run_auto_backup, unchanged_since_last
from services.safety.backup import BackupInfo, create_backup, verify_backup
from services.safety.restore import RestoreResult, restore_backup
from services.text import format_date
from ui.safety.worker import run_with_progress

TITLE = "ParDesk – Sao lưu dữ liệu"


def _db_path(services: Services, parent: QWidget | None) -> Path | None:
    path = services.database.path
    if path is None:
        QMessageBox.information(
            parent,
            TITLE,
            "Dữ liệu đang ở máy chủ; việc sao lưu do máy chủ đảm nhận, không làm từ máy này.",
        )
    return path


def backup_to(services: Services, folder: Path, parent: QWidget | None = None) -> Path | None:
    """One zip in ``folder`` (a USB stick, a shared folder); the user is told the outcome."""
    db_path = _db_path(services, parent)
    if db_path is None:
        return None
    target = Path(folder) / f"ParDesk-sao-luu-{datetime.now():%Y%m%d-%H%M%S}.zip"
    try:
        info = run_with_progress(
            parent,
            f"Đang sao lưu vào {folder}...",
            lambda progress: create_backup(db_path, target, progress=progress),
        )
    except UserError as exc:
        QMessageBox.warning(parent, TITLE, exc.message)
        return None
    QMessageBox.information(
        parent,
        TITLE,
        f"Đã sao lưu xong vào tệp:\n{info.path}\n\n"
        f"Gồm tệp dữ liệu và {info.evidence_count} tài liệu kiểm chứng "
        f"({info.total_size / 1024 / 1024:.1f} MB). Có thể rút USB ra." + cleaned_text(info),
    )
    return info.path


def cleaned_text(info) -> str:
    """The partial files of an earlier, interrupted backup that this backup removed."""
    if not info.cleaned:
        return ""
    names = "\n".join(f"  - {p.name}" for p in info.cleaned[:10])
    return f"\n\nĐã xóa {len(info.cleaned)} tệp dở dang do lần sao lưu trước bị ngắt:\n{names}"


def ask_and_backup(services: Services, parent: QWidget | None = None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "Chọn thư mục hoặc USB để sao lưu")
    return backup_to(services, Path(folder), parent) if folder else None


def restore_from(
    services: Services, archive: Path, parent: QWidget | None = None
) -> RestoreResult | None:
    """Check the archive, confirm with the user, then replace the data; the result when done.

    The caller reopens the program on the restored file (``ui.session``). When the restore
    fails nothing was swapped: the current data stays open and usable (the engine makes new
    connections on demand after ``dispose``) and the clerk is told why.
    """
    db_path = _db_path(services, parent)
    if db_path is None:
        return None
    try:
        info = run_with_progress(
            parent, "Đang kiểm tra bản sao lưu...", lambda p: verify_backup(archive, progress=p)
        )
    except UserError as exc:
        _refused(parent, exc.message)
        return None
    if not _confirmed(parent, archive, info):
        return None
    services.database.dispose()  # every pooled connection closed before the file is swapped
    try:
        return run_with_progress(
            parent, "Đang khôi phục dữ liệu...", lambda _p: restore_backup(archive, db_path)
        )
    except UserError as exc:
        _refused(parent, exc.message + "\n\nParDesk vẫn làm việc trên dữ liệu hiện tại.")
        return None


def taken_at(info: BackupInfo) -> str:
    """When the backup was made, as the clerk reads it: dd/mm/yyyy hh:mm."""
    return f"{format_date(info.created_at)} {info.created_at:%H:%M}"


def _confirmed(parent: QWidget | None, archive: Path, info: BackupInfo) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "ParDesk – Khôi phục dữ liệu",
        f"Khôi phục bản sao lưu “{archive.name}” lúc {taken_at(info)} "
        f"({info.evidence_count} tài liệu kiểm chứng)?\n\n"
        "Dữ liệu hiện tại sẽ được thay bằng bản sao lưu này. Bản hiện tại vẫn được cất vào "
        "thư mục backups để có thể lấy lại. Xong việc, ParDesk tự mở lại trên dữ liệu vừa "
        "khôi phục; những gì đang sửa dở chưa lưu sẽ không được giữ.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("restoreConfirm")
    yes = box.addButton("Khôi phục", QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("confirmRestore")
    no = box.addButton("Không", QMessageBox.ButtonRole.RejectRole)
    no.setObjectName("cancelRestore")
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def _refused(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "ParDesk – Không khôi phục được",
        message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("restoreFailed")
    box.exec()


def restored_text(result: RestoreResult, location: str) -> str:
    """What the clerk is told once the program works on the restored data."""
    lines = [
        f"Đã khôi phục bản sao lưu “{result.info.path.name}” (sao lưu lúc "
        f"{taken_at(result.info)}).",
        f"ParDesk đang làm việc trên dữ liệu vừa khôi phục: {location}",
    ]
    if result.upgraded_from:
        lines.append("Bản sao lưu làm bằng phiên bản cũ hơn; dữ liệu đã được nâng cấp.")
    if result.kept_aside is not None:
        lines.append(f"Dữ liệu trước khi khôi phục được cất tại: {result.kept_aside}")
    return "\n\n".join(lines + list(result.earlier.notes))


def ask_and_restore(services: Services, parent: QWidget | None = None) -> RestoreResult | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Chọn bản sao lưu ParDesk", "", "Bản sao lưu ParDesk (*.zip)"
    )
    return restore_from(services, Path(name), parent) if name else None


def backup_on_close(services: Services) -> str | None:
    """The automatic backup when the window closes; skipped when nothing changed.

    Returns an error message for the caller to show, or None.
    """
    path = services.database.path
    if path is None or not path.exists():
        return None
    try:
        if unchanged_since_last(path, services.audit.last_id()):
            return None
        run_auto_backup(path)
    except UserError as exc:
        return exc.message
    return None


class DailyBackup(QObject):
    """Runs the once-a-day automatic backup in a plain thread, reporting to the status bar."""

    done = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.thread: threading.Thread | None = None

    def start_if_due(self) -> bool:
        path = self._services.database.path
        if path is None or not path.exists() or not daily_backup_due(path):
            return False
        self.thread = threading.Thread(target=self._run, args=(path,), name="daily-backup")
        self.thread.start()
        return True

    def _run(self, path: Path) -> None:
        try:
            info = run_auto_backup(path)
        except UserError as exc:
            self.done.emit(f"Sao lưu tự động hằng ngày không thành công: {exc.message}")
        else:
            extra = f" (đã xóa {len(info.cleaned)} tệp dở dang)" if info.cleaned else ""
            self.done.emit(f"Đã sao lưu tự động: {info.path.name}{extra}")

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
