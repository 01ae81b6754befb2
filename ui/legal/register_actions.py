"""The register tab's less frequent actions: handling, unlawful cases, review form, import.

A mixin of ``RegisterPanel``: it uses the panel's services, message line and ``_open``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog

from services.errors import UserError
from services.text import format_date


class RegisterActions:
    def open_manual_review_dialog(self) -> QDialog | None:
        from ui.legal.handling_dialogs import ManualReviewDialog

        doc = self.current_document()
        if doc is None or doc.external:
            self.message.setText(
                "Hãy chọn một văn bản của HĐND, UBND (không phải văn bản cấp trên)."
            )
            return None

        def saved(_d: ManualReviewDialog) -> None:
            self.message.setText(f"Đã ghi nhận yêu cầu rà soát {doc.label}.")
            self.refresh(doc.id)

        return self._open(ManualReviewDialog(self._services.legal_reviews, doc, self), saved)

    def open_delete_event_dialog(self) -> QDialog | None:
        from ui.legal.handling_dialogs import DeleteEventDialog

        doc = self.current_document()
        if doc is None or not doc.events:
            self.message.setText("Văn bản này chưa có sự kiện hiệu lực nào.")
            return None

        def deleted(d: DeleteEventDialog) -> None:
            self.message.setText(
                f"Đã xóa sự kiện hiệu lực của {doc.label}; rút {d.withdrawn} yêu cầu rà soát."
            )
            self.refresh(doc.id)

        return self._open(DeleteEventDialog(self._services.legal, doc, self), deleted)

    def open_handling_dialog(self) -> QDialog | None:
        from services.legal import vocab
        from ui.legal.handling_dialogs import HandlingDialog

        doc = self.current_document()
        reviewed = [
            r
            for r in (self._services.legal_reviews.reviews(document_id=doc.id) if doc else [])
            if not r.is_open and r.handling in vocab.ACTION_HANDLINGS
        ]
        if doc is None or not reviewed:
            self.message.setText("Văn bản này chưa có kiến nghị xử lý nào để theo dõi.")
            return None
        dialog = HandlingDialog(
            self._services.legal_reviews, doc, reviewed, self._services.legal.documents(), self
        )

        def saved(d: HandlingDialog) -> None:
            self.message.setText(f"Đã cập nhật tình hình xử lý {doc.label}: {d.saved.state_label}.")
            self.refresh(doc.id)

        return self._open(dialog, saved)

    def open_unlawful_dialog(self) -> QDialog | None:
        from ui.legal.handling_dialogs import UnlawfulDialog

        doc = self.current_document()
        if doc is None or doc.external:
            self.message.setText(
                "Hãy chọn một văn bản của HĐND, UBND (không phải văn bản cấp trên)."
            )
            return None

        def saved(d: UnlawfulDialog) -> None:
            deadline = format_date(d.saved.deadline) or "chưa có"
            self.message.setText(f"Đã ghi nhận {doc.label} trái pháp luật; hạn xử lý {deadline}.")
            self.refresh(doc.id)

        return self._open(UnlawfulDialog(self._services.legal_reviews, doc, self), saved)

    def open_fixed_dialog(self) -> QDialog | None:
        from ui.legal.handling_dialogs import FixedDialog

        doc = self.current_document()
        cases = [
            c
            for c in self._services.legal_reviews.unlawful_cases(open_only=True)
            if doc and c.document_id == doc.id
        ]
        if not cases:
            self.message.setText("Văn bản này không có kết luận trái pháp luật nào đang theo dõi.")
            return None
        dialog = FixedDialog(
            self._services.legal_reviews, cases[0], self._services.legal.documents(), self
        )

        def saved(d: FixedDialog) -> None:
            self.message.setText(
                f"Đã ghi nhận xử lý xong {doc.label} ngày {format_date(d.saved.fixed_on)}."
            )
            self.refresh(doc.id)

        return self._open(dialog, saved)

    def latest_review(self):
        doc = self.current_document()
        done = [
            r
            for r in (self._services.legal_reviews.reviews(document_id=doc.id) if doc else [])
            if not r.is_open
        ]
        return max(done, key=lambda r: (r.reviewed_on, r.id)) if done else None

    def _ask_review_form(self) -> None:
        review = self.latest_review()
        if review is None:
            self.message.setText("Văn bản này chưa có lần rà soát nào đã ghi kết quả.")
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu phiếu rà soát", "Phiếu rà soát.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_review_form(path)

    def export_review_form(self, path: str) -> None:
        from services.legal.xlsx import write_review_form

        review = self.latest_review()
        if review is None:
            self.message.setText("Văn bản này chưa có lần rà soát nào đã ghi kết quả.")
            return
        org = self._services.organisation.get()
        form = self._services.legal_reviews.form(
            review.id, body=f"{org.body_line1} {org.body_line2}".strip()
        )
        try:
            write_review_form(form, path)
        except UserError as exc:
            self.message.setText(f"Không xuất được tệp: {exc}")
            return
        self.message.setText(f"Đã lưu {path}.")

    def preview_review_form(self) -> bool:
        """The latest recorded review as the printed form, made on a worker thread."""
        review = self.latest_review()
        if review is None:
            self.message.setText("Văn bản này chưa có lần rà soát nào đã ghi kết quả.")
            return False
        if getattr(self, "review_pdf", None) is None:
            from ui.legal.pdf_actions import PdfActions

            self.review_pdf = PdfActions(self, self.message.setText)
        printing = self._services.legal_documents
        return self.review_pdf.preview(
            lambda: printing.review_form_document(review.id),
            f"Phiếu rà soát {review.document_label}",
            "phieu-ra-soat.pdf",
        )

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Nhập sổ văn bản", "", "Excel (*.xlsx)")
        if path:
            self.import_register(path)

    def import_register(self, path: str) -> bool:
        """Import a workbook; every problem is listed below the buttons, nothing is written."""
        from services.errors import ValidationError

        try:
            report = self._services.legal.import_excel(path)
        except ValidationError as exc:
            lines = [f"Tệp có {len(exc.problems)} lỗi; chưa nhập gì:"]
            lines += [f"• {p}" for p in exc.problems[:20]]
            if len(exc.problems) > 20:
                lines.append(f"... và {len(exc.problems) - 20} lỗi khác.")
            self.message.setText("\n".join(lines))
            return False
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(report.summary())
        self.refresh()
        return True

    def _ask_export_register(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu sổ văn bản", "Sổ văn bản.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_register(path)

    def export_register(self, path: str) -> None:
        """Every document and its history, in the layout the import reads."""
        from services.legal.register_export import write_register

        try:
            write_register(self._services.legal.documents(), path)
        except UserError as exc:
            self.message.setText(f"Không xuất được tệp: {exc}")
            return
        self.message.setText(f"Đã lưu {path}.")
