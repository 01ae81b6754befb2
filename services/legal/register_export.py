"""The whole register as a workbook in the import layout (sheets "Văn bản" and "Hiệu lực").

Exporting then importing into an empty database gives the same register back, so the file
doubles as a backup, a template to fill in, and a way to move the register to another PC.
"""

from __future__ import annotations

from pathlib import Path

from services.legal import vocab
from services.legal.dto import DocumentRow
from services.legal.excel_import import DOC_COLUMNS, DOC_SHEET, EVENT_COLUMNS, EVENT_SHEET
from services.legal.xlsx import DATE_FORMAT, save

_ISSUER_WORDS = {"hdnd": "HĐND", "ubnd": "UBND", "external": "Cấp trên"}
_WIDTHS = {"summary": 50, "bases": 30, "issuer_name": 24, "reason": 30, "articles": 24, "by": 30}


def _sheet(book, title: str, columns: dict[str, tuple[str, bool]], rows: list[dict], first: bool):
    from openpyxl.styles import Alignment, Font

    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    keys = list(columns)
    sheet.append([columns[k][0] for k in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = _WIDTHS.get(keys[cell.column - 1], 16)
    for values in rows:
        sheet.append([values.get(k) for k in keys])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value is not None and hasattr(cell.value, "year"):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"


def register_workbook(docs: list[DocumentRow]):
    """Documents in issue order (a basis before its users), then their history."""
    from openpyxl import Workbook

    ordered = sorted(docs, key=lambda d: (d.issued_on, d.id))
    labels = {d.id: d.number_symbol for d in docs}
    doc_rows = [
        {
            "doc_type": d.doc_type,
            "number_symbol": d.number_symbol,
            "issued_on": d.issued_on,
            "effective_on": d.effective_on,
            "issuer": _ISSUER_WORDS[d.issuer],
            "issuer_name": d.issuer_name if d.external else "",
            "summary": d.summary,
            "field": d.field,
            "bases": "; ".join(labels[b] for b in d.basis_ids),
            "original_unit": d.original_unit,
            "signer": d.signer,
            "notes": d.notes,
        }
        for d in ordered
    ]
    event_rows = [
        {
            "number_symbol": d.number_symbol,
            "kind": vocab.EVENT_KINDS[e.kind],
            "scope": vocab.SCOPES[e.scope],
            "articles": "; ".join(e.articles),
            "from_date": e.from_date,
            "by": labels.get(e.by_document_id, "") if e.by_document_id else e.by_label,
            "reason": e.reason,
        }
        for d in ordered
        for e in d.events
    ]
    book = Workbook()
    _sheet(book, DOC_SHEET, DOC_COLUMNS, doc_rows, first=True)
    _sheet(book, EVENT_SHEET, EVENT_COLUMNS, event_rows, first=False)
    return book


def write_register(docs: list[DocumentRow], path: str | Path) -> Path:
    return save(register_workbook(docs), path)
