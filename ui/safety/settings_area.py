"""Cài đặt: the user's name for the audit trail, backups, and the change log.

The name is kept per PC user in pardesk.ini (several clerks may share one database file) and
handed to the services, which stamp every change with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.safety.audit import default_actor
from services.safety.auto_backup import list_auto_backups, run_auto_backup
from services.safety.backup import auto_backups_dir
from services.text import format_date, nfc
from ui.safety import backup_ui
from ui.safety.audit_model import (
    CHANGES_COLUMN,
    RECORD_COLUMN,
    ROW_ROLE,
    AuditFilterProxy,
    AuditTableModel,
)
from ui.safety.worker import run_with_progress
from ui.search_highlight import HighlightDelegate

USER_KEY = "user/name"


def stored_user_name(settings: QSettings) -> str:
    return nfc(str(settings.value(USER_KEY, "") or ""))


def apply_user_name(services: Services, settings: QSettings) -> str:
    """Hand the stored name (or the login name) to the services; returns it."""
    name = stored_user_name(settings) or default_actor()
    services.audit.set_actor(name)
    return name


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


class _ShareRecordAndChanges(QObject):
    """Keep "Thay đổi" in view on narrow screens: "Bản ghi" takes two fifths of what the fixed
    columns leave, "Thay đổi" the rest (at 1024 px it was squeezed to a sliver)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table.viewport())
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Resize or not isinstance(watched, QWidget):
            return False
        table = watched.parentWidget()
        if isinstance(table, QTableView):
            header = table.horizontalHeader()
            fixed = sum(header.sectionSize(c) for c in range(RECORD_COLUMN))
            free = watched.width() - fixed
            header.resizeSection(RECORD_COLUMN, max(160, min(420, free * 2 // 5)))
        return False


class SettingsArea(QWidget):
    def __init__(
        self,
        services: Services,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        restore: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self._restore = restore  # the window's restore, which reopens it on the restored data
        self.setObjectName("settingsArea")
        self._services = services
        self._settings = settings
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.addTab(self._user_tab(), "Người sử dụng")
        self.tabs.addTab(self._backup_tab(), "Sao lưu")
        self.tabs.addTab(self._audit_tab(), "Nhật ký thay đổi")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)

    # ----- user ---------------------------------------------------------------------------
    def _user_tab(self) -> QWidget:
        page = QWidget()
        self.user_name = QLineEdit(objectName="userName")
        self.user_name.setText(stored_user_name(self._settings) or default_actor())
        self.user_name.setMaxLength(100)
        save = QPushButton("Lưu tên", objectName="saveUserName")
        save.clicked.connect(self.save_user_name)
        row = QHBoxLayout()
        row.addWidget(self.user_name, 1)
        row.addWidget(save)
        form = QFormLayout()
        form.addRow("Họ và tên người sử dụng máy này:", row)
        note = QLabel(
            "Mỗi thay đổi dữ liệu được ghi kèm tên này và thời điểm thay đổi vào nhật ký, "
            "để biết ai đã sửa gì khi nhiều người cùng dùng một tệp dữ liệu.",
            wordWrap=True,
        )
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    def save_user_name(self) -> None:
        name = nfc(self.user_name.text())
        if not name:
            QMessageBox.warning(self, "ParDesk", "Họ và tên: không được để trống.")
            return
        self._settings.setValue(USER_KEY, name)
        self._settings.sync()
        self._services.audit.set_actor(name)
        self.user_name.setText(name)

    # ----- backups ------------------------------------------------------------------------
    def _backup_tab(self) -> QWidget:
        page = QWidget()
        self.backup_list = QListWidget(objectName="backupList")
        self.backup_info = QLabel(objectName="backupInfo", wordWrap=True)
        buttons = QVBoxLayout()
        for text, name, slot in (
            ("Sao lưu ngay", "backupNow", self.backup_now),
            ("Sao lưu ra thư mục/USB...", "backupTo", self.backup_to),
            ("Khôi phục từ bản sao lưu...", "restoreFrom", self.restore_from),
            ("Mở thư mục sao lưu", "openBackups", self.open_folder),
        ):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.backup_list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(page)
        layout.addWidget(self.backup_info)
        layout.addLayout(row, 1)
        self.refresh_backups()
        return page

    def refresh_backups(self) -> None:
        self.backup_list.clear()
        path = self._services.database.path
        if path is None:
            self.backup_info.setText("Dữ liệu ở máy chủ: việc sao lưu do máy chủ đảm nhận.")
            return
        files = list_auto_backups(path)
        self.backup_info.setText(
            "ParDesk tự sao lưu khi đóng chương trình và mỗi ngày một lần; giữ 7 bản của 7 "
            f"ngày gần nhất và 12 bản của 12 tháng gần nhất.\nThư mục: {auto_backups_dir(path)}"
        )
        if not files:
            self.backup_list.addItem("Chưa có bản sao lưu tự động nào.")
        for f in files:
            self.backup_list.addItem(
                f"{f.taken_at:%H:%M} ngày {format_date(f.taken_at)}    "
                f"{_size(f.size)}    {f.path.name}"
            )

    def backup_now(self) -> None:
        path = self._services.database.path
        if path is None:
            return
        try:
            info = run_with_progress(self, "Đang sao lưu...", lambda _p: run_auto_backup(path))
        except UserError as exc:
            QMessageBox.warning(self, backup_ui.TITLE, exc.message)
            return
        self.refresh_backups()
        QMessageBox.information(self, backup_ui.TITLE, f"Đã sao lưu: {info.path.name}")

    def backup_to(self) -> None:
        backup_ui.ask_and_backup(self._services, self)

    def restore_from(self) -> None:
        """The same path as Tệp → Khôi phục: the program reopens on the restored data."""
        if self._restore is not None:
            self._restore()
        elif backup_ui.ask_and_restore(self._services, self) is not None:
            self.window().close()  # nothing here can reopen on the restored file

    def open_folder(self) -> None:
        path = self._services.database.path
        if path is None:
            return
        folder = auto_backups_dir(path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ----- audit log ----------------------------------------------------------------------
    def _audit_tab(self) -> QWidget:
        page = QWidget()
        self.audit_search = QLineEdit(objectName="auditSearch")
        self.audit_search.setPlaceholderText(
            "Tìm theo người, nội dung, giá trị (gõ không dấu cũng được)"
        )
        self.audit_search.setClearButtonEnabled(True)
        self.audit_model = AuditTableModel(self)
        self.audit_proxy = AuditFilterProxy(self)
        self.audit_proxy.setSourceModel(self.audit_model)
        self.audit_search.textChanged.connect(self._filter_audit)
        self.audit_table = QTableView(objectName="auditTable")
        self.audit_table.setModel(self.audit_proxy)
        self.audit_table.setItemDelegate(
            HighlightDelegate(lambda: self.audit_proxy.query, self.audit_table)
        )
        self.audit_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.audit_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.audit_table.setSortingEnabled(True)
        self.audit_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.audit_table.verticalHeader().hide()
        header = self.audit_table.horizontalHeader()
        self.audit_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for column, width in enumerate((130, 130, 60, 110, 300)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(CHANGES_COLUMN, QHeaderView.ResizeMode.Stretch)
        _ShareRecordAndChanges(self.audit_table)
        self.audit_table.selectionModel().currentRowChanged.connect(self._show_entry)
        self.audit_detail = QPlainTextEdit(objectName="auditDetail", readOnly=True)
        self.audit_scope = QLabel(objectName="auditScope")
        record = QPushButton("Lịch sử bản ghi này", objectName="recordHistory")
        record.clicked.connect(self.show_record_history)
        everything = QPushButton("Xem toàn bộ nhật ký", objectName="wholeLog")
        everything.clicked.connect(self.load_audit)
        export = QPushButton("Xuất Excel...", objectName="exportAudit")
        export.clicked.connect(self.export_audit)
        top = QHBoxLayout()
        top.addWidget(record)
        top.addWidget(everything)
        top.addWidget(export)
        top.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.audit_table)
        split.addWidget(self.audit_detail)
        split.setSizes([400, 120])
        layout = QVBoxLayout(page)
        layout.addWidget(self.audit_search)
        layout.addLayout(top)
        layout.addWidget(self.audit_scope)
        layout.addWidget(split, 1)
        return page

    def _tab_shown(self, index: int) -> None:
        if index == 2:
            self.load_audit()
        elif index == 1:
            self.refresh_backups()

    def load_audit(self) -> None:
        rows = self._services.audit.entries()
        self.audit_model.set_rows(rows)
        self.audit_scope.setText(f"Toàn bộ nhật ký: {len(rows)} thay đổi gần nhất.")

    def show_record_history(self, row=None) -> None:
        entry = row or self.current_entry()
        if entry is None:
            QMessageBox.information(self, "ParDesk", "Hãy chọn một dòng trong nhật ký trước.")
            return
        rows = self._services.audit.history(entry.table_name, entry.record_id)
        self.audit_model.set_rows(rows)
        self.audit_scope.setText(
            f"Lịch sử của {entry.table_label.lower()} “{entry.record_label or entry.record_id}”: "
            f"{len(rows)} lần thay đổi."
        )

    def current_entry(self):
        index = self.audit_table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def visible_entries(self) -> list:
        proxy = self.audit_proxy
        return [proxy.index(r, 0).data(ROW_ROLE) for r in range(proxy.rowCount())]

    def _filter_audit(self, text: str) -> None:
        self.audit_proxy.set_query(text)

    def _show_entry(self, current, _previous) -> None:
        entry = current.data(ROW_ROLE) if current.isValid() else None
        if entry is None:
            self.audit_detail.clear()
            return
        lines = [
            f"{entry.action_label} {entry.table_label.lower()} “{entry.record_label}”",
            f"Người thực hiện: {entry.actor}, lúc {entry.at:%H:%M:%S} ngày {format_date(entry.at)}",
            "",
            *(str(c) for c in entry.changes),
            "",
            f"(Dành cho cán bộ hỗ trợ kỹ thuật: bản ghi số {entry.record_id} "
            f"của bảng {entry.table_name}, dòng nhật ký số {entry.id}.)",
        ]
        self.audit_detail.setPlainText("\n".join(lines))

    def export_audit(self, path: Path | None = None) -> Path | None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Xuất nhật ký thay đổi", "nhat-ky-thay-doi.xlsx", "Sổ làm việc Excel (*.xlsx)"
            )
            if not name:
                return None
            path = Path(name)
        try:
            return self._services.audit.export_xlsx(path, self.visible_entries())
        except UserError as exc:
            QMessageBox.warning(self, "ParDesk", exc.message)
            return None
