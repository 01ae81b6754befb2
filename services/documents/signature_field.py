"""An empty PDF signature field over the blank signing space, for signing software.

ReportLab cannot create /Sig form fields, so the field is appended after rendering as a PDF
incremental update (ISO 32000-1 §7.5.6): the original bytes stay untouched and a short
section with the widget, the AcroForm and the updated page and catalog is added after them.
Signing software (VGCA tools, Adobe, pyHanko) then signs "in place": the signer's image
lands exactly in box 7c, under the authority lines.

Written by hand rather than with pyHanko because importing pyHanko costs about half a
second, more than the whole rest of a plan PDF; the input is always ReportLab's own output
(one classic cross-reference table, no object streams), which is all this needs to read.
"""

from __future__ import annotations

import re

from services.documents.model import RenderInfo

FIELD_NAME = "ChuKyNguoiKy"

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\n")
_REF = rb"(\d+) 0 R"


class SignatureFieldError(ValueError):
    """The PDF is not shaped as ReportLab writes it (should never reach a user)."""


def add_signature_field(pdf: bytes, info: RenderInfo, name: str = FIELD_NAME) -> bytes:
    """Return ``pdf`` with an empty signature field over ``info.signing_box``."""
    if info.signing_box is None or info.signing_page is None:
        return pdf
    offsets, trailer, xref_at = _cross_references(pdf)
    root = _ref(trailer, b"/Root")
    size = int(_value(trailer, rb"/Size (\d+)"))
    catalog = _object_body(pdf, offsets, root)
    if b"/AcroForm" in catalog:
        raise SignatureFieldError("the catalog already has an AcroForm")
    page = _page_object(pdf, offsets, _ref(catalog, b"/Pages"), info.signing_page)
    page_body = _object_body(pdf, offsets, page)
    form, widget, appearance = size, size + 1, size + 2
    x1, y1, x2, y2 = (int(v) for v in info.signing_box)
    objects = {
        page: _with_annotation(page_body, widget),
        root: _insert(catalog, b"/AcroForm %d 0 R" % form),
        form: b"<<\n/Fields [ %d 0 R ]\n/SigFlags 1\n>>" % widget,
        widget: (
            b"<<\n/FT /Sig\n/T (%s)\n/Type /Annot\n/Subtype /Widget\n/F 132\n"
            b"/Rect [ %d %d %d %d ]\n/P %d 0 R\n/AP << /N %d 0 R >>\n>>"
            % (name.encode("ascii"), x1, y1, x2, y2, page, appearance)
        ),
        appearance: (
            b"<<\n/BBox [ 0 0 %d %d ]\n/Resources << >>\n/Type /XObject\n/Subtype /Form\n"
            b"/Length 0\n>>\nstream\n\nendstream" % (x2 - x1, y2 - y1)
        ),
    }
    return pdf + _update_section(len(pdf), objects, trailer, size + 3, xref_at)


def _cross_references(pdf: bytes) -> tuple[dict[int, int], bytes, int]:
    """Object offsets of the (single, classic) xref table, the trailer, the table's offset."""
    found = _STARTXREF.search(pdf[-64:])
    if found is None:
        raise SignatureFieldError("no startxref at the end of the file")
    xref_at = int(found.group(1))
    if not pdf.startswith(b"xref", xref_at):
        raise SignatureFieldError("cross-reference streams are not supported")
    end = pdf.index(b"trailer", xref_at)
    table = pdf[xref_at + 4 : end].lstrip()
    offsets: dict[int, int] = {}
    while table:
        header = _SUBSECTION.match(table)
        if header is None:
            raise SignatureFieldError("malformed cross-reference table")
        first, count = int(header.group(1)), int(header.group(2))
        table = table[header.end() :]
        for n in range(count):
            entry = table[:20]
            if entry[17:18] == b"n":
                offsets[first + n] = int(entry[:10])
            table = table[20:]
        table = table.lstrip()
    trailer = pdf[end : pdf.index(b"startxref", end)]
    return offsets, trailer, xref_at


def _value(text: bytes, pattern: bytes) -> bytes:
    found = re.search(pattern, text)
    if found is None:
        raise SignatureFieldError(f"{pattern!r} not found")
    return found.group(1)


def _ref(text: bytes, key: bytes) -> int:
    return int(_value(text, re.escape(key) + rb"\s+" + _REF))


def _object_body(pdf: bytes, offsets: dict[int, int], number: int) -> bytes:
    start = offsets[number]
    head = re.compile(rb"%d 0 obj\s*" % number).match(pdf, start)
    if head is None:
        raise SignatureFieldError(f"object {number} not at its offset")
    return pdf[head.end() : pdf.index(b"endobj", head.end())].rstrip()


def _page_object(pdf: bytes, offsets: dict[int, int], pages: int, index: int) -> int:
    """The object number of page ``index`` (0-based), walking the page tree in order."""
    kids = [
        int(k)
        for k in re.findall(
            _REF, _value(_object_body(pdf, offsets, pages), rb"/Kids\s*\[([^\]]*)\]")
        )
    ]
    for kid in kids:
        body = _object_body(pdf, offsets, kid)
        if re.search(rb"/Type\s*/Pages\b", body):
            count = int(_value(body, rb"/Count (\d+)"))
            if index < count:
                return _page_object(pdf, offsets, kid, index)
            index -= count
        elif index == 0:
            return kid
        else:
            index -= 1
    raise SignatureFieldError("signing page is beyond the last page")


def _insert(dictionary: bytes, entry: bytes) -> bytes:
    """``dictionary`` (``<< … >>``) with ``entry`` added before its closing brackets."""
    closing = dictionary.rindex(b">>")
    return dictionary[:closing] + entry + b"\n" + dictionary[closing:]


def _with_annotation(page: bytes, widget: int) -> bytes:
    annots = re.search(rb"/Annots\s*\[([^\]]*)\]", page)
    if annots is None:
        if b"/Annots" in page:
            raise SignatureFieldError("indirect /Annots arrays are not supported")
        return _insert(page, b"/Annots [ %d 0 R ]" % widget)
    inside = annots.group(1).strip()
    return (
        page[: annots.start()] + b"/Annots [ %s %d 0 R ]" % (inside, widget) + page[annots.end() :]
    )


def _update_section(
    start: int, objects: dict[int, bytes], trailer: bytes, size: int, previous: int
) -> bytes:
    """The appended objects, their cross-reference subsections and the new trailer."""
    body = bytearray(b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = start + len(body)
        body += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = start + len(body)
    body += b"xref\n0 1\n0000000000 65535 f \n"
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        body += b"%d %d\n" % (run[0], len(run))
        for number in run:
            body += b"%010d 00000 n \n" % offsets[number]
    keep = b""
    for key in (rb"/ID\s*\[[^\]]*\]", rb"/Info\s+\d+ 0 R"):
        found = re.search(key, trailer)
        if found:
            keep += found.group(0) + b"\n"
    body += b"trailer\n<<\n%s/Root %d 0 R\n/Size %d\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n" % (
        keep,
        _ref(trailer, b"/Root"),
        size,
        previous,
        xref_at,
    )
    return bytes(body)
