"""The sample plan as the official Kế hoạch PDF, parsed back as a clerk would check it.

PDFs are rendered once per module (signing version and draft) and read with pdfplumber/pypdf.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from services.bundle import build_services
from services.documents.model import MARGIN_PRESETS
from services.documents.render import document_pdf
from services.store.db import open_database
from tests.pg import copy_database, discard_database

SAMPLE_TEXT = Path("/work/shared/sample-plan/ke-hoach-2025.txt")
SAMPLE_COPY = Path(__file__).resolve().parents[2] / "data" / "ke-hoach-2025.txt"
MM = 72 / 25.4
A4_W, A4_H = 210 * MM, 297 * MM
M = MARGIN_PRESETS["compact"]


@pytest.fixture(scope="module")
def module_services(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("docs"))
    db = open_database(target)
    yield build_services(db)
    db.dispose()
    discard_database(target)


@pytest.fixture(scope="module")
def signing_pdf(module_services) -> bytes:
    return document_pdf(module_services.documents.plan_document(2025))[0]


@pytest.fixture(scope="module")
def draft_pdf(module_services) -> bytes:
    return document_pdf(module_services.documents.plan_document(2025, draft=True))[0]


@pytest.fixture(scope="module")
def pages(signing_pdf):
    """Per page: (width, height, chars) with char positions as pdfplumber gives them."""
    with pdfplumber.open(io.BytesIO(signing_pdf)) as pdf:
        return [(p.width, p.height, list(p.chars)) for p in pdf.pages]


def body_text(pdf_bytes: bytes) -> str:
    """The text inside the margins of every page, pages joined (page numbers left out)."""
    parts = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            box = (M.left * MM - 2, M.top * MM - 2, page.width - M.right * MM + 2, page.height)
            parts.append(page.crop(box).extract_text())
    return unicodedata.normalize("NFC", "\n".join(parts))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def line_text(chars, top: float, tolerance: float = 1.0) -> str:
    return "".join(
        c["text"] for c in sorted(chars, key=lambda c: c["x0"]) if abs(c["top"] - top) < tolerance
    )


def find(chars, text: str) -> list[dict]:
    """The chars of the first line that contains ``text``."""
    for top in sorted({round(c["top"], 1) for c in chars}):
        line = [c for c in chars if abs(c["top"] - top) < 0.2]
        joined = "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
        index = joined.find(text)
        if index >= 0:
            return sorted(line, key=lambda c: c["x0"])[index : index + len(text)]
    raise AssertionError(f"“{text}” not found")


def sample_paragraphs() -> list[str]:
    source = SAMPLE_TEXT if SAMPLE_TEXT.exists() else SAMPLE_COPY
    lines = [x.strip() for x in source.read_text(encoding="utf-8").splitlines() if x.strip()]
    start = lines.index("KẾ HOẠCH") + 2
    end = lines.index("Nơi nhận:")
    return lines[start:end]


def test_fonts_are_embedded_and_named(signing_pdf):
    reader = PdfReader(io.BytesIO(signing_pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    } or all(n.startswith("TimesNewRoman") for n in names), names


def test_a4_and_no_character_outside_the_margins(pages):
    for number, (width, height, chars) in enumerate(pages, 1):
        assert (round(width), round(height)) == (round(A4_W), round(A4_H))
        for c in chars:
            if c["top"] < M.top * MM and c["text"].isdigit():
                continue  # the page number, checked on its own
            assert c["x0"] >= M.left * MM - 0.5, (number, c["text"], c["x0"])
            assert c["x1"] <= width - M.right * MM + 0.5, (number, c["text"], c["x1"])
            assert c["top"] >= M.top * MM - 0.5, (number, c["text"], c["top"])
            assert c["bottom"] <= height - M.bottom * MM + 0.5, (number, c["text"], c["bottom"])


def test_all_text_is_black(pages):
    colours = {tuple(c["non_stroking_color"] or (0,)) for _w, _h, chars in pages for c in chars}
    assert all(all(v == 0 for v in colour) for colour in colours), colours


def test_header_columns_and_number_on_the_date_line(pages):
    _w, _h, chars = pages[0]
    left_col = (M.left * MM, M.left * MM + 165 * MM * 65 / 165)
    body = find(chars, "PHƯỜNG DỊ SỬ")
    national = find(chars, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = find(chars, "Độc lập - Tự do - Hạnh phúc")
    number = find(chars, "Số:")
    date = find(chars, "Dị Sử, ngày")
    assert body[-1]["x1"] <= left_col[1] and body[0]["x0"] >= left_col[0]
    assert national[0]["x0"] >= left_col[1] and motto[0]["x0"] >= left_col[1]
    assert number[-1]["x1"] <= left_col[1] and date[0]["x0"] >= left_col[1]
    assert abs(number[0]["bottom"] - date[0]["bottom"]) < 0.5  # one line
    assert national[0]["top"] == pytest.approx(find(chars, "ỦY BAN NHÂN DÂN")[0]["top"], abs=2)
    assert all("Bold" in c["fontname"] for c in body + national + motto)
    assert not any("Bold" in c["fontname"] for c in number)
    assert all("Italic" in c["fontname"] for c in date)
    assert all(not c["fontname"].endswith("Italic") for c in motto)


def test_rules_under_motto_body_name_and_summary(signing_pdf, pages):
    _w, _h, chars = pages[0]
    with pdfplumber.open(io.BytesIO(signing_pdf)) as pdf:
        lines = pdf.pages[0].lines
    motto = find(chars, "Độc lập - Tự do - Hạnh phúc")
    motto_width = motto[-1]["x1"] - motto[0]["x0"]
    under_motto = [
        ln
        for ln in lines
        if 0 < ln["top"] - motto[0]["bottom"] < 8 and ln["x0"] > M.left * MM + 65 * MM
    ]
    assert len(under_motto) == 1
    assert under_motto[0]["x1"] - under_motto[0]["x0"] == pytest.approx(motto_width, abs=1.5)
    body = find(chars, "PHƯỜNG DỊ SỬ")
    first = find(chars, "ỦY BAN NHÂN DÂN")
    body_width = max(body[-1]["x1"] - body[0]["x0"], first[-1]["x1"] - first[0]["x0"])
    under_body = [
        ln for ln in lines if 0 < ln["top"] - body[0]["bottom"] < 8 and ln["x1"] < motto[0]["x0"]
    ]
    assert len(under_body) == 1
    assert body_width / 3 <= under_body[0]["x1"] - under_body[0]["x0"] <= body_width / 2
    summary = find(chars, "nâng cao các chỉ số cải các nền hành chính năm 2025")
    under_summary = [ln for ln in lines if 0 < ln["top"] - summary[0]["bottom"] < 8]
    assert len(under_summary) == 1
    centre = (under_summary[0]["x0"] + under_summary[0]["x1"]) / 2
    assert centre == pytest.approx(M.left * MM + 165 * MM / 2, abs=1)


def test_page_one_unnumbered_and_two_centred_in_the_top_margin(pages):
    _w, _h, first = pages[0]
    assert not [c for c in first if c["top"] < M.top * MM]
    width, _h, second = pages[1]
    in_margin = [c for c in second if c["bottom"] < M.top * MM]
    assert "".join(c["text"] for c in in_margin) == "2"
    centre = (in_margin[0]["x0"] + in_margin[0]["x1"]) / 2
    assert centre == pytest.approx(width / 2, abs=0.5)
    assert in_margin[0]["size"] == pytest.approx(14, abs=0.1)
    for number, (_w, _h, chars) in enumerate(pages[2:], 3):
        assert "".join(c["text"] for c in chars if c["bottom"] < M.top * MM) == str(number)


def test_summary_line_bold_in_sentence_case_not_capitals(pages):
    _w, _h, chars = pages[0]
    summary = find(chars, "Khắc phục những tồn tại")
    assert all("Bold" in c["fontname"] for c in summary)
    assert find(chars, "KẾ HOẠCH")


def test_blank_number_and_day_in_the_version_for_signing(pages):
    _w, _h, chars = pages[0]
    number = find(chars, "Số:")[0]
    line = line_text(chars, number["top"])
    assert re.search(r"Số:\s*/KH-UBND", line), line
    date = find(chars, "Dị Sử, ngày")
    assert re.search(r"Dị Sử, ngày\s+tháng 12 năm 2024", line_text(chars, date[0]["top"]))


def test_closing_mark_ends_the_last_paragraph(signing_pdf):
    text = body_text(signing_pdf)
    before_recipients = squeeze(text.split("Nơi nhận:")[0])
    assert before_recipients.endswith("nghiêmtúctổchứctriểnkhaithựchiện./."), before_recipients[
        -60:
    ]
    assert squeeze(text).count("./.") == 1


def test_every_paragraph_of_the_sample_plan_in_order(signing_pdf):
    text = squeeze(body_text(signing_pdf))
    position = 0
    for paragraph in sample_paragraphs():
        found = text.find(squeeze(paragraph), position)
        assert found >= 0, paragraph[:80]
        position = found + len(squeeze(paragraph))


def test_header_signature_and_recipients_from_the_organisation(signing_pdf):
    text = body_text(signing_pdf)
    last_page = text.split("Nơi nhận:")[1]
    for expected in (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Đức Thắng",
        "- TT Đảng ủy, HĐND;",
        "- Cán bộ, công chức phường;",
        "- Lưu: VT, VP.",
    ):
        assert expected in last_page
    assert "Lưu: VP./." not in text


def test_recipients_label_and_list_sizes(pages):
    _w, _h, chars = pages[-1]
    label = find(chars, "Nơi nhận:")
    assert all(
        c["fontname"].endswith("BoldItalic") and c["size"] == pytest.approx(12) for c in label
    )
    authority = find(chars, "TM. ỦY BAN NHÂN DÂN")
    assert abs(label[0]["bottom"] - authority[0]["bottom"]) < 1  # level with the first line
    archive = find(chars, "- Lưu: VT, VP.")
    assert all(c["size"] == pytest.approx(11) for c in archive)
    assert label[0]["x0"] == pytest.approx(M.left * MM, abs=0.5)


def test_draft_mark_only_on_the_draft(draft_pdf, signing_pdf):
    with pdfplumber.open(io.BytesIO(draft_pdf)) as pdf:
        assert "DỰ THẢO" in unicodedata.normalize("NFC", pdf.pages[0].extract_text())
        assert not pdf.pages[0].annots or all(
            a.get("data", {}).get("FT") != "/Sig" for a in pdf.pages[0].annots
        )
    assert "DỰ THẢO" not in body_text(signing_pdf)
    with pdfplumber.open(io.BytesIO(signing_pdf)) as pdf:
        assert "DỰ THẢO" not in unicodedata.normalize("NFC", pdf.pages[0].extract_text())
    assert "/Sig" not in str(PdfReader(io.BytesIO(draft_pdf)).trailer["/Root"].get("/AcroForm", ""))


def test_official_margin_preset_keeps_every_character_inside(module_services):
    from dataclasses import replace

    document = replace(module_services.documents.plan_document(2025), margins="official")
    pdf, _info = document_pdf(document)
    m = MARGIN_PRESETS["official"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            body = [c for c in page.chars if not (c["top"] < m.top * MM and c["text"].isdigit())]
            assert min(c["x0"] for c in body) >= m.left * MM - 0.5
            assert max(c["x1"] for c in body) <= page.width - m.right * MM + 0.5
            assert min(c["top"] for c in body) >= m.top * MM - 0.5
            assert max(c["bottom"] for c in body) <= page.height - m.bottom * MM + 0.5
        national = find(doc.pages[0].chars, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national[0]["size"] == pytest.approx(12)  # 13 pt would not fit the 155 mm width


def _lines_of(chars) -> list[list[dict]]:
    rows: dict[float, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["bottom"], 0), []).append(c)
    return [sorted(v, key=lambda c: c["x0"]) for _k, v in sorted(rows.items())]


def test_body_is_justified_one_size_with_a_one_centimetre_indent(pages):
    width, _h, chars = pages[0]
    left, right = M.left * MM, width - M.right * MM
    lines = [ln for ln in _lines_of(chars) if "".join(c["text"] for c in ln).strip()]
    opening = next(
        i for i, ln in enumerate(lines) if "".join(c["text"] for c in ln).startswith("Căn cứ")
    )
    end = next(i for i, ln in enumerate(lines) if "".join(c["text"] for c in ln).endswith("sau:"))
    paragraph = lines[opening : end + 1]
    assert len(paragraph) >= 5
    assert paragraph[0][0]["x0"] == pytest.approx(left + 28.35, abs=0.5)
    for line in paragraph[1:]:
        assert line[0]["x0"] == pytest.approx(left, abs=0.5)
    for line in paragraph[:-1]:
        assert line[-1]["x1"] == pytest.approx(right, abs=1.0)  # justified to the right margin
    assert paragraph[-1][-1]["x1"] < right - 50  # the last line stays ragged
    for _w, _h, page_chars in pages[1:-1]:  # body pages: one size, page number included
        assert {round(c["size"], 1) for c in page_chars} == {14.0}
    header_bottom = find(chars, "Số:")[0]["bottom"]
    below_header = [c for c in chars if c["top"] > header_bottom + 1]
    assert {round(c["size"], 1) for c in below_header} == {14.0}


def test_signer_name_and_authority_bold(pages):
    _w, _h, chars = pages[-1]
    for text in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Đức Thắng"):
        assert all(c["fontname"].endswith("-Bold") for c in find(chars, text) if c["text"].strip())
