"""The sổ văn bản đi as the records office keeps it: every kind ParDesk prints gets its number
(per kind or one shared sequence), a number given by mistake is cancelled but stays, and the
register prints and exports with the cancelled lines shown."""

from __future__ import annotations

import io
from datetime import date, datetime

import pdfplumber
import pytest
from openpyxl import load_workbook

from services.documents.register import DocumentOptions
from services.documents.register_book import REGISTER_COLUMNS
from services.documents.render import document_pdf
from services.errors import UserError, ValidationError
from tests.legal_pdf_world import build_world

SIGNED = date(2025, 12, 3)


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def test_per_kind_sequences_by_default_restart_each_year(services):
    register = services.documents.register
    assert register.options().shared_sequence is False
    refs = [register.issue(t, f"{t}-UBND", SIGNED).reference for t in ("KH", "BC", "QĐ", "TB")]
    assert refs == ["01/KH-UBND", "01/BC-UBND", "01/QĐ-UBND", "01/TB-UBND"]
    assert register.issue("QĐ", "QĐ-UBND", SIGNED).reference == "02/QĐ-UBND"
    assert register.issue("QĐ", "QĐ-UBND", date(2026, 1, 2)).reference == "01/QĐ-UBND"


def test_shared_sequence_runs_across_kinds_and_never_repeats_after_a_switch(services):
    register = services.documents.register
    register.issue("KH", "KH-UBND", SIGNED)  # 01/KH under per-kind numbering
    register.save_options(DocumentOptions(shared_sequence=True))
    refs = [register.issue(t, f"{t}-UBND", SIGNED).reference for t in ("TB", "QĐ", "KH")]
    assert refs == ["02/TB-UBND", "03/QĐ-UBND", "04/KH-UBND"]


def test_confirmation_shows_the_number_the_issue_then_gives(services):
    docs = services.documents
    docs.register.issue("KH", "KH-UBND", date(2025, 3, 1))  # another plan took 01
    pending = docs.pending_plan_number(2025, SIGNED)
    assert pending.question == "Cấp số 02/KH-UBND ngày 03/12/2025?"
    assert docs.register.entries(2025)[-1].number == 1  # asking wrote nothing
    entry = docs.number_plan(2025, SIGNED, expected_number=pending.number)
    assert entry.reference == "02/KH-UBND"
    assert entry.signer == "Nguyễn Đức Thắng"
    assert "Lưu: VT, VP" in entry.recipients


def test_a_number_taken_meanwhile_is_not_given_without_asking_again(services):
    docs = services.documents
    pending = docs.pending_plan_number(2025, SIGNED)
    docs.register.issue("KH", "KH-UBND", SIGNED)  # another PC, between question and answer
    with pytest.raises(UserError, match="Số 01 vừa được cấp"):
        docs.number_plan(2025, SIGNED, expected_number=pending.number)
    assert docs.plan_number(2025) is None


def test_cancelled_number_stays_in_the_register_and_is_never_reused(services):
    docs = services.documents
    wrong = docs.number_plan(2025, date(2025, 1, 5))
    with pytest.raises(UserError, match="đã được cấp số 01/KH-UBND"):
        docs.number_plan(2025, date(2025, 1, 6))
    when = datetime(2025, 1, 5, 9, 30)
    cancelled = docs.register.cancel(wrong.id, "Ghi nhầm ngày ký", "Trần Thị Văn thư", now=when)
    assert cancelled.cancelled and cancelled.cancelled_by == "Trần Thị Văn thư"
    assert cancelled.status_text == (
        "Đã hủy số ngày 05/01/2025 09:30 (Trần Thị Văn thư): Ghi nhầm ngày ký"
    )
    assert docs.plan_number(2025) is None  # the plan no longer prints the cancelled number
    again = docs.number_plan(2025, date(2025, 1, 7))
    assert again.reference == "02/KH-UBND"
    lines = [(e.reference, e.cancelled) for e in docs.register.entries(2025)]
    assert lines == [("01/KH-UBND", True), ("02/KH-UBND", False)]
    first = _text(document_pdf(docs.plan_document(2025))[0])
    assert "Số: 02/KH-UBND" in first and "01/KH-UBND" not in first


def test_cancel_needs_a_reason_and_happens_once(services):
    register = services.documents.register
    entry = register.issue("BC", "BC-UBND", SIGNED)
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="Lý do hủy số"):
            register.cancel(entry.id, reason, "A")
    assert not register.entries(2025)[0].cancelled
    register.cancel(entry.id, "Trùng văn bản", "A")
    with pytest.raises(UserError, match="đã được hủy"):
        register.cancel(entry.id, "Lần nữa", "A")


def test_legal_decision_gets_a_qd_number_and_prints_it(services):
    build_world(services)
    printing = services.legal_documents
    subject = printing.list_subject("expired", 2025)
    document = printing.list_document("expired", 2025, today=date(2026, 1, 12))
    assert document.header.number is None
    pending = printing.pending_decision_number(document, date(2026, 1, 15))
    assert pending.reference == "01/QĐ-UBND"
    entry = printing.number_decision(subject, document, date(2026, 1, 15))
    assert (entry.doc_type, entry.reference) == ("QĐ", "01/QĐ-UBND")
    assert entry.summary.startswith("Quyết định công bố Danh mục")
    text = " ".join(_text(document_pdf(printing.list_document("expired", 2025))[0]).split())
    assert "Số: 01/QĐ-UBND" in text and "ngày 15 tháng 01 năm 2026" in text
    assert "(Kèm theo Quyết định số 01/QĐ-UBND ngày 15 tháng 01 năm 2026" in text
    with pytest.raises(UserError, match="đã được cấp số"):
        printing.number_list("expired", 2025, date(2026, 1, 16))


def test_disclosure_notice_gets_a_tb_number_and_prints_it(services):
    services.disclosure.generate_plan(2026)
    documents = services.disclosure_documents
    pending = documents.pending_number(2026, 2, date(2026, 7, 3))
    assert pending.question == "Cấp số 01/TB-UBND ngày 03/07/2026?"
    entry = documents.number(2026, 2, date(2026, 7, 3), expected_number=pending.number)
    assert entry.type_name == "Thông báo" and documents.number_of(2026, 2) == entry
    assert documents.number_of(2026, 3) is None
    doc = documents.quarterly_document(2026, 2, today=date(2026, 12, 1))
    text = " ".join(_text(document_pdf(doc)[0]).split())
    assert "Số: 01/TB-UBND" in text and "ngày 03 tháng 7 năm 2026" in text
    assert "(Kèm theo Thông báo số 01/TB-UBND ngày 03 tháng 7 năm 2026" in text


def _register_with_a_cancelled_line(services):
    docs = services.documents
    first = docs.number_plan(2025, date(2025, 1, 5))
    docs.register.cancel(first.id, "Cấp nhầm", "Lê Văn Thư", now=datetime(2025, 1, 5, 10, 0))
    docs.number_plan(2025, date(2025, 1, 7))
    docs.number_report(2025, "Q1", date(2025, 4, 2))
    docs.register.issue("TB", "TB-UBND", date(2024, 12, 30), "Thông báo năm trước")
    return docs


def test_register_xlsx_is_the_year_with_cancelled_lines(services, tmp_path):
    docs = _register_with_a_cancelled_line(services)
    path = docs.write_register(2025, tmp_path / "so-van-ban-di-2025.xlsx")
    sheet = load_workbook(path).active
    rows = [tuple(c.value or "" for c in r) for r in sheet.iter_rows()]
    assert rows[1][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2025"
    header = rows.index(REGISTER_COLUMNS)
    body = rows[header + 1 :]
    assert [r[0] for r in body] == ["01/KH-UBND", "02/KH-UBND", "01/BC-UBND"]  # not 2024's TB
    assert body[0][6] == "Đã hủy số ngày 05/01/2025 10:00 (Lê Văn Thư): Cấp nhầm"
    assert body[1][1:3] == ("07/01/2025", "Kế hoạch") and body[1][6] == ""
    assert body[2][3].startswith("Báo cáo") and body[2][4] == "Nguyễn Đức Thắng"
    assert sheet.cell(header + 2, 1).font.strike  # the cancelled number struck through
    assert sheet.print_title_rows == f"${header + 1}:${header + 1}"  # header on every page


def test_register_pdf_is_landscape_with_every_line(services, tmp_path):
    docs = _register_with_a_cancelled_line(services)
    path = docs.write_register(2025, tmp_path / "so-van-ban-di-2025.pdf")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height
        text = " ".join((page.extract_text() or "").split())
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2025" in text
    for column in ("Số, ký hiệu", "Trích yếu", "Người ký", "Nơi nhận"):
        assert column in text
    for expected in ("01/KH-UBND", "02/KH-UBND", "01/BC-UBND", "Đã hủy số ngày 05/01/2025"):
        assert expected in text
    assert "01/TB-UBND" not in text


def test_no_number_for_a_decision_nobody_is_named_to_sign(services):
    from dataclasses import replace

    build_world(services)
    services.organisation.save(replace(services.organisation.get(), signer_name=""))
    with pytest.raises(UserError, match="Quyết định chưa có người ký"):
        services.legal_documents.number_list("expired", 2025, date(2026, 1, 15))
    assert services.documents.register.entries(2026) == []
