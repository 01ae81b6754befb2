"""The legal lists, the systematisation report and the review form as PDFs, parsed back.

One database with ``tests.legal_pdf_world`` is built per module and each document rendered
once; the tests read the PDFs with pdfplumber/pypdf as a clerk would check them.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

import main
from services.bundle import build_services
from services.documents.render import document_pdf
from services.errors import UserError
from services.store.db import open_database
from tests.legal_pdf_world import World, build_world
from tests.pg import copy_database, discard_database

TODAY = date(2026, 1, 12)
KINDS = ("expired", "in-force", "expired-whole", "expired-part", "to-amend")
FONTS = {
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
}


@pytest.fixture(scope="module")
def world_db(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("legal-pdf"))
    db = open_database(target)
    services = build_services(db)
    world = build_world(services)
    yield target, services, world
    db.dispose()
    discard_database(target)


@pytest.fixture(scope="module")
def world(world_db) -> World:
    return world_db[2]


@pytest.fixture(scope="module")
def svc(world_db):
    return world_db[1]


@pytest.fixture(scope="module")
def pdfs(svc, world) -> dict[str, bytes]:
    printing = svc.legal_documents
    made = {k: document_pdf(printing.list_document(k, 2025, today=TODAY))[0] for k in KINDS}
    made["report"] = document_pdf(printing.cycle_report_document(world.cycle_id, today=TODAY))[0]
    made["form"] = document_pdf(printing.review_form_document(world.review_id, today=TODAY))[0]
    return made


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", _nfc(text))


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [flat(p.extract_text()) for p in doc.pages]


def annex_tables(pdf: bytes) -> list[list[list[str]]]:
    """Per landscape page, its table rows (cells NFC, whitespace squeezed)."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if page.width <= page.height:
                continue
            rows = [
                [flat(c) if c is not None else None for c in row]
                for table in page.extract_tables()
                for row in table
            ]
            pages.append(rows)
    return pages


def data_rows(pages: list[list[list[str]]]) -> list[list[str]]:
    """Rows that are neither the header row nor a group heading (one cell spanning)."""
    return [r for rows in pages for r in rows if r[0] != "STT" and r[1] is not None]


def number_of(cell: str) -> str:
    return cell.split(" ngày ")[0]


@pytest.mark.parametrize("name", [*KINDS, "report", "form"])
def test_fonts_are_embedded_and_never_helvetica(pdfs, name):
    names = set()
    for page in PdfReader(io.BytesIO(pdfs[name])).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert not any("Helvetica" in n for n in names)
    assert names <= FONTS or all(n.startswith("TimesNewRoman") for n in names), names


def test_yearly_list_is_published_by_a_decision_with_its_rows_in_order(pdfs):
    pdf = pdfs["expired"]
    texts = page_texts(pdf)
    cover = texts[0]
    assert "QUYẾT ĐỊNH" in cover and "QUYẾT ĐỊNH:" in cover
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG DỊ SỬ" in cover
    assert (
        "Công bố Danh mục văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân "
        "phường Dị Sử hết hiệu lực, tạm ngưng hiệu lực toàn bộ hoặc một phần năm 2025"
    ) in cover
    assert "gồm 3 văn bản" in cover
    rows = data_rows(annex_tables(pdf))
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert [number_of(r[2]) for r in rows] == [
        "01/2020/QĐ-UBND",
        "02/2021/NQ-HĐND",
        "05/2022/QĐ-UBND",
    ]
    assert rows[0][5] == "Bị thay thế bởi Quyết định số 12/2025/QĐ-UBND"
    assert rows[1][4] == "Một phần: Điều 3; Khoản 2 Điều 5"
    assert [r[6] for r in rows] == ["01/07/2025", "01/01/2024", "01/03/2023"]


def test_decision_page_portrait_then_landscape_annex_numbered_from_one(pdfs):
    with pdfplumber.open(io.BytesIO(pdfs["in-force"])) as doc:
        shapes = [p.width > p.height for p in doc.pages]
        first = shapes.index(True)
        assert first >= 1 and not any(shapes[:first]) and all(shapes[first:])
        assert len(shapes) - first >= 2  # 33 documents run over several pages
        for number, page in enumerate(doc.pages[first:], 1):
            top = page.crop((0, 0, page.width, 20 * 72 / 25.4)).extract_text().strip()
            assert top == ("" if number == 1 else str(number))


def test_wide_list_repeats_its_header_row_and_keeps_every_row_in_order(pdfs, svc, world):
    pages = annex_tables(pdfs["in-force"])
    header = pages[0][0]
    assert header[:4] == [
        "STT",
        "Tên loại văn bản",
        "Số, ký hiệu; ngày, tháng, năm ban hành",
        "Tên gọi của văn bản (trích yếu)",
    ]
    assert all(rows[0] == header for rows in pages)  # repeated on every annex page
    groups = [r[0] for rows in pages for r in rows if r[1] is None]
    assert groups == [
        "I. LĨNH VỰC ĐẤT ĐAI",
        "II. LĨNH VỰC TÀI CHÍNH",
        "III. LĨNH VỰC TƯ PHÁP",
        "IV. LĨNH VỰC VĂN HÓA – XÃ HỘI",
    ]
    rows = data_rows(pages)
    expected = svc.legal_cycles.cycle_lists(world.cycle_id)[2].rows
    assert len(rows) == len(expected) == 33
    assert [r[0] for r in rows] == [str(n) for n in range(1, 34)]
    assert [number_of(r[2]) for r in rows] == [str(e[2]).split("\n")[0] for e in expected]
    assert rows[1][5] == "Hết hiệu lực một phần: Điều 3; Khoản 2 Điều 5"


def test_date_line_number_and_annex_reference_left_blank_for_the_office(pdfs):
    texts = page_texts(pdfs["expired"])
    assert re.search(r"Số: /QĐ-UBND Dị Sử, ngày tháng 01 năm 2026", texts[0]), texts[0][:300]
    assert (
        "(Kèm theo Quyết định số /QĐ-UBND ngày tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân "
        "phường Dị Sử)"
    ) in texts[1]


def test_decision_is_signed_by_the_chairman_not_for_the_committee(pdfs):
    text = " ".join(page_texts(pdfs["expired"]))
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Nguyễn Đức Thắng" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    assert "- Như Điều 3;" in text and "- Lưu: VT, VP." in text
    assert text.count("./.") == 1


def test_bases_follow_the_regime_of_the_signing_date(svc):
    before = document_pdf(
        svc.legal_documents.list_document("expired", 2024, today=date(2025, 2, 3))
    )
    text = " ".join(page_texts(before[0]))
    assert "Căn cứ Nghị định số 34/2016/NĐ-CP" in text and "79/2025" not in text
    assert "ngày tháng 02 năm 2025" in text  # February keeps its leading zero
    after = " ".join(
        page_texts(document_pdf(svc.legal_documents.list_document("expired", 2025, today=TODAY))[0])
    )
    assert "Căn cứ Nghị định số 79/2025/NĐ-CP" in after and "187/2025/NĐ-CP" in after


@pytest.mark.parametrize(
    ("kind", "index", "count"),
    [("expired-whole", 0, 1), ("expired-part", 1, 1), ("in-force", 2, 33), ("to-amend", 3, 1)],
)
def test_each_cycle_list_prints_the_rows_of_the_screen(pdfs, svc, world, kind, index, count):
    legal_list = svc.legal_cycles.cycle_lists(world.cycle_id)[index]
    cover = page_texts(pdfs[kind])[0]
    assert f"{legal_list.title.split(' văn bản ')[1][:20]}" in cover
    assert (
        "kỳ hệ thống hóa 2024-2028" in cover and "thời điểm hệ thống hóa ngày 31/12/2028" in cover
    )
    assert f"gồm {count} văn bản" in cover
    pages = annex_tables(pdfs[kind])
    rows = data_rows(pages)
    assert [number_of(r[2]) for r in rows] == [str(r[2]).split("\n")[0] for r in legal_list.rows]
    assert pages[0][0] == [c.title for c in legal_list.columns]


def test_to_amend_list_gives_the_proposal_and_assigns_the_handling(pdfs):
    text = " ".join(page_texts(pdfs["to-amend"]))
    assert "Điều 2. Giao các cơ quan, đơn vị chủ trì soạn thảo" in text
    (row,) = data_rows(annex_tables(pdfs["to-amend"]))
    assert row[4] == "Sửa đổi, bổ sung" and row[7] == "30/09/2025" and row[8] == "Chưa xử lý"


def test_systematisation_report_has_figures_and_the_four_lists_as_annexes(pdfs):
    pdf = pdfs["report"]
    texts = page_texts(pdf)
    whole = " ".join(texts)
    assert "BÁO CÁO" in texts[0] and "Kính gửi: Sở Tư pháp." in texts[0]
    assert "Tổng số văn bản thuộc đối tượng hệ thống hóa: 34 văn bản" in whole
    assert "c) Danh mục văn bản còn hiệu lực: 33 văn bản (Phụ lục III)." in whole
    assert "TM. ỦY BAN NHÂN DÂN" in whole
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        starts = [
            flat(p.extract_text())
            for p in doc.pages
            if p.width > p.height and "Kèm theo Báo cáo số" in flat(p.extract_text())
        ]
    assert [" ".join(t.split(" ")[:3]) for t in starts] == [
        "Phụ lục I",
        "Phụ lục II",
        "Phụ lục III",
        "Phụ lục IV",
    ]
    assert "DANH MỤC VĂN BẢN CÒN HIỆU LỰC KỲ HỆ THỐNG HÓA 2024-2028" in starts[2]


def test_review_form_is_dated_on_the_review_without_number_or_recipients(pdfs):
    (text,) = page_texts(pdfs["form"])
    assert "PHIẾU RÀ SOÁT VĂN BẢN" in text
    assert "Dị Sử, ngày 20 tháng 4 năm 2025" in text
    assert "Số:" not in text and "Nơi nhận" not in text and "./." not in text
    assert "NGƯỜI RÀ SOÁT" in text and "Nguyễn Thị Lan" in text
    (row,) = data_rows(annex_tables_portrait(pdfs["form"]))
    assert row[:2] == ["1", "Điều 4"] and row[4] == "Sửa đổi, bổ sung"


def annex_tables_portrait(pdf: bytes) -> list[list[list[str]]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            [
                [flat(c) if c is not None else None for c in row]
                for t in p.extract_tables()
                for row in t
            ]
            for p in doc.pages
        ]


def test_docx_twin_keeps_group_rows_spanning(svc):
    import docx

    from services.documents.docx import document_docx

    word = docx.Document(
        io.BytesIO(document_docx(svc.legal_documents.list_document("in-force", 2025, today=TODAY)))
    )
    table = word.tables[-1]
    group = [c.text for c in table.rows[1].cells]
    assert group == ["I. LĨNH VỰC ĐẤT ĐAI"] * len(group)  # one merged cell across the row
    assert any("Điều 1." == r.text.strip() and r.bold for p in word.paragraphs for r in p.runs)


def test_unknown_kind_and_year_without_data_are_refused_in_vietnamese(svc):
    with pytest.raises(UserError, match="Loại danh mục “amend” không có"):
        svc.legal_documents.list_document("amend", 2025)
    with pytest.raises(UserError, match="Năm 2022 không có văn bản nào hết hiệu lực"):
        svc.legal_documents.list_document("expired", 2022)
    with pytest.raises(UserError, match="Năm 2019 không thuộc kỳ hệ thống hóa nào"):
        svc.legal_documents.list_document("in-force", 2019)


# ----- command line ------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_cli_prints_each_kind(world_db, data_folder, tmp_path, capsys, kind):
    path, svc_, _world = world_db
    out = tmp_path / f"{kind}.pdf"
    argv = ["pdf", "legal-list", "--kind", kind, "--year", "2025", "-o", str(out)]
    assert main.main([*argv, "--db", str(path)]) == 0
    assert f"Đã ghi {out}" in capsys.readouterr().out
    expected = svc_.legal_documents.list_for(kind, 2025)[0]
    pdf = out.read_bytes()
    cover = page_texts(pdf)[0]
    today = date.today()
    assert f"tháng {today.month:02d} năm {today.year}" in cover or (
        f"tháng {today.month} năm {today.year}" in cover
    )
    rows = data_rows(annex_tables(pdf))
    assert [number_of(r[2]) for r in rows] == [str(r[2]).split("\n")[0] for r in expected.rows]


@pytest.mark.parametrize(
    ("kind", "year", "message"),
    [
        ("repealed", "2025", "Loại danh mục “repealed” không có; chọn một trong: expired, "),
        ("expired", "2022", "Năm 2022 không có văn bản nào hết hiệu lực, tạm ngưng hiệu lực"),
        ("to-amend", "2019", "Năm 2019 không thuộc kỳ hệ thống hóa nào"),
    ],
)
def test_cli_refuses_bad_input_in_vietnamese_and_writes_nothing(
    world_db, data_folder, tmp_path, capsys, kind, year, message
):
    out = tmp_path / "x.pdf"
    argv = ["--db", str(world_db[0]), "pdf", "legal-list", "--kind", kind, "--year", year]
    assert main.main([*argv, "-o", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_legal_list_joins_the_shared_pdf_group():
    from ui.cli import build_parser

    group = build_parser()._subparsers._group_actions[0].choices["pdf"]
    assert set(group._pardesk_sub.choices) >= {"plan", "report", "legal-list"}


def test_an_empty_cycle_list_is_not_printed(empty_services, register):
    cycle = empty_services.legal_cycles.create_cycle(
        "2019-2023", date(2019, 1, 1), date(2023, 12, 31)
    )
    printing = empty_services.legal_documents
    assert printing.cycle_for_year(2021).id == cycle.id
    with pytest.raises(UserError, match="kỳ hệ thống hóa 2019-2023 không có văn bản nào"):
        printing.list_document("to-amend", 2021)
    # The in-force list of the same cycle has rows, and prints.
    document = printing.list_document("in-force", 2023, today=TODAY)
    (annex,) = document.annexes
    assert annex.landscape and len(annex.blocks[0].rows) > 0
