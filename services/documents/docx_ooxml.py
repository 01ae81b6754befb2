"""OOXML pieces python-docx has no API for: fixed tables, rules, PAGE fields, fonts.

Kept to elements Word and LibreOffice both read without repair (no drawing objects).
"""

from __future__ import annotations


def run_fonts(run, family: str, size: float, bold=False, italic=False) -> None:
    """Set the face on every script slot, so Word never falls back for Vietnamese letters."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = family
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), family)


def bottom_border(paragraph) -> None:
    """A thin black rule under ``paragraph`` (its width set by the paragraph's indents)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def fixed_table(doc, rows: int, widths_mm: list[float], borders: bool):
    """A fixed-layout table: exact column widths, no cell margins unless ruled."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    t = doc.add_table(rows=rows, cols=len(widths_mm))
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    margins = OxmlElement("w:tblCellMar")
    pad = "57" if borders else "0"  # 1 mm inside ruled cells, none in layout tables
    for edge in ("left", "right"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:w"), pad)
        e.set(qn("w:type"), "dxa")
        margins.append(e)
    tbl_pr.append(margins)
    if borders:
        t.style = doc.styles["Table Grid"]
    else:
        b = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            e = OxmlElement(f"w:{edge}")
            e.set(qn("w:val"), "nil")
            b.append(e)
        tbl_pr.append(b)
    for column, w in zip(t.columns, widths_mm, strict=True):
        column.width = Mm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)
    return t


def page_number_header(section, family: str, restart: bool = False) -> None:
    """PAGE field centred in the header; the first page of the section shows none."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = ""
    header.alignment = 1  # centre
    run = header.add_run()
    run_fonts(run, family, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    if restart:
        sect_pr = section._sectPr
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:start"), "1")
        sect_pr.append(pg)


def cant_split(row) -> None:
    """Never break the row across pages (the signature block stays whole)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
