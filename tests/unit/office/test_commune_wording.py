"""A xã uses ParDesk: nothing the program writes calls it a phường (issue 14.3).

The story: the sample database is turned into a commune's (profile "XÃ TÂN HÒA", level xã,
residential units "thôn"), and every text a user typed is rewritten without "phường" (so any
"phường" left in a document can only come from the program). Then the plan, a period report,
the quarterly disclosure notice and a legal-list publication decision are rendered to PDF and
read back.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pdfplumber
import pytest
from sqlalchemy import String, Text, func, update

import models
from services.bundle import build_services
from services.documents.render import document_pdf
from services.office.organisation import OrganisationProfile
from services.store.db import open_database
from tests.legal_pdf_world import build_world
from tests.pg import copy_database, discard_database

XA = OrganisationProfile(
    parent_body="ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
    body_line2="XÃ TÂN HÒA",
    place_name="Tân Hòa",
    signer_name="Lê Văn Bình",
    unit_level="xã",
    residential_unit="thôn",
)


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return unicodedata.normalize("NFC", "\n".join(p.extract_text() or "" for p in doc.pages))


def _scrub_user_text(database) -> None:
    """Every text column of every table: "phường" typed by a user becomes "xã"."""
    with database.session_factory.begin() as session:
        for table in models.Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, String | Text):
                    value = column
                    for word, new in (("phường", "xã"), ("Phường", "Xã"), ("PHƯỜNG", "XÃ")):
                        value = func.replace(value, word, new)
                    session.execute(update(table).values({column.name: value}))


@pytest.fixture(scope="module")
def commune(sample_template, tmp_path_factory):
    target = copy_database(sample_template, tmp_path_factory.mktemp("commune"))
    db = open_database(target)
    services = build_services(db)
    world = build_world(services)
    services.disclosure_setup.add_group("Thôn Bình Minh")
    services.disclosure.generate_plan(2026)
    services.organisation.save(XA)
    _scrub_user_text(db)
    yield services, world
    db.dispose()
    discard_database(target)


def _documents(services, world):
    today = date(2026, 12, 3)
    yield "plan", services.documents.plan_document(2025)
    yield "report", services.documents.report_document(2025, "Q1", today=today)
    yield "notice", services.disclosure_documents.quarterly_document(2026, 2, today=today)
    yield "disclosure report", services.disclosure_documents.report_document(2026, today=today)
    printing = services.legal_documents
    yield "yearly list", printing.list_document("expired", 2025, today=today)
    yield "list d", printing.cycle_list_document(world.cycle_id, "needing-action", today=today)
    yield "cycle report", printing.cycle_report_document(world.cycle_id, today=today)


def test_no_document_calls_a_commune_a_phuong(commune):
    services, world = commune
    for name, document in _documents(services, world):
        text = _text(document_pdf(document)[0])
        assert "XÃ TÂN HÒA" in text, name
        assert "phường" not in text.lower(), (
            f"{name}: {text[text.lower().find('phường') - 80 :][:160]}"
        )


def test_the_commune_s_own_words_are_used(commune):
    services, world = commune
    documents = dict(_documents(services, world))
    notice = _text(document_pdf(documents["notice"])[0])
    assert "nhà văn hóa các thôn" in " ".join(notice.split())
    assert "Thường trực HĐND xã" in notice
    decision = " ".join(_text(document_pdf(documents["list d"])[0]).split())
    assert "Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã." in decision
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HÒA" in decision
