"""PDFs of the scores feature, through the document engine, parsed back.

"Báo cáo tự đánh giá, chấm điểm" (service and `main.py pdf scores`) and the evidence pack's
PDF index (danh mục tài liệu kiểm chứng) beside its xlsx twin.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from main import main
from services.scores.arithmetic import fmt

SERIF = {
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
}


@pytest.fixture
def par(services):
    """PAR 2024 appraised (three criteria lost points), 2025 copied and partly self-scored."""
    last = services.frameworks.load_template("PAR", 2024)
    leaves = [r for r in services.frameworks.criteria(last.id) if r.is_leaf and not r.adjustment]
    values = {r.code: r.max_points for r in leaves}
    values.update({"PAR.2.1": 1.0, "PAR.3.4": 1.5, "PAR.6.2": 2.5})
    services.assessments.set_scores(last.id, "appraised", values)
    services.frameworks.set_result(last.id, 7, 20, "Khá")
    this = services.frameworks.copy_to_year(last.id, 2025)
    leaves = [r for r in services.frameworks.criteria(this.id) if r.is_leaf and not r.adjustment]
    scores = {r.code: r.max_points for r in leaves[: len(leaves) // 2]}
    scores["PAR.1.1.1"] = 0.5
    services.assessments.set_scores(this.id, "self", scores)
    leaf = next(r for r in leaves if r.code == "PAR.1.1.1")
    services.assessments.set_explanation(leaf.id, "Ban hành chậm 5 ngày.")
    return last, this


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [unicodedata.normalize("NFC", p.extract_text() or "") for p in doc.pages]


def _annex(pdf: bytes) -> tuple[int, list[list[str]]]:
    """Index of the annex's first page and its table rows (header rows dropped)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        start = next(i for i, p in enumerate(doc.pages) if p.width > p.height)
        first = unicodedata.normalize("NFC", doc.pages[start].extract_text() or "")
        assert first.startswith("Phụ lục\n"), first[:80]
        annex = doc.pages[start:]
        assert all(p.width > p.height for p in annex), "annex pages are landscape"
        assert all(p.width < p.height for p in doc.pages[:start]), "body pages are portrait"
        rows = []
        for page in annex:
            for table in page.extract_tables():
                for row in table[1:]:  # the repeated header row
                    rows.append(
                        [
                            unicodedata.normalize("NFC", re.sub(r"\s+", " ", c or "")).strip()
                            for c in row
                        ]
                    )
    return start, rows


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_score_report_lists_every_criterion_with_the_services_totals(
    services, par, db_path, tmp_path, capsys
):
    _last, this = par
    target = tmp_path / "bao-cao-par-2025.pdf"
    code = main(
        [
            "pdf",
            "scores",
            "--index",
            "par",
            "--year",
            "2025",
            "-o",
            str(target),
            "--db",
            str(db_path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "Đã ghi Báo cáo tự đánh giá, chấm điểm PAR năm 2025" in capsys.readouterr().out
    pdf = target.read_bytes()
    board = services.assessments.scoreboard(this.id)
    flat = re.sub(r"\s+", " ", "\n".join(_pages(pdf)))
    assert "BÁO CÁO" in flat and "Tự đánh giá, chấm điểm Chỉ số CCHC (PAR INDEX) năm 2025" in flat
    assert (
        f"là {fmt(board.total_self)}/{fmt(board.total_max)} điểm, đạt {fmt(board.percent_self)}%, "
        f"tự xếp loại {board.band_self}" in flat
    )
    assert "Năm 2024, kết quả thẩm định đạt 96/100 điểm" in flat and "xếp thứ 7/20" in flat
    # Gaps, largest first (PAR.3.4 lost 2.5 before PAR.2.1 lost 1).
    assert flat.index("PAR.3.4") < flat.index("PAR.2.1 ") < flat.index("PAR.6.2")

    start, rows = _annex(pdf)
    codes = [r[0] for r in rows if r[0]]
    assert codes == [line.criterion.code for line in board.lines]  # all, in tree order
    by_code = {r[0]: r for r in rows if r[0]}
    parent = board.line("PAR.1")
    assert by_code["PAR.1"][2:5] == [
        fmt(parent.max),
        fmt(parent.last_appraised),
        fmt(parent.self_score),
    ]
    assert by_code["PAR.1.1.1"][4] == "0,5" and by_code["PAR.1.1.1"][6] == "Ban hành chậm 5 ngày."
    total = next(r for r in rows if r[1] == "TỔNG ĐIỂM")
    assert total[2:5] == [fmt(board.total_max), fmt(board.last_total), fmt(board.total_self)]
    percent = next(r for r in rows if r[1] == "Tỷ lệ đạt (%)")
    assert percent[4] == fmt(board.percent_self)
    band = next(r for r in rows if r[1] == "Xếp loại")
    assert band[3:5] == [board.band_last, board.band_self]

    fonts = _fonts(pdf)
    assert not any("Helvetica" in f for f in fonts), fonts
    assert fonts <= SERIF or all(f.startswith("TimesNewRoman") for f in fonts), fonts
    assert start >= 1


def test_pdf_scores_for_a_missing_framework_fails_in_vietnamese(db_path, tmp_path, capsys):
    target = tmp_path / "x.pdf"
    code = main(
        [
            "pdf",
            "scores",
            "--index",
            "PAPI",
            "--year",
            "2031",
            "-o",
            str(target),
            "--db",
            str(db_path),
        ]
    )
    assert code == 1
    assert "Chưa có bộ tiêu chí PAPI năm 2031" in capsys.readouterr().err
    assert not target.exists()


def test_evidence_pack_holds_the_index_as_pdf_in_pack_order(services, tmp_path):
    par = services.frameworks.load_template("PAR", 2025)
    crit = {r.code: r.id for r in services.frameworks.criteria(par.id)}
    added = [
        ("PAR.3.2", "Quyết định công bố TTHC", "15/QĐ-UBND", date(2025, 2, 3)),
        ("PAR.2.1", "Kế hoạch kiểm tra văn bản", "07/KH-UBND", date(2025, 1, 10)),
        ("PAR.2.1", "Báo cáo rà soát văn bản", "88/BC-UBND", date(2025, 6, 30)),
    ]
    for i, (code, title, number, when) in enumerate(added):
        path = tmp_path / f"tl{i}.pdf"
        path.write_bytes(f"%PDF tai lieu {i}".encode() * 100)
        services.evidence.add_file(
            path, title=title, doc_number=number, doc_date=when, criterion_ids=[crit[code]]
        )
    target = tmp_path / "goi.zip"
    report = services.evidence.pack(2025, target)
    with zipfile.ZipFile(target) as zf:
        assert "Danh muc tai lieu kiem chung.xlsx" in zf.namelist()
        pdf = zf.read("Danh muc tai lieu kiem chung.pdf")
    flat = re.sub(r"\s+", " ", "\n".join(_pages(pdf)))
    assert "DANH MỤC" in flat and "3 tài liệu kiểm chứng cho 2 tiêu chí" in flat
    _start, rows = _annex(pdf)
    assert [(r[0], r[2], r[4], r[5], r[6]) for r in rows] == [
        ("1", "PAR.2.1", "Kế hoạch kiểm tra văn bản", "07/KH-UBND", "10/01/2025"),
        ("2", "PAR.2.1", "Báo cáo rà soát văn bản", "88/BC-UBND", "30/06/2025"),
        ("3", "PAR.3.2", "Quyết định công bố TTHC", "15/QĐ-UBND", "03/02/2025"),
    ]
    assert [r[7] for r in rows] == [e.archive_name for e in report.entries]
    fonts = _fonts(pdf)
    assert not any("Helvetica" in f for f in fonts), fonts


def _report_text(services, framework_id) -> str:
    from services.documents.render import document_pdf

    pdf, _info = document_pdf(services.assessments.report_document(framework_id, draft=True))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join((p.extract_text() or "") for p in doc.pages).replace("\n", " ")


def test_a_first_year_report_says_there_is_no_result_yet_not_that_nothing_was_lost(services):
    framework = services.frameworks.load_template("PAR", 2026)
    text = _report_text(services, framework.id)
    assert "Chưa có kết quả thẩm định năm 2025 trong dữ liệu" in text
    assert "không có tiêu chí nào bị mất điểm" not in text
    # No self-assessment typed yet: a sentence, not "tự đánh giá chưa chấm/17 điểm".
    assert "chưa chấm/" not in text
    assert re.search(r"chưa tự đánh giá \(tối đa \d+ điểm\)", text)
    # With last year's appraisal in full marks, the report says exactly that, naming the year.
    last = services.frameworks.load_template("PAR", 2025)
    leaves = [r for r in services.frameworks.criteria(last.id) if r.is_leaf and not r.adjustment]
    services.assessments.set_scores(last.id, "appraised", {r.code: r.max_points for r in leaves})
    text = _report_text(services, framework.id)
    assert "Theo kết quả thẩm định năm 2025, không có tiêu chí nào bị mất điểm." in text
