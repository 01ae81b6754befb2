"""The outgoing register of a year as the printed sổ văn bản đi: a PDF and an .xlsx workbook.

Both are made from the same rows (``register_rows``), so the printout and the spreadsheet
always agree. A cancelled number keeps its line, its text struck through in the PDF and its
"Ghi chú" saying who cancelled it, when and why: the register shows every number given.
"""

from __future__ import annotations

import io
from pathlib import Path

from services.documents.register import RegisterEntry
from services.office.organisation import OrganisationProfile
from services.text import format_date, nfc

REGISTER_COLUMNS = (
    "Số, ký hiệu",
    "Ngày",
    "Loại",
    "Trích yếu",
    "Người ký",
    "Nơi nhận",
    "Ghi chú / trạng thái hủy",
)
# Relative widths (landscape A4 in the PDF, characters in the sheet).
REGISTER_WIDTHS = (19, 15, 15, 46, 19, 34, 32)


def register_title(year: int) -> str:
    return f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {year}"


def register_rows(entries: list[RegisterEntry]) -> list[tuple[str, ...]]:
    """One line per number given, in the register's order, cancelled numbers included."""
    return [
        (
            e.reference,
            format_date(e.issued_on),
            e.type_name,
            e.summary,
            e.signer,
            e.recipients,
            e.status_text,
        )
        for e in entries
    ]


def register_workbook(entries: list[RegisterEntry], year: int, org: OrganisationProfile):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = f"Sổ VB đi {year}"
    body = " ".join(x for x in (org.body_line1, org.body_line2) if x)
    sheet.append([body])
    sheet.append([register_title(year)])
    sheet.append([])
    sheet.append(list(REGISTER_COLUMNS))
    header_row = 4
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=13)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = box
    for column, width in enumerate(REGISTER_WIDTHS, 1):
        sheet.column_dimensions[chr(64 + column)].width = width
    for entry, values in zip(entries, register_rows(entries), strict=True):
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = box
            if entry.cancelled:
                cell.font = Font(strike=cell.column < len(REGISTER_COLUMNS), color="808080")
        lines = max(max(1, -(-len(v) // w)) for v, w in zip(values, REGISTER_WIDTHS, strict=True))
        sheet.row_dimensions[sheet.max_row].height = 15 * lines
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return book


def write_register_xlsx(
    entries: list[RegisterEntry], year: int, org: OrganisationProfile, path: Path
) -> Path:
    from services.documents.render import write_file
    from services.errors import UserError

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp “{path.name}” phải có đuôi .xlsx.")
    out = io.BytesIO()
    register_workbook(entries, year, org).save(out)
    write_file(path, out.getvalue())
    return path


def register_pdf(entries: list[RegisterEntry], year: int, org: OrganisationProfile) -> bytes:
    """The register on landscape A4 pages, the column header repeated on each page."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from services.documents.fonts import document_fonts

    fonts = document_fonts()
    cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12)
    struck = ParagraphStyle("struck", parent=cell, textColor=colors.grey)
    head = ParagraphStyle("head", parent=cell, fontName=fonts.bold, alignment=1)
    top = ParagraphStyle("top", fontName=fonts.bold, fontSize=12, leading=15, alignment=1)
    title = ParagraphStyle("title", parent=top, fontSize=14, leading=18, spaceBefore=6)
    size = landscape(A4)
    margin = 15 * mm
    width = size[0] - 2 * margin
    total = sum(REGISTER_WIDTHS)
    widths = [width * w / total for w in REGISTER_WIDTHS]

    def para(text: str, style: ParagraphStyle, strike: bool = False) -> Paragraph:
        markup = escape(nfc(text)).replace("\n", "<br/>")
        return Paragraph(f"<strike>{markup}</strike>" if strike and markup else markup, style)

    rows: list[list] = [[para(h, head) for h in REGISTER_COLUMNS]]
    for entry, values in zip(entries, register_rows(entries), strict=True):
        last = len(values) - 1
        rows.append(
            [
                para(v, struck if entry.cancelled else cell, entry.cancelled and i < last)
                for i, v in enumerate(values)
            ]
        )
    if not entries:
        rows.append(
            [para("Năm này chưa cấp số văn bản nào.", cell)] + [""] * (len(REGISTER_COLUMNS) - 1)
        )
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
    ]
    if not entries:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(style))
    body = [x for x in (org.body_line1, org.body_line2) if x]
    story = [para(line, top) for line in body]
    story += [para(register_title(year), title), Spacer(1, 6 * mm), table]

    def number_pages(canvas, doc) -> None:
        canvas.setFont(fonts.regular, 10)
        canvas.drawCentredString(size[0] / 2, 8 * mm, f"Trang {doc.page}")

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Sổ đăng ký văn bản đi năm {year}",
        author=" ".join(body).title(),
    )
    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)
    return out.getvalue()


def write_register_pdf(
    entries: list[RegisterEntry], year: int, org: OrganisationProfile, path: Path
) -> Path:
    from services.documents.render import write_file

    path = Path(path)
    write_file(path, register_pdf(entries, year, org))
    return path
