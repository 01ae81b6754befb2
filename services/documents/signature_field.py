"""An empty PDF signature field over the blank signing space, for signing software.

ReportLab cannot create /Sig form fields, so the field is appended after rendering with
pyHanko as an incremental update. Signing software (VGCA tools, Adobe, pyHanko) then signs
"in place": the signer's image lands exactly in box 7c, under the authority lines.
"""

from __future__ import annotations

import io

from services.documents.model import RenderInfo

FIELD_NAME = "ChuKyNguoiKy"


def add_signature_field(pdf: bytes, info: RenderInfo, name: str = FIELD_NAME) -> bytes:
    """Return ``pdf`` with an empty signature field over ``info.signing_box``."""
    if info.signing_box is None or info.signing_page is None:
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    x1, y1, x2, y2 = info.signing_box
    spec = SigFieldSpec(
        sig_field_name=name,
        on_page=info.signing_page,
        box=(int(x1), int(y1), int(x2), int(y2)),
    )
    append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
