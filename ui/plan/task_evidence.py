"""The task panel's "Tài liệu kiểm chứng" tab: files that prove a task was done.

Files go into the evidence store (services.scores.evidence: once per content, named by its
sha256), so a scan attached to a task and to a criterion is stored once. Opening gives a copy
to the system viewer, never the stored file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.plan.plans import TaskRow
from services.scores.evidence import EvidenceInfo
from services.text import format_date
from ui.scores.dialogs import EvidenceDialog
from ui.scores.messages import warn
from ui.scores.rows_model import ITEM_ROLE, Cells, RowsModel


def _cells(item: object) -> Cells:
    e: EvidenceInfo = item  # type: ignore[assignment]
    number = f"{e.doc_number}, " if e.doc_number else ""
    shared = f" · dùng cho {len(e.criterion_ids)} tiêu chí" if e.criterion_ids else ""
    return Cells(
        (f"{e.title} ({number}{format_date(e.doc_date) or 'chưa ghi ngày'}){shared}",),
        tooltip=f"{e.original_name} – SHA-256 {e.sha256[:16]}…",
    )


class TaskEvidencePage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskEvidencePage")
        self._services = services
        self.task: TaskRow | None = None
        self.model = RowsModel(("Tài liệu",), _cells, self)
        self.view = QListView(objectName="taskEvidence")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.add_button = QPushButton("Thêm &tệp…", objectName="addTaskEvidence")
        self.open_button = QPushButton("&Mở", objectName="openTaskEvidence")
        self.detach_button = QPushButton("Bỏ khỏi nhiệm vụ", objectName="detachTaskEvidence")
        self.add_button.setToolTip("Lưu một tệp vào kho tài liệu kiểm chứng và gắn với nhiệm vụ")
        self.open_button.setToolTip("Mở một bản sao của tài liệu bằng chương trình xem của máy")
        self.notice = QLabel(objectName="taskEvidenceNotice", wordWrap=True)
        self.notice.setStyleSheet("color: #555;")
        bar = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.detach_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notice)
        self.add_button.clicked.connect(self._choose_file)
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.detach_button.clicked.connect(self.detach_selected)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.set_task(None)

    def set_task(self, task: TaskRow | None) -> None:
        self.task = task
        self.notice.clear()
        for button in (self.add_button, self.open_button, self.detach_button):
            button.setEnabled(task is not None)
        self.refresh()

    def refresh(self) -> None:
        files = self._services.evidence.list_files(task_id=self.task.id) if self.task else []
        self.model.set_items(files)
        if files and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def files(self) -> list[EvidenceInfo]:
        return [self.model.item(r) for r in range(self.model.rowCount())]

    # ----- actions -----------------------------------------------------------------------
    def _choose_file(self) -> None:
        if self.task is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tài liệu kiểm chứng cho nhiệm vụ")
        if not path:
            return
        dialog = EvidenceDialog(Path(path).name, self)
        if dialog.exec():
            self.add_file(Path(path), *dialog.values())

    def add_file(
        self, path: Path, title: str, number: str = "", when: date | None = None
    ) -> EvidenceInfo | None:
        if self.task is None:
            return None
        try:
            info = self._services.evidence.add_file(
                path, title=title, doc_number=number, doc_date=when, task_ids=[self.task.id]
            )
        except UserError as exc:
            warn(self, str(exc))
            return None
        self.notice.setText(
            f"Tệp này đã có trong kho (“{info.title}”); chỉ gắn thêm vào nhiệm vụ, không lưu "
            "bản thứ hai."
            if info.duplicate
            else f"Đã lưu “{info.title}” vào kho tài liệu kiểm chứng."
        )
        self.refresh()
        return info

    def open_selected(self, *, launch: bool = True) -> Path | None:
        """Copy the selected file out and hand the copy to the system viewer."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        try:
            copy = self._services.evidence.open_copy(index.data(ITEM_ROLE).id)
        except UserError as exc:
            warn(self, str(exc))
            return None
        if launch:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        return copy

    def detach_selected(self) -> None:
        index = self.view.currentIndex()
        if self.task is not None and index.isValid():
            self._services.evidence.detach(index.data(ITEM_ROLE).id, task_id=self.task.id)
            self.notice.setText("Đã bỏ tài liệu khỏi nhiệm vụ (tệp vẫn còn trong kho).")
            self.refresh()
