"""The Kế hoạch with its "Phụ lục: Bảng phân công nhiệm vụ", as a clerk checks the printout."""

from __future__ import annotations

import io
import re

import docx
import pdfplumber
import pytest

import main
from services.bundle import build_services
from services.documents.docx import document_docx
from services.documents.render import document_pdf
from services.store.db import open_database
from tests.pg import copy_database, discard_database

HEADER = ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm/kết quả")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def plan_services(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("annex"))
    db = open_database(target)
    yield build_services(db)
    db.dispose()
    discard_database(target)


@pytest.fixture(scope="module")
def annexed(plan_services):
    document = plan_services.documents.plan_document(2025, annex=True)
    return document, document_pdf(document)[0]


def _pages(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.height, p.extract_text() or "") for p in doc.pages]


def test_annex_pages_are_landscape_after_the_portrait_body(annexed, plan_services):
    _document, pdf = annexed
    pages = _pages(pdf)
    wide = [i for i, (w, h, _t) in enumerate(pages) if w > h]
    assert wide, "no landscape page"
    first = wide[0]
    assert all(w < h for w, h, _t in pages[:first])  # body stays portrait A4
    assert wide == list(range(first, len(pages)))  # the annex runs to the end
    assert len(wide) >= 2
    head = pages[first][2]
    assert "Phụ lục" in head and "BẢNG PHÂN CÔNG NHIỆM VỤ" in head
    assert re.search(r"\(Kèm theo Kế hoạch số\s+/KH-UBND ngày", head)
    assert squeeze("của Ủy ban nhân dân phường Dị Sử)") in squeeze(head)
    # The table header is printed on the annex's first page and repeated on its second.
    for page in (pages[first][2], pages[first + 1][2]):
        line = squeeze(page)
        assert all(squeeze(h) in line for h in HEADER), page[:300]


def _annex_cells(pdf: bytes) -> list[list[str]]:
    """The ruled table's rows on the landscape pages, each cell's lines joined."""
    rows = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if page.width > page.height:
                for table in page.extract_tables():
                    rows += [[squeeze(c or "") for c in row] for row in table]
    return rows


def test_every_assigned_task_is_in_the_annex(annexed, plan_services):
    _document, pdf = annexed
    rows = _annex_cells(pdf)
    header = [squeeze(h) for h in HEADER]
    assert sum(1 for r in rows if r == header) >= 2  # header row on each annex page
    body = [r for r in rows if r != header]
    # A task split across a page boundary continues in the next page's first row.
    annex_text = "".join(r[1] for r in body)
    leads = {r[2] for r in body}
    plan = plan_services.documents.plan(2025)
    tasks = [t for t in plan_services.plans.tasks(plan.id) if t.actionable]
    assert tasks
    for task in tasks:
        assert squeeze(task.text) in annex_text, task.text[:60]
        if task.lead_name:
            assert squeeze(task.lead_name) in leads


def test_numbered_plan_annex_refers_to_the_number_and_date(plan_services):
    from datetime import date

    entry = plan_services.documents.number_plan(2025, date(2025, 1, 7))
    pdf = document_pdf(plan_services.documents.plan_document(2025, annex=True))[0]
    wide = [t for w, h, t in _pages(pdf) if w > h]
    assert f"(Kèm theo Kế hoạch số {entry.reference} ngày 07 tháng 01 năm 2025" in " ".join(
        wide[0].split()
    )


def test_docx_has_the_annex_in_a_landscape_section(annexed, plan_services):
    document, _pdf = annexed
    word = docx.Document(io.BytesIO(document_docx(document)))
    assert word.sections[0].page_width < word.sections[0].page_height
    last = word.sections[-1]
    assert last.page_width > last.page_height
    assert round(last.page_width.mm) == 297
    table = word.tables[-1]
    assert tuple(c.text for c in table.rows[0].cells) == HEADER
    assert "w:tblHeader" in table.rows[0]._tr.xml  # repeated on every page in Word
    texts = squeeze(" ".join(c.text for r in table.rows[1:] for c in r.cells))
    plan = plan_services.documents.plan(2025)
    for task in (t for t in plan_services.plans.tasks(plan.id) if t.actionable):
        assert squeeze(task.text) in texts


def test_without_the_annex_no_landscape_page(plan_services):
    document = plan_services.documents.plan_document(2025, annex=False)
    assert document.annexes == ()
    assert all(w < h for w, h, _t in _pages(document_pdf(document)[0]))
    word = docx.Document(io.BytesIO(document_docx(document)))
    assert len(word.sections) == 1


def test_cli_plan_has_the_annex_unless_no_annex(db_path, tmp_path):
    with_annex, without = tmp_path / "kh.pdf", tmp_path / "kh-gon.pdf"
    args = ["--db", str(db_path), "pdf", "plan", "--year", "2025"]
    assert main.main([*args, "-o", str(with_annex)]) == 0
    assert main.main([*args, "-o", str(without), "--no-annex"]) == 0
    assert any(w > h for w, h, _t in _pages(with_annex.read_bytes()))
    assert all(w < h for w, h, _t in _pages(without.read_bytes()))
