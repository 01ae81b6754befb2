"""Lay out a ``Document`` as an A4 PDF in the Decree 30/2020 layout, with ReportLab.

Page templates carry the page number (centred in the top margin, none on page 1, annexes
numbered from their own page 1); the story holds the header, title block, body, and the
signature block kept together with the end of the last paragraph so that it is never alone on
a page. ReportLab is imported here, so import this module only when rendering.
"""

from __future__ import annotations

import io
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from services.documents.flowables import CentredBlock, HeaderBlock, SignatureBlock
from services.documents.fonts import FontFamily, document_fonts
from services.documents.model import (
    CLAUSE,
    PART,
    SECTION,
    Annex,
    Block,
    Document,
    Heading,
    Margins,
    Paragraph,
    RenderInfo,
    Table,
    closing_mark,
    nfc_all,
)

BODY_SIZE = 14
BODY_LEADING = 17.5  # about 1.09 × Word "single" at 14 pt (spec §6: 17–18 pt)
PARAGRAPH_SPACE = 6  # pt before each paragraph (Decree 30: at least 6 pt)
INDENT = 1 * cm
PAGE_NUMBER_BASELINE = 12 * mm  # from the top edge, inside the top margin
TABLE_SIZE = 12
TAIL_LINES = 3  # lines of a long last paragraph kept with the signature


def _n(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _markup(text: str) -> str:
    """Escape for ReportLab's mini-markup, keeping runs of spaces (e.g. a blank number)."""
    return escape(_n(text)).replace("  ", "&nbsp; ")


class _Styles:
    def __init__(self, f: FontFamily) -> None:
        base = dict(fontName=f.regular, fontSize=BODY_SIZE, leading=BODY_LEADING)
        self.body = ParagraphStyle(
            "body",
            **base,
            alignment=TA_JUSTIFY,
            firstLineIndent=INDENT,
            spaceBefore=PARAGRAPH_SPACE,
            allowWidows=0,  # no last line of a paragraph alone at the top of a page
        )
        self.italic = ParagraphStyle("italic", parent=self.body, fontName=f.italic)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=f.bold, keepWithNext=1)
        self.point = ParagraphStyle("point", parent=self.body, keepWithNext=1)
        self.part = ParagraphStyle(
            "part",
            parent=self.heading,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=PARAGRAPH_SPACE * 2,
        )
        self.part_title = ParagraphStyle("part_title", parent=self.part, spaceBefore=0)
        self.kinh_gui = ParagraphStyle(
            "kinh_gui", **base, alignment=TA_CENTER, spaceBefore=PARAGRAPH_SPACE
        )
        cell = dict(fontName=f.regular, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.15)
        self.cell = ParagraphStyle("cell", **cell)
        self.cell_centre = ParagraphStyle("cell_centre", **cell, alignment=TA_CENTER)
        self.cell_head = ParagraphStyle(
            "cell_head", **{**cell, "fontName": f.bold}, alignment=TA_CENTER
        )


class _Template(BaseDocTemplate):
    """Page numbers restart at each annex: ``origin`` is the first page of the current part."""

    def __init__(self, target: io.BytesIO, document: Document, fonts: FontFamily) -> None:
        m = document.margin_values
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=m.left * mm,
            rightMargin=m.right * mm,
            topMargin=m.top * mm,
            bottomMargin=m.bottom * mm,
            title=_n(document.title or f"{document.type_name} {document.summary}"),
            author=_n(document.author),
            creator="ParDesk",
            subject=_n(document.summary),
            lang="vi-VN",
            # Otherwise ReportLab lists Helvetica among the PDF's fonts, which clerks check.
            initialFontName=fonts.regular,
            initialFontSize=BODY_SIZE,
        )
        self.origin = 1
        self.fonts = fonts
        self.draft = document.draft
        portrait, wide = A4, landscape(A4)
        self.addPageTemplates(
            [
                self._page("first", portrait, m, numbered=False, next_="later"),
                self._page("later", portrait, m, numbered=True),
                self._page("annex_first", portrait, m, numbered=False, next_="annex_later"),
                self._page("annex_later", portrait, m, numbered=True),
                self._page("annex_first_wide", wide, m, numbered=False, next_="annex_later_wide"),
                self._page("annex_later_wide", wide, m, numbered=True),
            ]
        )

    def _page(
        self, name: str, size: tuple[float, float], m: Margins, *, numbered: bool, next_=None
    ) -> PageTemplate:
        width, height = size
        frame = Frame(
            m.left * mm,
            m.bottom * mm,
            width - (m.left + m.right) * mm,
            height - (m.top + m.bottom) * mm,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )
        restart = name.startswith("annex_first")

        def on_page(canvas, doc) -> None:
            if restart:
                doc.origin = canvas.getPageNumber()
            canvas.saveState()
            canvas.setFillColorRGB(0, 0, 0)
            if numbered:
                canvas.setFont(doc.fonts.regular, 14)
                number = canvas.getPageNumber() - doc.origin + 1
                canvas.drawCentredString(width / 2, height - PAGE_NUMBER_BASELINE, str(number))
            if doc.draft:
                _draft_mark(canvas, doc.fonts, m.left * mm, height - PAGE_NUMBER_BASELINE)
            canvas.restoreState()

        return PageTemplate(
            id=name, frames=[frame], onPage=on_page, pagesize=size, autoNextPageTemplate=next_
        )


def _draft_mark(canvas, fonts: FontFamily, x: float, baseline: float) -> None:
    text = "DỰ THẢO"
    canvas.setFont(fonts.bold, 13)
    width = canvas.stringWidth(text, fonts.bold, 13)
    canvas.setLineWidth(0.75)
    canvas.rect(x - 3, baseline - 4, width + 6, 13 + 4, stroke=1, fill=0)
    canvas.drawString(x, baseline, text)


def _paragraph(block: Paragraph, styles: _Styles, closing: bool = False) -> RLParagraph:
    style = styles.italic if block.italic else styles.body
    if block.bold_label and block.label:
        text = closing_mark(block.text) if closing else block.text
        return RLParagraph(f"<b>{_markup(block.label)}</b> {_markup(text)}", style)
    text = closing_mark(block.full_text) if closing else block.full_text
    return RLParagraph(_markup(text), style)


def _heading(block: Heading, styles: _Styles) -> list:
    if block.level == PART:
        lines = [RLParagraph(_markup(block.label), styles.part)]
        if block.title:  # a lone centred line ("QUYẾT ĐỊNH:") has no title
            lines.append(RLParagraph(_markup(block.title.upper()), styles.part_title))
        return lines
    if block.level == SECTION:
        return [RLParagraph(_markup(f"{block.label} {block.title.upper()}"), styles.heading)]
    style = styles.heading if block.level == CLAUSE else styles.point
    return [RLParagraph(_markup(block.text), style)]


def _table(block: Table, styles: _Styles, width: float) -> RLTable:
    """A ruled table; a cell that fits on one line is a plain string (drawn without
    wrapping, which keeps a 500-row annex fast), a longer one a wrapping paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = sum(block.widths) or 1
    widths = [width * w / total for w in block.widths]
    font, size = styles.cell.fontName, styles.cell.fontSize
    head = [RLParagraph(_markup(c), styles.cell_head) for c in block.columns]
    rows = [head]
    for index, row in enumerate(block.rows):
        if index in block.group_rows:
            group = RLParagraph(f"<b>{_markup(row[0])}</b>", styles.cell)
            rows.append([group] + [""] * (len(block.columns) - 1))
            continue
        cells = []
        for i, value in enumerate(row):
            value = _n(value)
            lines = value.split("\n")
            if all(stringWidth(line, font, size) <= widths[i] - 7 for line in lines):
                cells.append(value)  # ReportLab breaks a plain string at its newlines
            else:
                style = styles.cell_centre if i in block.centred else styles.cell
                # A line break in a cell ("05/2024/QĐ-UBND\nngày 10/03/2024") is kept.
                cells.append(RLParagraph(_markup(value).replace("\n", "<br/>"), style))
        rows.append(cells)
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("FONT", (0, 0), (-1, -1), font, size, styles.cell.leading),
                *[("ALIGN", (i, 1), (i, -1), "CENTER") for i in block.centred],
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *[("SPAN", (0, i + 1), (-1, i + 1)) for i in block.group_rows],
            ]
        )
    )
    table.spaceBefore = PARAGRAPH_SPACE
    return table


def _blocks(blocks: tuple[Block, ...], styles: _Styles, width: float) -> list:
    story: list = []
    for block in blocks:
        if isinstance(block, Heading):
            story += _heading(block, styles)
        elif isinstance(block, Table):
            story.append(_table(block, styles, width))
        else:
            story.append(_paragraph(block, styles))
    return story


def _ending(last: Paragraph | None, signature: SignatureBlock, styles: _Styles, width: float):
    """The last paragraph (or its last lines) kept on one page with the signature block."""
    gap = Spacer(1, 12)
    if last is None:
        return [KeepTogether([gap, signature])]
    para = _paragraph(last, styles, closing=True)
    para.wrap(width, 10**6)
    lines = len(para.blPara.lines)
    if lines <= TAIL_LINES + 3:
        return [KeepTogether([para, gap, signature])]
    head_height = PARAGRAPH_SPACE + (lines - TAIL_LINES) * BODY_LEADING + 0.5
    parts = para.split(width, head_height)
    if len(parts) != 2:
        return [KeepTogether([para, gap, signature])]
    return [parts[0], KeepTogether([parts[1], gap, signature])]


def _annex(annex: Annex, styles: _Styles, fonts: FontFamily, m: Margins) -> list:
    size = landscape(A4) if annex.landscape else A4
    width = size[0] - (m.left + m.right) * mm
    title = CentredBlock(
        [
            (fonts.bold, 14, annex.label),
            (fonts.bold, 14, annex.title.upper()),
            (fonts.italic, 14, annex.reference),
        ],
        width,
        rule_ratio=1 / 3,
        space_after=10,
    )
    first = "annex_first_wide" if annex.landscape else "annex_first"
    return [NextPageTemplate(first), PageBreak(), title, *_blocks(annex.blocks, styles, width)]


def build_story(document: Document, fonts: FontFamily, info: RenderInfo) -> list:
    styles = _Styles(fonts)
    m = document.margin_values
    width = A4[0] - (m.left + m.right) * mm
    header_left = width * 65 / 165
    story: list = [HeaderBlock(document.header, fonts, header_left, width - header_left)]
    story.append(
        CentredBlock(
            [(fonts.bold, 14, document.type_name.upper()), (fonts.bold, 14, document.summary)],
            width,
            space_before=20,
            space_after=8,
        )
    )
    if document.kinh_gui:
        story += _kinh_gui(document.kinh_gui, styles, width)
    blocks = list(document.blocks)
    last = blocks[-1] if blocks else None
    if isinstance(last, Paragraph):
        blocks.pop()
    else:
        last = None
    story += _blocks(tuple(blocks), styles, width)
    sign_left = width * 70 / 165
    recipients = document.recipient_lines if document.show_recipients else None
    signature = SignatureBlock(
        document.signature, recipients, fonts, sign_left, width - sign_left, info
    )
    story += _ending(last, signature, styles, width)
    for annex in document.annexes:
        story += _annex(annex, styles, fonts, m)
    return story


def _kinh_gui(recipients: tuple[str, ...], styles: _Styles, width: float) -> list:
    """ "Kính gửi:" with one recipient on its line, or several as "- …;" lines whose hyphens
    line up under the first one (Decree 30, ô 9a), the block centred on the text width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, size = styles.kinh_gui.fontName, styles.kinh_gui.fontSize
    label = "Kính gửi: "
    if len(recipients) == 1:
        return [RLParagraph(_markup(f"{label}{recipients[0].rstrip(' ;.')}."), styles.kinh_gui)]
    lines = [f"- {r.rstrip(' ;.')};" for r in recipients]
    lines[-1] = lines[-1][:-1] + "."
    label_w = stringWidth(label, font, size)
    block = label_w + max(stringWidth(x, font, size) for x in lines)
    left = max(0.0, (width - block) / 2) + label_w
    style = ParagraphStyle(
        "kinh_gui_list", parent=styles.kinh_gui, alignment=0, leftIndent=left, spaceBefore=0
    )
    first = ParagraphStyle("kinh_gui_first", parent=style, firstLineIndent=-label_w, spaceBefore=6)
    return [RLParagraph(_markup(label + lines[0]), first)] + [
        RLParagraph(_markup(line), style) for line in lines[1:]
    ]


def render_pdf(document: Document) -> tuple[bytes, RenderInfo]:
    """The document as PDF bytes (no signature field yet) and where its signing space is."""
    fonts = document_fonts()
    document = nfc_all(document)
    info = RenderInfo()
    target = io.BytesIO()
    template = _Template(target, document, fonts)
    template.build(build_story(document, fonts, info))
    info.pages = template.page
    return target.getvalue(), info
