"""Excel from the Kế hoạch area: export the table as filtered, export unit forms, import
returned forms (check → preview → write). All file work runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from services.plan.due import DUE_WINDOWS
from services.plan.excel_tasks import describe_filter
from services.vocab import TASK_STATUSES
from ui.plan.import_preview import ImportPreviewDialog
from ui.tasks import BackgroundTask, run_with_progress

XLSX = "Bảng tính Excel (*.xlsx)"


class ExcelActions(QObject):
    def __init__(self, area, menu: QMenu) -> None:
        super().__init__(area)
        self.area = area
        self.last: BackgroundTask | None = None  # the latest background job (tests wait on it)
        self.preview: ImportPreviewDialog | None = None
        self.export_table_action = self._add(
            menu, "Xuất bảng đang lọc ra Excel...", "Ctrl+E", self.export_table
        )
        self.export_unit_files_action = self._add(
            menu, "Xuất phiếu cho các bộ phận (mỗi bộ phận một tệp)...", "", self.export_unit_files
        )
        self.export_forms_action = self._add(
            menu, "Xuất phiếu chung một tệp (mỗi bộ phận một trang)...", "", self.export_forms
        )
        self.import_action = self._add(
            menu, "Nhập tiến độ từ các phiếu đã điền...", "Ctrl+I", self.import_progress
        )

    def _add(self, menu: QMenu, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self.area)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.area.addAction(action)
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    # ----- export -------------------------------------------------------------------------
    def export_table(self, path: Path | None = None) -> BackgroundTask | None:
        plan_id, year = self.area.plan_id(), self.area.year()
        if plan_id is None:
            return None
        path = path or self._ask_save(f"nhiem-vu-{year}.xlsx")
        if path is None:
            return None
        ids = [t.id for t in self.area.visible_tasks()]
        note = describe_filter(self._filter_parts())
        excel = self.area._services.excel
        return self._run(
            "Đang xuất bảng nhiệm vụ ra Excel...",
            lambda progress: excel.export_tasks(
                plan_id, path, task_ids=ids, note=note, progress=progress
            ),
            lambda result: self._saved(f"Đã xuất {result.rows} nhiệm vụ ra tệp:\n{result.path}"),
        )

    def export_forms(self, path: Path | None = None) -> BackgroundTask | None:
        plan_id, year = self.area.plan_id(), self.area.year()
        if plan_id is None:
            return None
        path = path or self._ask_save(f"phieu-bao-cao-tien-do-{year}.xlsx")
        if path is None:
            return None
        excel = self.area._services.excel
        return self._run(
            "Đang xuất phiếu báo cáo cho các bộ phận...",
            lambda progress: excel.export_unit_forms(plan_id, path, progress=progress),
            lambda r: self._saved(
                f"Đã xuất {r.sheets} phiếu (mỗi bộ phận một trang, {r.rows} nhiệm vụ) ra tệp:\n"
                f"{r.path}\nGửi tệp cho các bộ phận điền cột nền vàng rồi nhận lại để nhập."
            ),
        )

    def export_unit_files(self, folder: Path | None = None) -> BackgroundTask | None:
        """One workbook per unit, named by the unit, into a folder the clerk chooses."""
        plan_id = self.area.plan_id()
        if plan_id is None:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.area, "Chọn thư mục để lưu phiếu của các bộ phận", self._folder()
            )
            if not chosen:
                return None
            folder = Path(chosen)
            self.area.prefs.set_excel_folder(folder)
        excel = self.area._services.excel
        return self._run(
            "Đang xuất phiếu cho từng bộ phận...",
            lambda progress: excel.export_unit_workbooks(plan_id, folder, progress=progress),
            self._unit_files_saved,
        )

    def _unit_files_saved(self, result) -> None:
        names = "\n".join(f"• {f.path.name} ({f.rows} nhiệm vụ)" for f in result.files)
        self._saved(
            f"Đã xuất {len(result.files)} tệp, mỗi bộ phận một tệp gồm các nhiệm vụ bộ phận đó "
            f"chủ trì, vào thư mục:\n{result.folder}\n\n{names}\n\nGửi mỗi tệp cho bộ phận "
            "của nó điền cột nền vàng; khi nhận lại, chọn tất cả các tệp trong một lần nhập."
        )

    # ----- import -------------------------------------------------------------------------
    def import_progress(self, path: Path | list[Path] | None = None) -> BackgroundTask | None:
        """Check one or several returned forms (chosen together), then show one preview."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileNames(
                self.area, "Chọn các phiếu báo cáo đã điền", self._folder(), XLSX
            )
            if not chosen:
                return None
            paths = [Path(c) for c in chosen]
            self._remember(paths[0])
        else:
            paths = list(path) if isinstance(path, list) else [Path(path)]
        today = self.area.today
        service = self.area._services.progress_import
        label = "Đang kiểm tra tệp..." if len(paths) == 1 else f"Đang kiểm tra {len(paths)} tệp..."
        return self._run(
            label,
            lambda progress: service.check_files(paths, today=today, progress=progress),
            self._show_preview,
        )

    def _show_preview(self, check) -> None:
        self.preview = ImportPreviewDialog(check, self.area)
        self.preview.accepted.connect(lambda: self._apply(check))
        self.preview.open()

    def _apply(self, check) -> None:
        service = self.area._services.progress_import
        files = max(1, len(check.files))

        def done(imported) -> None:
            # One undo step for the whole import; the edits before it stay undoable.
            self.area.editor.record_import(imported, files)
            self.area.reload()
            window = self.area.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    f"Đã nhập tiến độ của {len(imported.entries)} nhiệm vụ "
                    "(Hoàn tác – Ctrl+Z – để bỏ cả lần nhập).",
                    8000,
                )

        self._run("Đang ghi tiến độ...", lambda _progress: service.write(check), done)

    # ----- helpers ------------------------------------------------------------------------
    def _run(self, label, fn, on_done) -> BackgroundTask:
        self.last = run_with_progress(self.area, label, fn, on_done)
        return self.last

    def _saved(self, message: str) -> None:
        QMessageBox.information(self.area, "Đã xuất Excel", message)

    def _folder(self) -> str:
        return self.area.prefs.excel_folder()

    def _remember(self, path: Path) -> None:
        self.area.prefs.set_excel_folder(path.parent)

    def _ask_save(self, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.area, "Lưu tệp Excel", str(Path(self._folder()) / name), XLSX
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self._remember(path)
        return path

    def _filter_parts(self) -> list[str]:
        f = self.area.proxy.current
        parts = []
        if f.unit_id:
            parts.append(f"bộ phận {self.area.filters.unit.currentText()}")
        if f.status:
            parts.append(f"trạng thái {TASK_STATUSES[f.status]}")
        if f.due:
            parts.append(f"thời hạn: {DUE_WINDOWS[f.due].lower()}")
        if f.section_ids is not None:
            parts.append(f"mục {self.area.tree.currentIndex().data()}")
        if f.query:
            parts.append(f"tìm “{f.query}”")
        return parts
