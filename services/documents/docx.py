"""The editable twin: the same ``Document`` as a Word file with the same layout (python-docx).

Clerks often change wording before signing, so the .docx carries the same margins, header
table, rules, heading styles, signature table and page numbering (a PAGE field centred in the
header, none on the first page; the annex is its own landscape section numbered from 1).
Rules are paragraph bottom borders narrowed by indents, so Word and LibreOffice open the file
without repair and without drawing objects.
"""

from __future__ import annotations

import io

from services.documents.docx_ooxml import (
    bottom_border,
    cant_split,
    fixed_table,
    page_number_header,
    run_fonts,
)
from services.documents.model import (
    CLAUSE,
    PART,
    SECTION,
    Annex,
    Block,
    Document,
    Heading,
    Table,
    closing_mark,
)
from services.text import nfc

BODY_PT = 14
LEADING_PT = 17.5


class _Writer:
    def __init__(self, document: Document) -> None:
        import docx
        from docx.shared import Mm

        self.doc = docx.Document()
        # Word has Times New Roman; LibreOffice substitutes the metric-identical Liberation Serif.
        self.family = "Times New Roman"
        self.source = document
        m = document.margin_values
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
        section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
        section.header_distance = Mm(10)
        self.text_width = Mm(210 - m.left - m.right)
        normal = self.doc.styles["Normal"]
        normal.font.name = self.family
        from docx.shared import Pt

        normal.font.size = Pt(BODY_PT)
        self._page_numbers(section)

    # ----- helpers ---------------------------------------------------------------------
    def para(
        self,
        container,
        text="",
        *,
        size=BODY_PT,
        bold=False,
        italic=False,
        align="justify",
        indent=True,
        before=6,
        leading=LEADING_PT,
        keep=False,
    ):
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Cm, Pt

        p = container.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "centre": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[align]
        fmt.first_line_indent = Cm(1) if indent else Cm(0)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(leading)
        fmt.keep_with_next = keep
        if text:
            run_fonts(p.add_run(nfc(text)), self.family, size, bold, italic)
        return p

    def rule(self, container, length_mm: float, width_mm: float, before_pt: float = 0):
        """A centred rule ``length_mm`` long: an empty paragraph's bottom border."""
        from docx.shared import Mm

        p = self.para(container, indent=False, before=before_pt, leading=2, align="centre")
        side = max(0.0, (width_mm - length_mm) / 2)
        p.paragraph_format.left_indent = Mm(side)
        p.paragraph_format.right_indent = Mm(side)
        bottom_border(p)
        return p

    def table(self, rows: int, widths_mm: list[float], borders: bool):
        return fixed_table(self.doc, rows, widths_mm, borders)

    def _page_numbers(self, section, restart: bool = False) -> None:
        page_number_header(section, self.family, restart)

    # ----- parts -------------------------------------------------------------------------
    def header(self) -> None:
        h = self.source.header
        width = self.text_width.mm
        left = width * 65 / 165
        t = self.table(2, [left, width - left], borders=False)
        lc, rc = t.cell(0, 0), t.cell(0, 1)
        lc.paragraphs[0]._p.getparent().remove(lc.paragraphs[0]._p)
        rc.paragraphs[0]._p.getparent().remove(rc.paragraphs[0]._p)
        if h.parent_body:
            self.para(
                lc, h.parent_body, size=13, align="centre", indent=False, before=0, leading=15
            )
        for line in h.body_lines:
            self.para(
                lc, line, size=13, bold=True, align="centre", indent=False, before=0, leading=15
            )
        self.rule(lc, 0.4 * max((_width_mm(x, 13) for x in h.body_lines), default=30), left)
        self.para(
            rc,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            size=13,
            bold=True,
            align="centre",
            indent=False,
            before=0,
            leading=15,
        )
        self.para(
            rc,
            "Độc lập - Tự do - Hạnh phúc",
            size=14,
            bold=True,
            align="centre",
            indent=False,
            before=0,
            leading=16,
        )
        self.rule(rc, 60.5, width - left)
        for cell, text, size, italic in (
            (t.cell(1, 0), h.number_line, 13, False),
            (t.cell(1, 1), h.date_line, 14, True),
        ):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            self.para(
                cell,
                text,
                size=size,
                italic=italic,
                align="centre",
                indent=False,
                before=6,
                leading=16,
            )

    def title(self) -> None:
        d = self.source
        self.para(
            self.doc,
            d.type_name.upper(),
            bold=True,
            align="centre",
            indent=False,
            before=20,
            leading=16,
        )
        lines = _lines(d.summary, self.text_width.mm)
        p = self.para(self.doc, "", bold=True, align="centre", indent=False, before=0, leading=16)
        for i, line in enumerate(lines):  # the PDF's balanced line breaks, kept in Word
            run = p.add_run(line)
            run_fonts(run, self.family, BODY_PT, bold=True)
            if i < len(lines) - 1:
                run.add_break()
        longest = max(_width_mm(x, 14) for x in lines)
        self.rule(self.doc, 0.4 * longest, self.text_width.mm)

    def blocks(self, blocks: tuple[Block, ...], last_closing: bool, width_mm: float) -> None:
        for i, block in enumerate(blocks):
            closing = last_closing and i == len(blocks) - 1
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Table):
                self.grid(block, width_mm)
            elif block.bold_label and block.label:
                text = closing_mark(block.text) if closing else block.text
                p = self.para(self.doc, italic=block.italic)
                run_fonts(p.add_run(nfc(block.label) + " "), self.family, BODY_PT, True, False)
                run_fonts(p.add_run(nfc(text)), self.family, BODY_PT, False, block.italic)
            else:
                text = closing_mark(block.full_text) if closing else block.full_text
                p = self.para(self.doc, text, italic=block.italic)
                if closing:
                    p.paragraph_format.keep_with_next = True

    def heading(self, block: Heading) -> None:
        if block.level == PART:
            self.para(
                self.doc, block.label, bold=True, align="centre", indent=False, before=12, keep=True
            )
            if not block.title:
                return
            self.para(
                self.doc,
                block.title.upper(),
                bold=True,
                align="centre",
                indent=False,
                before=0,
                keep=True,
            )
        elif block.level == SECTION:
            self.para(self.doc, f"{block.label} {block.title.upper()}", bold=True, keep=True)
        else:
            self.para(self.doc, block.text, bold=block.level == CLAUSE, keep=True)

    def grid(self, block: Table, width_mm: float) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        total = sum(block.widths) or 1
        widths = [width_mm * w / total for w in block.widths]
        t = self.table(len(block.rows) + 1, widths, borders=True)
        header_row = t.rows[0]
        tr_pr = header_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for r, values in enumerate([block.columns, *block.rows]):
            if r - 1 in block.group_rows:
                cell = t.cell(r, 0).merge(t.cell(r, len(widths) - 1))
                for extra in cell.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
                values = (values[0],)
            group = r - 1 in block.group_rows
            for c, value in enumerate(values):
                cell = t.cell(r, c)
                cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                centred = r == 0 or (c in block.centred and not group)
                self.para(
                    cell,
                    value,
                    size=12,
                    bold=r == 0 or group,
                    align="centre" if centred else "left",
                    indent=False,
                    before=0,
                    leading=13.8,
                )

    def signature(self) -> None:
        d = self.source
        width = self.text_width.mm
        left = width * 70 / 165
        self.para(self.doc, "", indent=False, before=0, leading=12, keep=True)
        t = self.table(1, [left, width - left], borders=False)
        cant_split(t.rows[0])
        lc, rc = t.cell(0, 0), t.cell(0, 1)
        for cell in (lc, rc):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        left_lines = d.recipient_lines if d.show_recipients else ()
        if not d.show_recipients:  # a form: the left cell stays empty (but valid)
            self.para(lc, "", indent=False, before=0, leading=12)
        else:
            self.para(
                lc,
                "Nơi nhận:",
                size=12,
                bold=True,
                italic=True,
                align="left",
                indent=False,
                before=0,
                leading=16,
            )
        for line in left_lines:
            self.para(lc, line, size=11, align="left", indent=False, before=0, leading=12.65)
        for line in d.signature.title_lines:
            self.para(rc, line, bold=True, align="centre", indent=False, before=0, leading=16.1)
        for _ in range(6):
            self.para(rc, "", align="centre", indent=False, before=0, leading=15)
        self.para(
            rc, d.signature.name, bold=True, align="centre", indent=False, before=0, leading=16.1
        )

    def annex(self, annex: Annex) -> None:
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        m = self.source.margin_values
        if annex.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        self._page_numbers(section, restart=True)
        width = section.page_width.mm - m.left - m.right
        self.para(self.doc, annex.label, bold=True, align="centre", indent=False, before=0)
        self.para(self.doc, annex.title.upper(), bold=True, align="centre", indent=False, before=0)
        self.para(self.doc, annex.reference, italic=True, align="centre", indent=False, before=0)
        self.rule(self.doc, width / 4, width)
        self.blocks(annex.blocks, False, width)

    def write(self) -> bytes:
        d = self.source
        if d.draft:
            self.para(self.doc, "DỰ THẢO", size=13, bold=True, align="left", indent=False, before=0)
        self.header()
        self.title()
        for line in d.kinh_gui:
            self.para(self.doc, f"Kính gửi: {line}", align="centre", indent=False)
        self.blocks(d.blocks, True, self.text_width.mm)
        self.signature()
        for annex in d.annexes:
            self.annex(annex)
        props = self.doc.core_properties
        props.title = nfc(d.title)
        props.author = nfc(d.author)
        props.language = "vi-VN"
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _lines(text: str, width_mm: float) -> list[str]:
    from services.documents.flowables import balanced_lines
    from services.documents.fonts import document_fonts

    return balanced_lines(nfc(text), document_fonts().bold, 14, width_mm / 25.4 * 72)


def _width_mm(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from services.documents.fonts import document_fonts

    return stringWidth(nfc(text), document_fonts().bold, size) / 72 * 25.4


def document_docx(document: Document) -> bytes:
    return _Writer(document).write()
