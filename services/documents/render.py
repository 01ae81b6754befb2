"""One call from a document description to the finished files (PDF, .docx)."""

from __future__ import annotations

from pathlib import Path

from services.documents.model import Document, RenderInfo


def document_pdf(document: Document) -> tuple[bytes, RenderInfo]:
    """The PDF; the version for signing also gets its empty signature field."""
    from services.documents.pdf import render_pdf

    pdf, info = render_pdf(document)
    if document.signature_field and not document.draft:
        from services.documents.signature_field import add_signature_field

        pdf = add_signature_field(pdf, info)
    return pdf, info


def write_pdf(document: Document, path: Path) -> RenderInfo:
    pdf, info = document_pdf(document)
    _write(path, pdf)
    return info


def write_docx(document: Document, path: Path) -> None:
    from services.documents.docx import document_docx

    _write(path, document_docx(document))


def write_file(path: Path, data: bytes) -> None:
    """Write rendered bytes (a PDF made on a worker thread) safely, as the writers above do."""
    _write(path, data)


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file so a failed write never leaves half a document."""
    from services.errors import UserError

    path = Path(path)
    temp = path.with_name(path.name + ".tmp")
    try:
        temp.write_bytes(data)
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Không ghi được tệp “{path}”: {exc.strerror or exc}.") from exc
