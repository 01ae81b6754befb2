"""The quarterly disclosure list and the year's disclosure report as Decree 30 PDFs, read back.

One database per module: a 2026 plan with the Q2 budget execution posted at two of three
places and CK01 on the website only; the PDFs are rendered once and parsed with pdfplumber
and pypdf as a clerk (or the Sở Nội vụ) would check them.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from main import main
from services.bundle import build_services
from services.disclosure.documents import cell_text
from services.disclosure.service import DisclosureDraft, PostingDraft
from services.documents.render import document_pdf
from services.store.db import open_database
from tests.pg import copy_database, discard_database

TODAY = date(2026, 5, 15)


@pytest.fixture(scope="module")
def module_db(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("disclosure-pdf"))
    db = open_database(target)
    services = build_services(db)
    services.disclosure.today = lambda: TODAY
    service = services.disclosure
    groups = [services.disclosure_setup.add_group(f"Tổ dân phố {n}") for n in (1, 2)]
    service.generate_plan(2026)
    rows = service.disclosures(2026)
    q1 = next(r for r in rows if r.item_code == "CK02C" and r.period == "03 tháng")
    for form, gid in (
        ("TRANG_TTDT", None),
        ("NIEM_YET_TRU_SO", None),
        ("NIEM_YET_NVH_TDP", groups[0].id),
    ):
        service.add_posting(
            PostingDraft(
                q1.id, form, date(2026, 4, 3), gid, date(2026, 5, 4), evidence_note="BB số 01"
            )
        )
    ck01 = next(r for r in rows if r.item_code == "CK01")
    service.update_disclosure(
        ck01.id,
        DisclosureDraft(
            "CK01", 2026, trigger_document="Nghị quyết 05/NQ-HĐND", trigger_date=date(2026, 1, 8)
        ),
    )
    service.add_posting(PostingDraft(ck01.id, "TRANG_TTDT", date(2026, 1, 9)))
    yield target, services
    db.dispose()
    discard_database(target)


@pytest.fixture(scope="module")
def services(module_db):
    return module_db[1]


@pytest.fixture(scope="module")
def quarter_pdf(services) -> bytes:
    return document_pdf(services.disclosure_documents.quarterly_document(2026, 2))[0]


@pytest.fixture(scope="module")
def report_pdf(services) -> bytes:
    return document_pdf(services.disclosure_documents.report_document(2026))[0]


def pages_of(pdf: bytes) -> list[tuple[float, float, str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            (p.width, p.height, unicodedata.normalize("NFC", p.extract_text() or ""))
            for p in doc.pages
        ]


def table_rows(pdf: bytes) -> list[list[str]]:
    """Every ruled-table row of the landscape pages, cells as one line of text each."""
    rows = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if page.width < page.height:
                continue
            for table in page.extract_tables():
                for row in table:
                    rows.append([flat(unicodedata.normalize("NFC", c or "")) for c in row])
    return rows


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            inner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in inner["/FontDescriptor"].get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


# ----- the quarterly list ------------------------------------------------------------------


def test_quarterly_list_is_a_notice_with_its_rows_in_a_landscape_annex(quarter_pdf):
    pages = pages_of(quarter_pdf)
    (w1, h1, first), *annex = pages
    assert w1 < h1  # the notice itself is portrait
    body = flat(first)
    assert "THÔNG BÁO" in body
    assert "Danh sách các nội dung đã công khai quý II năm 2026" in body
    assert "từ ngày 01/04/2026 đến ngày 30/06/2026" in body and "gồm 3 lượt nội dung" in body
    assert "Nơi nhận:" in body and "- Lưu: VT, VP." in body
    assert annex and all(w > h for w, h, _t in annex)  # the list: landscape annex pages
    table = flat(" ".join(t for _w, _h, t in annex))
    assert "Phụ lục" in table and "DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI QUÝ II NĂM 2026" in table
    assert "(Kèm theo Thông báo số" in table
    rows = table_rows(quarter_pdf)
    assert rows[0][:3] == ["STT", "Nội dung công khai", "Văn bản căn cứ"]
    body_rows = [r for r in rows if r[0].isdigit()]
    assert [r[0] for r in body_rows] == ["1", "2", "3"]
    first = body_rows[0]
    assert (
        first[1]
        == "Tình hình thực hiện dự toán ngân sách cấp xã 03, 06, 09 tháng và năm (03 tháng)"
    )
    assert first[2] == "Hết 03 tháng ngày 31/03/2026"
    assert [r[3] for r in body_rows] == [
        "Niêm yết tại trụ sở HĐND, UBND",
        "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng ở thôn, tổ dân phố",
        "Đăng trên trang thông tin điện tử của UBND",
    ]
    assert body_rows[1][4] == "Tổ dân phố 1"
    assert {(r[5], r[6], r[7]) for r in body_rows} == {("03/04/2026", "04/05/2026", "BB số 01")}
    # CK01 was posted in Q1: not in the Q2 list.
    assert "Nghị quyết 05/NQ-HĐND" not in table


def test_fonts_are_embedded_and_never_helvetica(quarter_pdf, report_pdf):
    for pdf in (quarter_pdf, report_pdf):
        names = font_names(pdf)
        assert names and all("Helvetica" not in n for n in names), names
        assert all(n.startswith(("LiberationSerif", "TimesNewRoman")) for n in names), names
        assert b"Helvetica" not in pdf


def test_date_line_leaves_the_day_blank_and_follows_decree_30(services):
    documents = services.disclosure_documents
    may = pages_of(document_pdf(documents.quarterly_document(2026, 2))[0])[0][2]
    assert re.search(r"Dị Sử, ngày\s+tháng 5 năm 2026", may)  # month ≥ 3: no leading zero
    assert "Số: /TB-UBND" in re.sub(r"\s+", " ", may.replace("\u00a0", " "))
    january = documents.quarterly_document(2026, 2, today=date(2027, 1, 6))
    text = pages_of(document_pdf(january)[0])[0][2]
    assert re.search(r"Dị Sử, ngày\s+tháng 01 năm 2027", text)  # January and February: 01, 02
    with pdfplumber.open(io.BytesIO(document_pdf(january)[0])) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
    place = next(w for w in words if w["text"] == "Sử,")
    date_line = [w for w in words if abs(w["top"] - place["top"]) < 1 and w["x0"] >= place["x0"]]
    date_words = [w for w in date_line if w["text"] in ("ngày", "tháng", "năm")]
    assert len(date_words) == 3 and date_line[-1]["text"] == "2027"
    assert all("Italic" in w["fontname"] and "Bold" not in w["fontname"] for w in date_words)


def test_an_empty_quarter_says_so_instead_of_an_empty_table(services):
    pdf = document_pdf(services.disclosure_documents.quarterly_document(2026, 3))[0]
    text = flat(" ".join(t for _w, _h, t in pages_of(pdf)))
    assert "trong quý không có nội dung nào bắt đầu công khai" in text
    assert "Trong quý không có nội dung nào bắt đầu công khai." in text


# ----- the year's report -------------------------------------------------------------------


def test_year_report_body_figures_match_the_score(services, report_pdf):
    score = services.disclosure.score(2026)
    pages = pages_of(report_pdf)
    first_wide = next(i for i, (w, h, _t) in enumerate(pages) if w > h)
    body = flat(" ".join(t for _w, _h, t in pages[:first_wide]))
    assert "BÁO CÁO" in body and "Kết quả thực hiện công khai thông tin năm 2026" in body
    assert "Kính gửi: Hội đồng nhân dân phường Dị Sử" in body
    assert "khoản 3 Điều 14 Luật Thực hiện dân chủ ở cơ sở" in body
    overall = score.overall
    assert (
        f"có {overall.assessable} nơi phải công khai đã đến hạn, trong đó đạt {overall.met} nơi "
        f"(tỷ lệ {overall.percent_text})" in body
    )
    assert "Ngân sách, tài chính, tài sản công: đạt" in body
    # CK01 was posted on the website only: named among the shortcomings.
    assert "II. TỒN TẠI, HẠN CHẾ" in body and "Chưa công khai" in body
    assert "- Như trên;" in body and "Ủy ban MTTQ Việt Nam phường" in body


def test_year_report_annexes_landscape_with_the_header_on_every_page(report_pdf):
    pages = pages_of(report_pdf)
    wide = [t for w, h, t in pages if w > h]
    assert len(wide) >= 2, "the report table should run onto several landscape pages"
    assert "Phụ lục I" in wide[0] and "KẾT QUẢ THỰC HIỆN CÔNG KHAI THÔNG TIN NĂM 2026" in wide[0]
    for text in wide:  # the header row is repeated on each page the table runs onto
        assert "Nội dung công khai" in text and "Tồn tại" in text
    lines = [r for r in table_rows(report_pdf) if r[0].isdigit()]
    rows = {r[1]: r for r in lines}
    # (pdfplumber splits a few words of a wrapped cell; compare without spaces)
    assert squeeze(rows["CK01"][3]) == squeeze("Nghị quyết 05/NQ-HĐND ngày 08/01/2026")
    assert rows["CK01"][4] == "08/01/2026" and rows["CK01"][10] == "Quá hạn, chưa công khai"
    q1 = next(r for r in lines if r[1] == "CK02C" and "(03 tháng)" in r[2])
    assert q1[9] == "75,0%" and "Tổ dân phố 2" in q1[11]
    last_wide = max(i for i, (w, h, _t) in enumerate(pages) if w > h)
    summary = flat(" ".join(t for _w, _h, t in pages[last_wide + 1 :]))
    assert "TỶ LỆ THỰC HIỆN CÔNG KHAI ĐÚNG QUY ĐỊNH NĂM 2026" in summary
    assert "Cả năm" in summary and "Tổ dân phố 1" in summary


def test_cells_print_dates_ratios_and_several_lines():
    assert cell_text(date(2026, 1, 8), "date") == "08/01/2026"
    assert cell_text(0.8888, "percent") == "88,9%"
    assert cell_text(None, "percent") == "–"
    assert cell_text("a: hết hạn.\nb: gỡ sớm.", "text") == "a: hết hạn; b: gỡ sớm."


# ----- the command line --------------------------------------------------------------------


def test_cli_writes_the_quarterly_list(module_db, tmp_path, capsys):
    path, _services = module_db
    out = tmp_path / "danh-sach-q2.pdf"
    code = main(
        ["pdf", "disclosure", "--year", "2026", "--quarter", "2", "-o", str(out), "--db", str(path)]
    )
    assert code == 0, capsys.readouterr().err
    assert "Đã ghi danh sách công khai quý 2 năm 2026" in capsys.readouterr().out
    text = flat(" ".join(t for _w, _h, t in pages_of(out.read_bytes())))
    assert "DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI QUÝ II NĂM 2026" in text


def test_cli_without_a_quarter_writes_the_year_report(module_db, tmp_path, capsys):
    path, _services = module_db
    out = tmp_path / "bao-cao.pdf"
    assert main(["pdf", "disclosure", "--year", "2026", "-o", str(out), "--db", str(path)]) == 0
    assert "Báo cáo" not in capsys.readouterr().err
    assert "Kính gửi: Hội đồng nhân dân" in flat(pages_of(out.read_bytes())[0][2])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2026", "--quarter", "5", "-o", "x.pdf"], "Quý “5” không hợp lệ"),
        (["--year", "2026", "--quarter", "2", "-o", "x.docx"], "phải có đuôi .pdf"),
        (
            ["--year", "2031", "--quarter", "1", "-o", "x.pdf"],
            "Năm 2031 chưa có kế hoạch công khai",
        ),
    ],
)
def test_cli_bad_input_is_refused_in_vietnamese(module_db, tmp_path, capsys, args, message):
    path, _services = module_db
    args = [a if a not in ("x.pdf", "x.docx") else str(tmp_path / a) for a in args]
    assert main(["pdf", "disclosure", *args, "--db", str(path)]) == 1
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_cli_missing_database_is_refused(tmp_path, capsys):
    missing = tmp_path / "khong-co.sqlite"
    out = tmp_path / "x.pdf"
    code = main(
        ["pdf", "disclosure", "--year", "2026", "--quarter", "1", "-o", str(out)]
        + [
            "--db",
            str(missing),
        ]
    )
    assert code == 1
    assert "Không có tệp dữ liệu" in capsys.readouterr().err
    assert not missing.exists() and not out.exists()


def test_pdf_group_keeps_plan_and_report_beside_disclosure(capsys):
    from ui.cli import parse

    for argv in (
        ["pdf", "plan", "--year", "2025", "-o", "k.pdf"],
        ["pdf", "report", "--year", "2025", "--period", "Q3", "-o", "b.pdf"],
        ["pdf", "disclosure", "--year", "2025", "--quarter", "3", "-o", "d.pdf"],
    ):
        assert parse(argv).pdf_command == argv[1]
    with pytest.raises(SystemExit):
        parse(["pdf", "disclosure", "--year", "2025", "--quarter", "ba", "-o", "d.pdf"])
    assert "Lỗi cú pháp lệnh" in capsys.readouterr().err
