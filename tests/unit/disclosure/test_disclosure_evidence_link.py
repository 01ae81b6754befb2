"""Posting evidence in the shared store, and the disclosure score beside the PAPI D2 criteria."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import posting_evidence
from services.disclosure.index_link import is_anchor, linked_criteria
from services.disclosure.service import PostingDraft
from services.errors import NotFoundError, UserError
from services.scores.evidence import file_sha256

TODAY = date(2026, 5, 15)


@pytest.fixture
def posted(services):
    """Q1 budget execution posted on the website and at headquarters (no TDP yet)."""
    services.disclosure.today = lambda: TODAY
    services.disclosure_setup.add_group("Tổ dân phố 1")
    services.disclosure.generate_plan(2026)
    row = next(
        r
        for r in services.disclosure.disclosures(2026)
        if r.item_code == "CK02C" and r.period == "03 tháng"
    )
    for form in ("TRANG_TTDT", "NIEM_YET_TRU_SO"):
        row = services.disclosure.add_posting(
            PostingDraft(row.id, form, date(2026, 4, 3), None, date(2026, 5, 4), evidence_note="x")
        )
    return services, row


def test_attached_file_goes_to_the_store_and_opens_as_a_copy(posted, tmp_path):
    services, row = posted
    posting = row.postings[0]
    photo = tmp_path / "anh-niem-yet.jpg"
    photo.write_bytes(b"\xff\xd8 photo of the notice board")
    info = services.disclosure_evidence.attach_file(
        posting.id, photo, title="Ảnh niêm yết quý I", doc_date=date(2026, 4, 3)
    )
    stored = services.evidence.stored_path(info.sha256)
    assert stored.exists() and stored.parent.parent.name == "evidence"
    assert file_sha256(stored) == info.sha256
    photo.unlink()  # the original may go: the store keeps its own copy
    files = services.disclosure_evidence.files(posting.id)
    assert [(f.title, f.original_name) for f in files] == [
        ("Ảnh niêm yết quý I", "anh-niem-yet.jpg")
    ]
    copy = services.disclosure_evidence.open_copy(info.id)
    assert copy.read_bytes() == b"\xff\xd8 photo of the notice board" and copy != stored
    # The old note stays as it was.
    assert services.disclosure.disclosure(row.id).postings[0].evidence_note == "x"
    assert services.disclosure_evidence.counts(2026) == {posting.id: 1}


def test_same_file_for_two_postings_is_stored_once_and_detach_keeps_it(posted, tmp_path):
    services, row = posted
    first, second = row.postings
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4 bien ban niem yet")
    a = services.disclosure_evidence.attach_file(first.id, minutes, title="Biên bản niêm yết")
    b = services.disclosure_evidence.attach_file(second.id, minutes)
    assert a.id == b.id and b.duplicate
    services.disclosure_evidence.attach(second.id, a.id)  # linking twice changes nothing
    assert len(services.disclosure_evidence.files(second.id)) == 1
    services.disclosure_evidence.detach(second.id, a.id)
    assert services.disclosure_evidence.files(second.id) == []
    assert services.evidence.stored_path(a.sha256).exists()
    assert [f.id for f in services.disclosure_evidence.files(first.id)] == [a.id]


def test_deleting_a_posting_removes_its_links_not_the_file(posted, tmp_path):
    services, row = posted
    posting = row.postings[0]
    source = tmp_path / "a.png"
    source.write_bytes(b"png")
    info = services.disclosure_evidence.attach_file(posting.id, source)
    services.disclosure.delete_posting(posting.id)
    with services.database.session_factory() as session:
        assert session.execute(select(posting_evidence)).all() == []
    assert services.evidence.get(info.id).title == "a"


def test_bad_attachments_are_refused_before_anything_is_stored(posted, tmp_path):
    services, row = posted
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        services.disclosure_evidence.attach_file(row.postings[0].id, tmp_path / "none.jpg")
    source = tmp_path / "a.jpg"
    source.write_bytes(b"jpg")
    with pytest.raises(NotFoundError, match="Lần công khai này không còn"):
        services.disclosure_evidence.attach_file(99999, source)
    assert services.evidence.list_files() == []


def test_old_bare_paths_are_adopted_into_the_store(posted, tmp_path):
    services, row = posted
    old = tmp_path / "cu.jpg"
    old.write_bytes(b"old photo")
    posting = row.postings[0]
    services.disclosure.update_posting(
        posting.id,
        PostingDraft(
            row.id,
            posting.form,
            posting.posted_on,
            None,
            posting.taken_down_on,
            evidence_note="Ảnh cũ",
            evidence_path=str(old),
        ),
    )
    assert services.disclosure_evidence.adopt_paths() == 1
    assert [f.title for f in services.disclosure_evidence.files(posting.id)] == ["Ảnh cũ"]


# ----- the index link --------------------------------------------------------------------


def test_no_framework_for_the_year_says_where_to_make_one(posted):
    services, _row = posted
    link = services.disclosure_index.criteria_link(2026)
    assert link.lines == () and "chưa có bộ tiêu chí PAPI" in link.message


def test_papi_d2_criteria_get_the_matching_disclosure_compliance(posted):
    services, _row = posted
    papi = services.frameworks.load_template("PAPI", 2026)
    rows = {r.code: r for r in services.frameworks.criteria(papi.id)}
    services.assessments.set_score(rows["D2.3"].id, "self", 2.0)
    before = services.assessments.scoreboard(papi.id)
    link = services.disclosure_index.criteria_link(2026)
    score = services.disclosure.score(2026)
    by_code = {x.code: x for x in link.lines}
    assert list(by_code)[:5] == ["D2", "D2.1", "D2.2", "D2.3", "D2.4"]
    assert by_code["D2"].compliance == score.overall and link.overall == score.overall
    budget = by_code["D2.3"]
    assert budget.basis == "Ngân sách, tài chính" and budget.self_score == 2.0
    group = next(g for g in score.by_group if g.key.startswith("Ngân sách"))
    assert (budget.compliance.met, budget.compliance.failed) == (group.met, group.failed)
    assert budget.compliance.met == 2 and budget.compliance.failed == 1  # TDP 1 missing
    assert by_code["D2"].self_score == 2.0  # the parent's sum, as issue 5 computes it
    assert by_code["D2.2"].basis.startswith("Danh sách hộ nghèo")
    # Reading the link changes no score.
    assert services.assessments.scoreboard(papi.id) == before
    assert link.message == "" and link.frameworks == ("PAPI 2026",)


def test_anchors_by_alias_or_name(posted):
    services, _row = posted
    par = services.frameworks.load_template("PAR", 2026)
    chosen = linked_criteria(services.frameworks.criteria(par.id))
    assert chosen and all(is_anchor(r) or r.parent_id for r in chosen)
    assert any("công khai, minh bạch" in r.name for r in chosen)
