"""The quarterly public list tells each posting place's own story (Luật 10/2022/QH15 Đ13.2).

The six-month budget execution was posted at three residential groups: Đông Sơn from 04/09
and taken down early on 20/09, Tây Sơn from 10/09 to 15/10, Nam Sơn from 05/09 to 04/10.
The list the ward posts must show three rows with those dates, not one merged row claiming
04/09–15/10 for all three; the workbook's quarter sheet says the same.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime

import pdfplumber
import pytest
from openpyxl import load_workbook

from services.bundle import build_services
from services.disclosure.service import PostingDraft
from services.documents.render import document_pdf
from services.store.db import open_database
from tests.pg import copy_database, discard_database

TODAY = date(2026, 10, 20)
PLACES = {
    "Tổ dân phố Đông Sơn": (date(2026, 9, 4), date(2026, 9, 20)),
    "Tổ dân phố Tây Sơn": (date(2026, 9, 10), date(2026, 10, 15)),
    "Tổ dân phố Nam Sơn": (date(2026, 9, 5), date(2026, 10, 4)),
}
TDP_FORM = "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng ở thôn, tổ dân phố"


@pytest.fixture(scope="module")
def ward(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("quarter-places"))
    db = open_database(target)
    services = build_services(db)
    services.disclosure.today = lambda: TODAY
    service = services.disclosure
    groups = {name: services.disclosure_setup.add_group(name) for name in PLACES}
    service.generate_plan(2026)
    half = next(
        r for r in service.disclosures(2026) if r.item_code == "CK02C" and r.period == "06 tháng"
    )
    for name, (up, down) in PLACES.items():
        service.add_posting(
            PostingDraft(
                half.id, "NIEM_YET_NVH_TDP", up, groups[name].id, down, evidence_note=f"BB {name}"
            )
        )
    yield services, half.heading
    db.dispose()
    discard_database(target)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def pdf_rows(pdf: bytes) -> list[list[str]]:
    rows = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if page.width > page.height:
                for table in page.extract_tables():
                    rows += [[flat(c) for c in row] for row in table]
    return rows


def test_each_residential_group_gets_its_own_row_with_its_own_dates(ward, tmp_path):
    services, heading = ward
    pdf = document_pdf(services.disclosure_documents.quarterly_document(2026, 3))[0]
    (tmp_path / "q3.pdf").write_bytes(pdf)
    rows = [r for r in pdf_rows(pdf) if r[0].isdigit()]
    places = [r for r in rows if r[3] == TDP_FORM]
    assert [(r[4], r[5], r[6]) for r in places] == [
        ("Tổ dân phố Đông Sơn", "04/09/2026", "20/09/2026"),
        ("Tổ dân phố Nam Sơn", "05/09/2026", "04/10/2026"),
        ("Tổ dân phố Tây Sơn", "10/09/2026", "15/10/2026"),
    ]
    assert all(r[1] == flat(heading) for r in places)
    assert [r[7] for r in places] == [f"BB {r[4]}" for r in places]  # each its own evidence
    assert not any("," in r[4] for r in rows)  # never several places merged in one cell
    text = flat(" ".join(p.extract_text() or "" for p in pdfplumber.open(io.BytesIO(pdf)).pages))
    assert f"gồm {len(rows)} lượt nội dung" in text


def test_the_workbook_quarter_sheet_has_the_same_rows(ward, tmp_path):
    services, _heading = ward
    out = services.disclosure.export_xlsx(2026, tmp_path / "cong-khai.xlsx")
    sheet = load_workbook(out)["Quý III"]
    lines = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[3] == TDP_FORM]
    assert [(r[4], r[5], r[6]) for r in lines] == [
        ("Tổ dân phố Đông Sơn", datetime(2026, 9, 4), datetime(2026, 9, 20)),
        ("Tổ dân phố Nam Sơn", datetime(2026, 9, 5), datetime(2026, 10, 4)),
        ("Tổ dân phố Tây Sơn", datetime(2026, 9, 10), datetime(2026, 10, 15)),
    ]
    assert [r[7] for r in lines] == [f"BB {r[4]}" for r in lines]
