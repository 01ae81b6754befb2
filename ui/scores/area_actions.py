"""What the Chỉ số area's buttons do: templates, copy, result, bands, links, files.

A mixin of ``ScoresArea``: it uses the area's services, current framework and year, and its
``refresh``/``notify``/``_warn``; long file work goes through ``self.task`` (off the UI thread).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from services.errors import UserError
from services.scores.arithmetic import fmt
from services.scores.dto import GapItem
from ui.scores.dialogs import AddCriterionDialog, BandsDialog, ResultDialog, TaskPickerDialog
from ui.scores.rows_model import ITEM_ROLE


class AreaActions:
    def load_templates(self) -> None:
        loaded = self._services.frameworks.load_templates(self.year)
        names = ", ".join(f.index_key for f in loaded) or "không có bộ nào (đã đủ)"
        self.refresh()
        self.notify(
            f"Đã nạp bộ tiêu chí mẫu năm {self.year}: {names}.\nĐây là mẫu dựng lại, cần kiểm tra với phụ lục của Sở Nội vụ.",
        )

    def load_variant(self, index_key: str, variant: str) -> bool:
        """Another shipped template of an index for the year (the 8-field set of 2025)."""
        from services.scores.templates import TEMPLATE_VARIANTS

        label = TEMPLATE_VARIANTS[index_key][variant][1]
        try:
            self._services.frameworks.load_template(index_key, self.year, variant)
        except UserError as exc:
            self._warn(f"{exc} Xóa hoặc chọn năm khác trước khi nạp “{label}”.")
            return False
        self.select(index_key, self.year)
        self.notify(f"Đã nạp {label} cho năm {self.year}; điểm từng tiêu chí cần kiểm tra.")
        return True

    def copy_to_next_year(self) -> None:
        try:
            copied = self._services.frameworks.copy_to_year(self.framework.id, self.year + 1)
        except UserError as exc:
            self._warn(str(exc))
            return
        self.select(copied.index_key, copied.year)

    def _edit_result(self) -> None:
        dialog = ResultDialog(self.framework, self)
        if dialog.exec():
            try:
                self._services.frameworks.set_result(self.framework.id, *dialog.values())
            except UserError as exc:
                self._warn(str(exc))
            self.refresh()

    def _edit_bands(self) -> None:
        dialog = BandsDialog(self.framework, self)
        if dialog.exec():
            try:
                self._services.frameworks.set_bands(self.framework.id, dialog.bands())
            except UserError as exc:
                self._warn(str(exc))
            self.refresh()

    def edit_rules(self):
        """The province's rules for the framework (returned so tests can drive the dialog)."""
        from ui.scores.province_dialogs import FrameworkRulesDialog

        codes = [
            line.criterion.code
            for line in (self.board.lines if self.board else ())
            if line.criterion.is_leaf and not line.criterion.adjustment
        ]
        dialog = FrameworkRulesDialog(self.framework, codes, self)
        dialog.accepted.connect(lambda: self.save_rules(dialog.rules()))
        dialog.open()
        return dialog

    def save_rules(self, rules) -> bool:
        try:
            self._services.frameworks.set_settings(
                self.framework.id,
                period_start=rules.period_start,
                period_end=rules.period_end,
                decision=rules.decision,
                addressee=rules.addressee,
                sipas_link=rules.sipas_link,
                adjustment_rule=rules.adjustment_rule,
            )
        except UserError as exc:
            self._warn(f"Chưa lưu. {exc}")
            return False
        self.refresh()
        self.notify(f"Đã lưu quy định của tỉnh cho {self.framework.title}.")
        return True

    def _export_submission(self) -> None:
        name = f"tu-danh-gia-{self.index_key}-{self.year}-phan-mem-tinh.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu bảng tự đánh giá cho phần mềm của tỉnh", name, "Excel (*.xlsx)"
        )
        if path:
            self.export_submission(Path(path))

    def export_submission(self, path: Path) -> None:
        profile = self._services.organisation.get()
        heading = " ".join(p for p in (profile.body_line1, profile.body_line2) if p)
        fid, assessments = self.framework.id, self._services.assessments
        self.task.start(lambda: ("submission", assessments.export_submission(fid, path, heading)))

    def verify_evidence(self) -> None:
        """Re-hash every stored file, off the UI thread (a big store takes seconds)."""
        evidence = self._services.evidence
        self.task.start(lambda: ("verify", (evidence.verify(), len(evidence.list_files()))))

    def _verified(self, problems, count: int) -> None:
        if not problems:
            self.notify(
                f"Kho tài liệu kiểm chứng: {count} tệp, tất cả còn nguyên (khớp mã băm SHA-256)."
            )
            return
        self._warn(
            f"Kho tài liệu kiểm chứng có {len(problems)} tệp lỗi:\n"
            + "\n".join(f"– {p.title}: {p.message}" for p in problems[:20])
        )

    def _tree_menu(self, point) -> None:
        if self.framework is None:
            return
        index = self.tree.indexAt(point)
        line = self.tree_model.line_at(index)
        menu = QMenu(self)
        target = f"{line.criterion.code} {line.criterion.name}" if line else "cấp lĩnh vực"
        menu.addAction(
            "Thêm tiêu chí con…" if line else "Thêm lĩnh vực…", lambda: self.add_criterion(line)
        )
        if line:
            menu.addAction(
                f"Xóa tiêu chí {line.criterion.code}…", lambda: self._delete_criterion(line)
            )
        menu.setToolTip(target)
        menu.popup(self.tree.viewport().mapToGlobal(point))

    def add_criterion(self, parent_line) -> None:
        parent_id = parent_line.criterion.id if parent_line else None
        siblings = [x for x in self.board.lines if x.criterion.parent_id == parent_id]
        prefix = f"{parent_line.criterion.code}." if parent_line else ""
        suggested = f"{prefix}{len(siblings) + 1}"
        label = (
            f"{parent_line.criterion.code} {parent_line.criterion.name}"
            if parent_line
            else "cấp lĩnh vực"
        )
        dialog = AddCriterionDialog(label, suggested, self)
        if dialog.exec():
            try:
                self._services.frameworks.add_criterion(self.framework.id, parent_id, dialog.spec())
            except UserError as exc:
                self._warn(str(exc))
                return
            self.refresh()

    def _delete_criterion(self, line) -> None:
        answer = QMessageBox.question(
            self,
            "ParDesk",
            f"Xóa tiêu chí {line.criterion.code} và mọi tiêu chí con, điểm, liên kết của nó?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._services.frameworks.delete_criterion(line.criterion.id)
            self.refresh()

    def link_by_code(self) -> None:
        count = self._services.assessments.link_by_code(self.framework.id)
        self._after_change()
        self.notify(
            f"Đã gắn thêm {count} liên kết nhiệm vụ – tiêu chí theo mã ghi ở cột “Tiêu chí” của kế hoạch năm {self.year}.",
        )

    def link_gap_task(self) -> TaskPickerDialog | None:
        index = self.gap_view.currentIndex()
        if not index.isValid():
            self._warn("Hãy chọn một tiêu chí trong danh sách điểm thiếu.")
            return None
        gap: GapItem = index.data(ITEM_ROLE)
        plan = self._services.plans.plan_for_year(self.year)
        if plan is None:
            self._warn(f"Năm {self.year} chưa có kế hoạch để gắn nhiệm vụ.")
            return None
        dialog = TaskPickerDialog(
            self._services.plans.tasks(plan.id), f"{gap.code} {gap.name}", self
        )

        def link() -> None:
            task = dialog.selected_task()
            if task is not None:
                self._services.assessments.link(gap.criterion_id, task.id)
                self._after_change()

        dialog.accepted.connect(link)
        dialog.open()
        return dialog

    # ----- files --------------------------------------------------------------------------
    def _import_excel(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Chọn bảng tiêu chí của tỉnh", "", "Excel (*.xlsx)"
        )
        if path:
            self.import_framework(Path(path))

    def open_mapping_dialog(self):
        """Confirm or edit which criterion of this year continues each of last year's."""
        from ui.scores.mapping_dialog import MappingDialog

        if self.framework is None:
            return None
        mapping = self._services.criterion_mappings.mapping(self.framework.id)
        if mapping is None:
            self.notify(f"Năm {self.year - 1} chưa có bộ tiêu chí {self.index_key} để đối chiếu.")
            return None
        dialog = MappingDialog(self._services.criterion_mappings, mapping, self)

        def saved() -> None:
            lost = len(dialog.saved.unmapped_losses) if dialog.saved else 0
            self._after_change()
            self.notify(
                f"Đã lưu đối chiếu tiêu chí năm {mapping.previous.year} – {mapping.framework.year}"
                + (f"; {lost} tiêu chí mất điểm không có tiêu chí tương ứng." if lost else ".")
            )

        dialog.accepted.connect(saved)
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def import_framework(self, path: Path) -> bool:
        try:
            report = self._services.frameworks.import_excel(self.index_key, self.year, path)
        except UserError as exc:
            self._warn(f"Chưa nhập gì. {exc}")
            return False
        self.refresh()
        self.notify(
            f"Đã nhập {report.criteria} tiêu chí ({report.fields} lĩnh vực, tối đa {fmt(report.total_max)}) từ trang “{report.sheet}”."
            + "".join(f"\nLưu ý – {note}" for note in report.notes),
        )
        mappings = self._services.criterion_mappings
        if self.framework is not None and mappings.needs_confirmation(self.framework.id):
            self.open_mapping_dialog()
        return True

    def _export_excel(self) -> None:
        name = f"bang-diem-{self.index_key}-{self.year}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Lưu bảng điểm", name, "Excel (*.xlsx)")
        if path:
            self.export_scores(Path(path))

    def export_scores(self, path: Path) -> None:
        profile = self._services.organisation.get()
        heading = " ".join(p for p in (profile.body_line1, profile.body_line2) if p)
        fid, assessments = self.framework.id, self._services.assessments
        self.task.start(lambda: ("export", assessments.export_scores(fid, path, heading)))

    def _report_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Lưu Báo cáo tự đánh giá, chấm điểm",
            f"bao-cao-tu-danh-gia-{self.index_key}-{self.year}.pdf",
            "PDF (*.pdf)",
        )
        if path:
            self.report_pdf(Path(path))

    def report_pdf(self, path: Path) -> None:
        """The "Báo cáo tự đánh giá, chấm điểm" through the document engine, off the UI thread."""
        fid, assessments = self.framework.id, self._services.assessments
        self.task.start(lambda: ("report", (path, assessments.write_report_pdf(fid, path))))

    def _evidence_pack(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Lưu gói tài liệu kiểm chứng",
            f"tai-lieu-kiem-chung-{self.year}.zip",
            "ZIP (*.zip)",
        )
        if path:
            self.evidence_pack(Path(path))

    def evidence_pack(self, path: Path) -> None:
        year, evidence = self.year, self._services.evidence
        self.task.start(lambda: ("pack", evidence.pack(year, path)))

    def _task_done(self, result: object) -> None:
        kind, value = result  # type: ignore[misc]
        if kind == "verify":
            self._verified(*value)
            return
        if kind == "export":
            message = f"Đã xuất bảng điểm: {value}"
        elif kind == "submission":
            message = f"Đã xuất bảng tự đánh giá cho phần mềm của tỉnh ({value.criteria} tiêu chí): {value.path}"
            if value.missing:
                message += (
                    f"\n{len(value.missing)} tiêu chí chưa có tài liệu kiểm chứng lẫn giải trình: "
                    + ", ".join(value.missing[:8])
                    + ("…" if len(value.missing) > 8 else "")
                )
        elif kind == "report":
            path, info = value
            message = f"Đã ghi Báo cáo tự đánh giá, chấm điểm ({info.pages} trang): {path}"
        else:
            message = f"Đã tạo gói tài liệu kiểm chứng: {value.files} tệp, {value.bytes / 1048576:.1f} MB – {value.path}"
        self.summary.setToolTip(message)
        self.notify(message)
