"""A PDF shown as Word users expect a print preview: zoom, "Trang x/y", page by page.

Used by the Báo cáo area and by every area's PDF preview dialog. QtPdf is imported when the
first one is built, not at program start-up. A new document always opens at page 1.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0


class PdfPages(QWidget):
    """The pages of one PDF (bytes), with zoom and page buttons above them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None

        def tool(text: str, name: str, tip: str) -> QToolButton:
            button = QToolButton(self, objectName=name, text=text, toolTip=tip)
            button.setAutoRaise(True)
            return button

        def mode(text: str, name: str, tip: str) -> QToolButton:
            button = tool(text, name, tip)
            button.setCheckable(True)  # shows which fit is on
            return button

        self.fit_width = mode("Vừa chiều rộng", "zoomFitWidth", "Trang vừa chiều rộng khung xem")
        self.fit_page = mode("Vừa trang", "zoomFitPage", "Cả trang trong khung xem")
        self.zoom_out = tool("−", "zoomOut", "Thu nhỏ (Ctrl+−)")
        self.zoom_in = tool("+", "zoomIn", "Phóng to (Ctrl++)")
        self.previous = tool("◀", "previousPage", "Trang trước (Page Up)")
        self.next = tool("▶", "nextPage", "Trang sau (Page Down)")
        self.page_label = QLabel(objectName="pageLabel")
        self.zoom_label = QLabel(objectName="zoomLabel")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.fit_width, self.fit_page, self.zoom_out, self.zoom_in):
            bar.addWidget(widget)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        for widget in (self.previous, self.page_label, self.next):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        # Without a document the view would keep painting the last page's blank sheet.
        self.placeholder = QLabel(
            "Chưa có văn bản để xem. Bấm “Xem trước” để tạo văn bản đang chọn.",
            objectName="previewPlaceholder",
            alignment=Qt.AlignmentFlag.AlignCenter,
            wordWrap=True,
        )
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

        self.fit_width.clicked.connect(lambda: self._set_mode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self._set_mode(QPdfView.ZoomMode.FitInView))
        self.zoom_in.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.previous.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_state())
        self.view.zoomFactorChanged.connect(lambda _factor: self._show_state())
        self.view.zoomModeChanged.connect(lambda _mode: self._show_state())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / ZOOM_STEP)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to(self.current_page() + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to(self.current_page() - 1)),
        ):
            QShortcut(keys, self, slot, context=context)
        self._show_state()

    # ----- content --------------------------------------------------------------------------
    def show_pdf(self, pdf: bytes) -> None:
        """Show ``pdf`` from its first page, keeping the zoom the clerk chose."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.stack.setCurrentWidget(self.view)
        self.go_to(0)
        self._show_state()

    def clear(self) -> None:
        """No document (the one shown no longer matches what the clerk chose)."""
        self.document.close()
        self.stack.setCurrentWidget(self.placeholder)
        self._show_state()

    def page_count(self) -> int:
        return self.document.pageCount()

    # ----- navigation and zoom --------------------------------------------------------------
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if self.page_count() == 0:
            return
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(0, 0), self.view.pageNavigator().currentZoom())
        self._show_state()

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def zoom_by(self, step: float) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, current * step)))
        self._show_state()

    def _effective_zoom(self) -> float:
        """The zoom now on screen, also in a fit mode (where zoomFactor stays at its last)."""
        from PySide6.QtPdfWidgets import QPdfView

        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        size = self.document.pagePointSize(max(0, self.current_page()))
        if size.width() <= 0:
            return self.view.zoomFactor()
        # Points to pixels at 96 dpi, as QPdfView lays pages out.
        width_px = size.width() / 72 * self.logicalDpiX()
        height_px = size.height() / 72 * self.logicalDpiY()
        viewport = self.view.viewport().size()
        by_width = (viewport.width() - 20) / width_px
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return by_width
        return min(by_width, (viewport.height() - 20) / height_px)

    def _set_mode(self, mode) -> None:
        self.view.setZoomMode(mode)
        self._show_state()

    def _show_state(self) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        pages = self.page_count()
        page = self.current_page() + 1 if pages else 0
        self.page_label.setText(f"Trang {page}/{pages}" if pages else "Chưa có trang")
        self.previous.setEnabled(pages > 0 and page > 1)
        self.next.setEnabled(pages > 0 and page < pages)
        for button in (self.fit_width, self.fit_page, self.zoom_in, self.zoom_out):
            button.setEnabled(pages > 0)
        mode = self.view.zoomMode()
        self.fit_width.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self._effective_zoom() * 100)}%" if pages else "")
