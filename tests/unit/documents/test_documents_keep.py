"""The signature block is never alone on a page, wherever on the page the body ends.

Bodies of one-line paragraphs grow a line at a time, so the end of the text passes through
every position of pages 1 and 2; with a long last paragraph its tail must come along.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from services.documents.model import Document, Header, Heading, Paragraph, Signature
from services.documents.pdf import render_pdf

LONG = (
    "Các bộ phận chuyên môn căn cứ chức năng, nhiệm vụ được giao tổ chức triển khai thực hiện "
    "nghiêm túc, hiệu quả các nội dung của Kế hoạch; định kỳ báo cáo kết quả về Văn phòng để "
    "tổng hợp, tham mưu Ủy ban nhân dân phường chỉ đạo kịp thời. "
) * 4 + "Kết thúc"


def _document(count: int, last: str) -> Document:
    blocks = [Heading("section", "I.", "NỘI DUNG")]
    blocks += [Paragraph(f"Nội dung công việc số {i} của kế hoạch.") for i in range(count)]
    blocks.append(Paragraph(last))
    return Document(
        header=Header(body_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG DỊ SỬ"), year=2025, place="Dị Sử"),
        type_name="KẾ HOẠCH",
        summary="Kiểm tra vị trí khối chữ ký",
        blocks=tuple(blocks),
        signature=Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A", "KT. CHỦ TỊCH"),
        recipients=("Như trên", "Thường trực Đảng ủy phường"),
        archive="VT, VP",
    )


def _signature_page_lines(pdf: bytes) -> tuple[int, list[str]]:
    """The page holding "Nơi nhận:" and its body lines above that label."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for index, page in enumerate(doc.pages):
            words = page.extract_words()
            label = [w for w in words if w["text"] == "Nơi"]
            if not label:
                continue
            top = label[0]["top"]
            lines = page.extract_text_lines()
            return index, [ln["text"] for ln in lines if ln["bottom"] < top - 1 and ln["top"] > 56]
    raise AssertionError("no signature block")


@pytest.mark.parametrize("count", range(14, 52))
def test_short_last_paragraph_stays_with_the_signature(count):
    pdf, info = render_pdf(_document(count, "Đề nghị các bộ phận triển khai thực hiện"))
    index, above = _signature_page_lines(pdf)
    assert index == info.signing_page
    assert above, f"signature alone on page {index + 1}"
    assert above[-1].endswith("./.")


@pytest.mark.parametrize("count", range(14, 46, 2))
def test_tail_of_a_long_last_paragraph_stays_with_the_signature(count):
    pdf, _info = render_pdf(_document(count, LONG))
    _index, above = _signature_page_lines(pdf)
    assert len(above) >= 2, f"only {above} above the signature"
    assert above[-1].endswith("Kết thúc./.")
