"""The version for signing carries an empty signature field that real signing software fills.

The test makes a throwaway self-signed certificate, signs the field with pyHanko and checks
that the signature validates and covers the whole document.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pdfplumber
import pytest
from pypdf import PdfReader

from services.documents.model import Document, Header, Paragraph, Signature
from services.documents.render import document_pdf
from services.documents.signature_field import FIELD_NAME


def _document(**changes) -> Document:
    values = dict(
        header=Header(
            body_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG DỊ SỬ"), year=2025, place="Dị Sử", month=3
        ),
        type_name="KẾ HOẠCH",
        summary="Thử chữ ký số",
        blocks=tuple(Paragraph(f"Đoạn văn thứ {i} của kế hoạch thử.") for i in range(5)),
        signature=Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"),
        recipients=("Như trên",),
        archive="VT, VP",
    )
    values.update(changes)
    return Document(**values)


@pytest.fixture(scope="module")
def rendered():
    return document_pdf(_document())


def _certificate():
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Văn A (thử)")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    der_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    der_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return der_cert, der_key


def test_empty_signature_field_over_the_signing_space(rendered):
    pdf, info = rendered
    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields()
    assert FIELD_NAME in fields
    field = fields[FIELD_NAME]
    assert field["/FT"] == "/Sig"
    assert "/V" not in field  # empty: not signed yet
    page = reader.pages[info.signing_page]
    widgets = [a.get_object() for a in page.get("/Annots", [])]
    rect = next(w["/Rect"] for w in widgets if w.get("/T") == FIELD_NAME)
    x1, y1, x2, y2 = (float(v) for v in rect)
    with pdfplumber.open(io.BytesIO(pdf)) as plumber:
        p = plumber.pages[info.signing_page]
        words = {w["text"]: w for w in p.extract_words()}
        height = p.height
    title_bottom = height - words["CHỦ"]["bottom"]
    name_top = height - words["Nguyễn"]["top"]
    # Between the last title line and the name, over the right column, and nothing printed in it.
    assert name_top <= y1 + 1 and y2 <= title_bottom + 1
    assert y2 - y1 >= 28 * 72 / 25.4
    assert x1 <= words["Nguyễn"]["x0"] and x2 >= words["Nguyễn"]["x1"]
    with pdfplumber.open(io.BytesIO(pdf)) as plumber:
        inside = [
            c
            for c in plumber.pages[info.signing_page].chars
            if y1 < height - c["bottom"] and height - c["top"] < y2 and x1 < c["x0"] < x2
        ]
    assert inside == []


def test_field_can_be_signed_and_the_signature_validates(rendered):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    pdf, _info = rendered
    cert, key = _certificate()
    signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert])
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signed = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name=FIELD_NAME), signer=signer
    )
    reader = PdfFileReader(signed)
    assert len(reader.embedded_signatures) == 1
    signature = reader.embedded_signatures[0]
    assert signature.field_name == FIELD_NAME
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[cert]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"


def test_draft_has_no_signature_field():
    pdf, _info = document_pdf(_document(draft=True))
    assert not PdfReader(io.BytesIO(pdf)).get_fields()


def test_decomposed_input_is_printed_as_composed_text():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Khắc phục hạn chế về thủ tục")
    pdf, _info = document_pdf(_document(summary=decomposed, draft=True))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text()
    assert "Khắc phục hạn chế về thủ tục" in text
    assert unicodedata.normalize("NFC", text) == text


def test_times_new_roman_is_preferred_when_all_four_faces_are_installed(tmp_path, monkeypatch):
    from services.documents import fonts

    monkeypatch.setenv("PARDESK_TIMES_DIR", str(tmp_path))
    monkeypatch.setenv("WINDIR", str(tmp_path / "no-windows"))
    for name in fonts.TIMES_FILES[:3]:
        (tmp_path / name).write_bytes(b"")
    assert fonts._times_files() is None  # bold-italic missing: keep Liberation Serif
    (tmp_path / fonts.TIMES_FILES[3]).write_bytes(b"")
    assert fonts._times_files() == tuple(tmp_path / n for n in fonts.TIMES_FILES)
