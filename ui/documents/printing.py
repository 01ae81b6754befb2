"""Print a PDF on a QPrinter, honouring the page range and the number of copies chosen.

QtPdf renders each page to an image at the printer's resolution; the image is scaled to the
printer's full page, so the margins stay exactly those of the PDF (print "actual size").
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PRINTER_KEY = "documents/printer"


def restore_printer(settings, printer) -> None:
    """Preselect the printer the clerk used last, when it is still installed."""
    name = str(settings.value(PRINTER_KEY, "") or "")
    if name:
        printer.setPrinterName(name)


def remember_printer(settings, printer) -> None:
    """Keep the printer chosen in the dialog for the next time (not "print to file")."""
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        settings.setValue(PRINTER_KEY, printer.printerName())


def chosen_pages(printer: QPrinter, page_count: int) -> list[int]:
    """0-based pages to print from the dialog's range ("all" when none was chosen)."""
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        return [p - 1 for p in range(1, page_count + 1) if ranges.contains(p)]
    if printer.fromPage() > 0:
        last = printer.toPage() or page_count
        return list(range(printer.fromPage() - 1, min(last, page_count)))
    return list(range(page_count))


def print_pdf(document: QPdfDocument, printer: QPrinter, dpi: int = 200) -> int:
    """Print ``document``; return the number of sheets sent (pages × copies)."""
    pages = chosen_pages(printer, document.pageCount())
    if not pages:
        return 0
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    printer.setFullPage(True)
    sent = 0
    painter = QPainter()
    first = True
    for _copy in range(copies):
        for index in pages:
            size_pt = document.pagePointSize(index)
            orientation = (
                QPageLayout.Orientation.Landscape
                if size_pt.width() > size_pt.height()
                else QPageLayout.Orientation.Portrait
            )
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setPageOrientation(orientation)
            if first:
                if not painter.begin(printer):
                    return 0
                first = False
            elif not printer.newPage():
                break
            image = document.render(
                index,
                QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi)),
            )
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
            sent += 1
    painter.end()
    return sent
