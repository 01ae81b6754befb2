"""The annual disclosure plan (Luật 10/2022 Đ14.1) as a Kế hoạch PDF, numbered in the
register, with its annex rows and the "khi phát sinh" items, read back from the PDF."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from main import main
from services.bundle import build_services
from services.disclosure.annual_plan import AnnualPlanDocuments
from services.disclosure.events import ArisenDocument, record_arisen
from services.documents.render import document_pdf
from services.store.db import open_database
from tests.pg import copy_database, discard_database

TODAY = date(2026, 1, 12)


@pytest.fixture(scope="module")
def module_db(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("disclosure-plan"))
    db = open_database(target)
    services = build_services(db)
    services.disclosure.today = lambda: TODAY
    services.disclosure_setup.add_group("Tổ dân phố 1")
    services.disclosure.generate_plan(2026)
    record_arisen(
        services.disclosure,
        ArisenDocument(
            "CK04", 2026, "03/QĐ-UBND", date(2026, 1, 9), "Thu hồi đất khu dân cư Bắc Sơn"
        ),
    )
    yield target, services
    db.dispose()
    discard_database(target)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def pages_of(pdf: bytes) -> list[tuple[float, float, str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.height, flat(p.extract_text() or "")) for p in doc.pages]


def table_rows(pdf: bytes) -> list[list[str]]:
    rows = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if page.width < page.height:
                continue
            for table in page.extract_tables():
                rows += [[flat(c or "").strip() for c in row] for row in table]
    return rows


def test_unnumbered_plan_then_numbered_in_the_register_and_printed_with_its_number(module_db):
    _target, services = module_db
    plans = AnnualPlanDocuments(services.database.session_factory, services.disclosure)
    draft_pdf, _info = document_pdf(plans.document(2026))
    first = pages_of(draft_pdf)[0][2]
    assert "KẾ HOẠCH" in first and "Thực hiện công khai thông tin năm 2026" in first
    assert "Số: /KH-UBND" in first.replace("\u00a0", "")

    entry = plans.number(2026, date(2026, 1, 15))
    assert entry.doc_type == "KH" and entry.symbol == "KH-UBND"
    # the plan's own checklist item (CK23) now has its trigger document
    ck23 = next(r for r in services.disclosure.disclosures(2026) if r.item_code == "CK23")
    assert ck23.trigger_document == f"Kế hoạch số {entry.reference}"
    assert ck23.trigger_date == date(2026, 1, 15)

    pdf, _info = document_pdf(plans.document(2026))
    pages = pages_of(pdf)
    body = " ".join(t for pw, ph, t in pages if pw < ph)
    annex = [p for p in pages if p[0] > p[1]]
    assert pages[0][0] < pages[0][1] and f"Số: {entry.number_text}/KH-UBND" in body
    assert "ngày 15 tháng 01 năm 2026" in body
    assert "khi phát sinh văn bản" in body and "Phụ lục kèm theo" in body
    assert annex and pages[-1][0] > pages[-1][1]  # the annex comes last, landscape
    annex_text = " ".join(t for _w, _h, t in annex)
    assert (
        f"(Kèm theo Kế hoạch số {entry.number_text}/KH-UBND ngày 15 tháng 01 năm 2026" in annex_text
    )

    rows = table_rows(pdf)
    assert rows[0] == [
        "STT",
        "Nội dung công khai",
        "Hình thức công khai",
        "Thời điểm, thời hạn công khai",
        "Thời gian niêm yết",
        "Bộ phận chủ trì",
    ]
    body_rows = [r for r in rows if r[0].isdigit()]
    assert [int(r[0]) for r in body_rows] == list(range(1, len(body_rows) + 1))
    budget = next(
        r for r in body_rows if r[1] == "Dự toán ngân sách cấp xã đã được HĐND quyết định"
    )
    assert budget[3].startswith("Dự kiến trước 19/12/2026")
    # From 2026 only the web portal is required (Luật 89/2025 Đ15.1.b).
    assert budget[4] == "ít nhất 30 ngày (nếu niêm yết)"
    assert budget[5] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    arising = [r for r in body_rows if r[3].startswith("Khi phát sinh")]
    titles = {r[1] for r in arising}
    assert "Kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư" in titles
    assert any(t.startswith("Quy hoạch, kế hoạch sử dụng đất") for t in titles)
    # the recovery decision recorded in January is a dated row with its deadline
    recorded = next(r for r in body_rows if r[1] == "Thu hồi đất khu dân cư Bắc Sơn")
    # Friday 09/01 + 05 working days, Saturday 10/01/2026 worked (letter 12729/VPCP-KGVX).
    assert recorded[3].startswith("hạn 15/01/2026")


def test_cli_writes_the_disclosure_plan_and_numbers_it(sample_template, tmp_path, capsys):
    target = copy_database(sample_template, tmp_path)
    db = open_database(target)
    build_services(db).disclosure.generate_plan(2026)
    db.dispose()
    out = tmp_path / "ke-hoach-cong-khai.pdf"
    argv = ["pdf", "disclosure-plan", "--year", "2026", "-o", str(out), "--db", str(target)]
    assert main([*argv, "--number-on", "20/01/2026"]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "Đã cấp số " in printed and "/KH-UBND ngày 20/01/2026" in printed
    assert "Đã ghi kế hoạch công khai năm 2026" in printed
    first = pages_of(out.read_bytes())[0][2]
    assert "ngày 20 tháng 01 năm 2026" in first
    # a second number for the same plan is refused
    assert main([*argv, "--number-on", "21/01/2026"]) == 1
    assert "đã được cấp số" in capsys.readouterr().err
    # bad input: Vietnamese messages, nothing written
    bad = tmp_path / "x.pdf"
    assert main([*argv[:5], str(bad), "--db", str(target), "--number-on", "31/02/2026"]) == 1
    assert "Không có ngày 31/02/2026" in capsys.readouterr().err
    assert (
        main(["pdf", "disclosure-plan", "--year", "2031", "-o", str(bad), "--db", str(target)]) == 1
    )
    assert "Năm 2031 chưa có kế hoạch công khai" in capsys.readouterr().err
    assert not Path(bad).exists()
    discard_database(target)


def test_a_commune_s_plan_never_says_phuong(sample_template, tmp_path):
    from services.office.organisation import OrganisationProfile

    xa = OrganisationProfile(
        parent_body="ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
        body_line2="XÃ TÂN HÒA",
        place_name="Tân Hòa",
        signer_name="Lê Văn Bình",
        unit_level="xã",
        residential_unit="thôn",
    )
    target = copy_database(sample_template, tmp_path)
    db = open_database(target)
    services = build_services(db)
    services.organisation.save(xa)
    services.disclosure_setup.add_group("Thôn Bình Minh")
    services.disclosure.generate_plan(2026)
    plans = AnnualPlanDocuments(services.database.session_factory, services.disclosure)
    pdf, _info = document_pdf(plans.document(2026, today=TODAY))
    text = " ".join(t for _w, _h, t in pages_of(pdf))
    assert "XÃ TÂN HÒA" in text and "các thôn" in text
    assert "phường" not in text.lower()
    budget = next(r for r in table_rows(pdf) if r[1].startswith("Dự toán ngân sách cấp xã đã"))
    assert budget[5] == "Phòng Kinh tế"
    db.dispose()
    discard_database(target)
