"""The year's legal-review figures for the Sở Tư pháp, as xlsx and a Decree 30 PDF (14.5).

The register of ``tests.legal_pdf_world``: in 2025 NQ 02/2021 was reviewed once (20/04/2025,
amendment proposed, not yet done), three review requests flagged by the 2025 law are still
open, QĐ 01/2020 was replaced on 01/07/2025. The clerk prints 2025's figures, then 2024's.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from openpyxl import load_workbook

from main import main
from services.bundle import build_services
from services.documents.render import document_pdf
from services.legal.statistics import figure
from services.store.db import open_database
from tests.legal_pdf_world import build_world
from tests.pg import copy_database, discard_database


@pytest.fixture(scope="module")
def world_db(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("legal-stats"))
    db = open_database(target)
    services = build_services(db)
    build_world(services)
    org = services.organisation.get()
    services.organisation.save(replace(org, parent_body="ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN"))
    yield target, services
    db.dispose()
    discard_database(target)


@pytest.fixture(scope="module")
def svc(world_db):
    return world_db[1]


def _flat(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_the_2025_figures_count_the_register_of_that_year(svc):
    stats = svc.legal_cycles.year_statistics(2025)
    assert figure(stats, "1") == 34  # 3 hand-made documents + 30 extra + QĐ 12/2025
    assert figure(stats, "2") == 1 and figure(stats, "3") == 1  # NQ 02/2021, once
    assert figure(stats, "5") == 1 and figure(stats, "5c") == 1  # sửa đổi, bổ sung
    assert figure(stats, "6") == 0  # not done yet
    assert figure(stats, "7") == 1  # QĐ 01/2020 replaced on 01/07/2025
    by_line = {row[0]: row for row in stats.rows}
    assert by_line["2"][2:] == (1, 0, 1)  # a Nghị quyết of the HĐND
    assert stats.columns[2].title == "Nghị quyết của HĐND phường"
    # An older year is drawn from that year's dates: no reviews, the 2023 suspension is not in 2024.
    old = svc.legal_cycles.year_statistics(2024)
    assert figure(old, "2") == 0 and figure(old, "5") == 0
    assert figure(old, "7") == 1  # NQ 02/2021: Điều 3, Khoản 2 Điều 5 repealed 01/01/2024


def test_the_report_to_the_department_of_justice_prints_the_figures(svc, tmp_path):
    document = svc.legal_documents.statistics_document(2025, today=date(2026, 1, 12))
    text = _flat(document_pdf(document)[0])
    assert "BÁO CÁO Số liệu rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2025" in text
    assert "Kính gửi: Sở Tư pháp tỉnh Hưng Yên" in text
    assert "2 Văn bản đã được rà soát trong năm 1 0 1" in text
    assert "Danh mục văn bản hết hiệu lực, tạm ngưng hiệu lực năm 2024 (2 văn bản)" in text
    assert "Phòng Tư pháp" not in text


def test_cli_writes_the_pdf_and_the_workbook(world_db, tmp_path, capsys):
    target = world_db[0]
    pdf = tmp_path / "so-lieu.pdf"
    assert (
        main(["pdf", "legal-statistics", "--year", "2025", "-o", str(pdf), "--db", str(target)])
        == 0
    )
    assert "Đã ghi" in capsys.readouterr().out
    assert "Sở Tư pháp tỉnh Hưng Yên" in _flat(pdf.read_bytes())
    book = tmp_path / "so-lieu.xlsx"
    args = ["excel", "export", "legal-statistics", "--year", "2025", "-o", str(book)]
    assert main([*args, "--db", str(target)]) == 0
    rows = [r for r in load_workbook(book).active.iter_rows(values_only=True) if r[0] == "5c"]
    assert rows == [("5c", "– Sửa đổi, bổ sung", 1, 0, 1)]
