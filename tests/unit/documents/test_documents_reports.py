"""Reports from task data, saved report texts, the outgoing register, the CLI and the .docx twin."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from services.documents.periods import normalise_code, period
from services.documents.register import DocumentOptions
from services.documents.render import document_pdf
from services.documents.reports import ReportText
from services.errors import UserError


def _text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [unicodedata.normalize("NFC", p.extract_text()) for p in doc.pages]


def _mark_progress(services) -> None:
    """Some tasks done, one late, as the plan workspace would record them."""
    plans = services.plans
    plan = plans.plan_for_year(2025)
    tasks = [t for t in plans.tasks(plan.id) if t.actionable]
    plans.update_task(
        tasks[0].id,
        replace(
            tasks[0].draft(), status="done", percent=100, result_notes="Đã ban hành 12 văn bản."
        ),
    )
    plans.update_task(tasks[1].id, replace(tasks[1].draft(), status="in_progress", percent=40))
    plans.update_task(
        tasks[2].id,
        replace(tasks[2].draft(), status="not_started", deadline=date(2025, 8, 15), start_on=None),
    )


@pytest.mark.parametrize(
    ("typed", "code", "label"),
    [
        ("Q3", "Q3", "quý III năm 2025"),
        ("quý 1", "Q1", "quý I năm 2025"),
        ("H1", "H1", "6 tháng đầu năm 2025"),
        ("6 tháng", "H1", "6 tháng đầu năm 2025"),
        ("9M", "9M", "9 tháng năm 2025"),
        ("Y", "Y", "năm 2025"),
        ("12 tháng", "Y", "năm 2025"),
        ("M3", "M3", "tháng 3 năm 2025"),
    ],
)
def test_periods_accept_the_documented_spellings(typed, code, label):
    p = period(typed, 2025)
    assert (p.code, p.label) == (code, label)


def test_unknown_period_is_refused_in_vietnamese():
    with pytest.raises(UserError, match="Kỳ báo cáo “Q5” không hợp lệ"):
        normalise_code("Q5")


def test_report_counts_tasks_and_lists_them_in_a_landscape_annex(services):
    _mark_progress(services)
    docs = services.documents
    saved = docs.reports.save(
        replace(
            docs.report_text(2025, "Q3"),
            assessment="Các bộ phận tích cực triển khai.",
            limitations="Một số nhiệm vụ còn chậm.",
            directions="Tập trung hoàn thành nhiệm vụ quý IV.",
            proposals="Đề nghị cấp trên hỗ trợ kinh phí.",
        )
    )
    assert saved.id is not None
    document = docs.report_document(2025, "Q3", today=date(2025, 10, 5))
    pdf, info = document_pdf(document)
    pages = _text(pdf)
    whole = "\n".join(pages)
    flat = re.sub(r"\s+", " ", whole)
    assert "BÁO CÁO" in pages[0]
    assert "Kết quả thực hiện Kế hoạch khắc phục" in flat and "quý III năm 2025" in flat
    total = len(
        [t for t in services.plans.tasks(services.plans.plan_for_year(2025).id) if t.actionable]
    )
    assert f"Kế hoạch có {total} nhiệm vụ; đến ngày 30/09/2025 đã hoàn thành 1 nhiệm vụ" in flat
    assert "có 1 nhiệm vụ quá hạn chưa hoàn thành" in flat
    for words in (
        "Các bộ phận tích cực triển khai.",
        "Một số nhiệm vụ còn chậm.",
        "Tập trung hoàn thành nhiệm vụ quý IV.",
        "Đề nghị cấp trên hỗ trợ kinh phí.",
        "Đã ban hành 12 văn bản.",
    ):
        assert words in flat
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        annex_start = next(
            i
            for i, p in enumerate(doc.pages)
            if "PHỤ LỤC" in (p.extract_text() or "").upper() and p.width > p.height
        )
        annex = doc.pages[annex_start:]
        assert all(p.width > p.height for p in annex)
        assert all(p.width < p.height for p in doc.pages[:annex_start])
        assert len(annex) >= 2
        for number, page in enumerate(annex, 1):
            head = page.crop((0, 0, page.width, 20 * 72 / 25.4)).extract_text().strip()
            assert head == ("" if number == 1 else str(number))
            assert "Trạng thái" in page.extract_text()  # header row repeated
        rows = "\n".join(p.extract_text() for p in annex)
        cells = [
            re.sub(r"\s+", " ", cell or "")
            for p in annex
            for table in p.extract_tables()
            for row in table
            for cell in row
        ]
    assert "(Kèm theo Báo cáo số" in rows
    for status in ("Chưa thực hiện (quá hạn)", "Hoàn thành", "Đang thực hiện", "100%", "40%"):
        assert status in cells
    assert cells.count("Trạng thái") == len(annex)
    assert info.signing_page < annex_start
    fonts = {
        str(f.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    } or all(f.startswith("TimesNewRoman") for f in fonts), fonts


def test_report_text_is_stored_and_regenerates_the_same(services):
    docs = services.documents
    text = docs.reports.save(replace(docs.report_text(2025, "H1"), limitations="Chưa đạt."))
    again = docs.report_text(2025, "6 tháng")
    assert again == text
    first = docs.report_document(2025, "H1", today=date(2025, 7, 2))
    assert docs.report_document(2025, "H1", today=date(2025, 7, 2)) == first


def test_register_numbers_per_type_zero_padded_restarting_each_year(services):
    register = services.documents.register
    kh = [register.issue("KH", "KH-UBND", date(2025, 1, 5)).reference for _ in range(2)]
    bc = register.issue("BC", "BC-UBND", date(2025, 2, 1)).reference
    many = [register.issue("KH", "KH-UBND", date(2025, 6, 1)).number_text for _ in range(9)]
    next_year = register.issue("KH", "KH-UBND", date(2026, 1, 2)).reference
    assert kh == ["01/KH-UBND", "02/KH-UBND"]
    assert bc == "01/BC-UBND"
    assert many[-2:] == ["10", "11"]
    assert next_year == "01/KH-UBND"


def test_register_can_share_one_sequence(services):
    register = services.documents.register
    register.save_options(DocumentOptions(shared_sequence=True))
    numbers = [
        register.issue(t, f"{t}-UBND", date(2025, 3, 1)).reference for t in ("KH", "BC", "KH")
    ]
    assert numbers == ["01/KH-UBND", "02/BC-UBND", "03/KH-UBND"]


def test_numbered_plan_prints_number_and_decree_date(services):
    docs = services.documents
    docs.number_plan(2025, date(2025, 1, 7))
    pdf, _ = document_pdf(docs.plan_document(2025))
    first = re.sub(r"\s+", " ", _text(pdf)[0])
    assert "Số: 01/KH-UBND" in first
    assert "Dị Sử, ngày 07 tháng 01 năm 2025" in first
    docs.number_report(2025, "Q1", date(2025, 3, 9))
    report = re.sub(
        r"\s+", " ", "\n".join(_text(document_pdf(docs.report_document(2025, "Q1"))[0]))
    )
    assert "Số: 01/BC-UBND" in report and "ngày 09 tháng 3 năm 2025" in report
    assert "tháng 03" not in report
    assert "Kế hoạch số 01/KH-UBND ngày 07 tháng 01 năm 2025" in report
    assert "(Kèm theo Báo cáo số 01/BC-UBND ngày 09 tháng 3 năm 2025" in report


def test_report_with_kinh_gui_starts_recipients_with_nhu_tren(services):
    docs = services.documents
    docs.reports.save(
        ReportText(plan_id=docs.plan(2025).id, period="Y", kinh_gui="Ủy ban nhân dân tỉnh Hưng Yên")
    )
    flat = re.sub(r"\s+", " ", "\n".join(_text(document_pdf(docs.report_document(2025, "Y"))[0])))
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên." in flat
    assert "Nơi nhận: - Như trên;" in flat or "- Như trên;" in flat
