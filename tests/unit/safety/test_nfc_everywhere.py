"""Decomposed (NFD) text — pasted from a Mac, a PDF, a web page — is stored NFC by every module."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from sqlalchemy import select

import models
from services.disclosure.drafts import PostingDraft
from services.documents.reports import ReportText
from services.legal.dto import DocumentDraft
from services.legal.surveys import SurveyDraft
from services.office.organisation import OrganisationProfile
from services.plan.plans import TaskDraft
from services.scores.dto import CriterionEdit


def nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text  # the test really feeds decomposed text
    return decomposed


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_plan_task(services):
    plan = services.plans.list_plans()[0]
    section = services.plans.sections(plan.id)[0].id
    row = services.plans.create_task(
        TaskDraft(section_id=section, text=nfd("Rà soát thủ tục"), result_notes=nfd("Đã họp"))
    )
    task = services.plans.task(row.id)
    assert task.text == "Rà soát thủ tục" and task.result_notes == "Đã họp"


def test_units_and_organisation(services):
    unit = services.units.create("TTN", nfd("Tổ tiếp nhận"))
    assert unit.name == "Tổ tiếp nhận"
    profile = services.organisation.get()
    services.organisation.save(
        OrganisationProfile(**{**profile.__dict__, "body_line2": nfd("PHƯỜNG DỊ SỬ")})
    )
    assert services.organisation.get().body_line2 == "PHƯỜNG DỊ SỬ"


def test_legal_document_and_survey(services):
    doc = services.legal.create_document(
        DocumentDraft(
            doc_type=nfd("Quyết định"),
            number_symbol="09/2025/QĐ-UBND",
            issued_on=date(2025, 5, 2),
            effective_on=date(2025, 5, 20),
            issuer="ubnd",
            summary=nfd("Quy chế tiếp công dân"),
            signer=nfd("Nguyễn Văn Hải"),
        )
    )
    stored = services.legal.document(doc.id)
    assert (stored.doc_type, stored.number_symbol, stored.summary, stored.signer) == (
        "Quyết định",
        "09/2025/QĐ-UBND",
        "Quy chế tiếp công dân",
        "Nguyễn Văn Hải",
    )
    assert [d.id for d in services.legal.documents() if d.number_symbol == "09/2025/QĐ-UBND"]
    survey = services.legal_surveys.save_survey(
        SurveyDraft(title=nfd("Khảo sát ý kiến người dân"), started_on=date(2025, 6, 1))
    )
    assert survey.title == "Khảo sát ý kiến người dân"


def test_disclosure_group_and_posting(services):
    group = services.disclosure_setup.add_group(nfd("Tổ dân phố Đông Sơn"))
    assert group.name == "Tổ dân phố Đông Sơn"
    year = date.today().year
    services.disclosure.generate_plan(year)
    row = services.disclosure.disclosures(year)[0]
    form = row.rule.forms[0] if row.rule and row.rule.forms else "NIEM_YET_TRU_SO"
    posted = max(row.trigger_date or date(year, 1, 2), date(year, 1, 2))
    try:
        saved = services.disclosure.add_posting(
            PostingDraft(
                disclosure_id=row.id,
                form=form,
                posted_on=min(posted, date.today()),
                group_id=group.id if form in ("NIEM_YET_NVH_TDP", "QUA_TO_TRUONG_TDP") else None,
                place=nfd("Bảng tin trụ sở"),
                evidence_note=nfd("Biên bản niêm yết"),
            )
        )
    except Exception as exc:  # the sample's rule may refuse the date; then say so
        pytest.fail(f"posting refused: {exc}")
    posting = saved.postings[-1]
    assert (posting.place, posting.evidence_note) == ("Bảng tin trụ sở", "Biên bản niêm yết")


def test_scores_criterion_and_evidence(services, tmp_path):
    framework = services.frameworks.load_template("PAR", 2025)
    leaf = next(c for c in services.frameworks.criteria(framework.id) if c.parent_id is not None)
    services.frameworks.update_criterion(
        leaf.id, CriterionEdit(name=nfd("Ban hành kế hoạch"), max_points=leaf.max_points)
    )
    names = {c.id: c.name for c in services.frameworks.criteria(framework.id)}
    assert names[leaf.id] == "Ban hành kế hoạch"
    source = tmp_path / nfd("Biên bản.pdf")
    source.write_bytes(b"%PDF-1.7 nfd")
    info = services.evidence.add_file(source, title=nfd("Biên bản họp"))
    assert info.title == "Biên bản họp" and is_nfc(info.original_name)


def test_report_text(services):
    plan = services.plans.list_plans()[0]
    saved = services.documents.reports.save(
        ReportText(plan_id=plan.id, period="Q1", assessment=nfd("Đạt yêu cầu"))
    )
    assert saved.assessment == "Đạt yêu cầu"


def test_a_module_that_forgets_nfc_is_still_stored_nfc(services):
    """The guard on the session: a record written without calling nfc (a future module)."""
    factory = services.database.session_factory
    with factory.begin() as session:
        unit = models.Unit(code="MOI", name=nfd("Bộ phận mới"), kind="office", position=99)
        session.add(unit)
    with factory.begin() as session:
        unit = session.scalars(select(models.Unit).where(models.Unit.code == "MOI")).one()
        assert unit.name == "Bộ phận mới"
        unit.name = nfd("Bộ phận đổi tên")
    with factory() as session:
        stored = session.scalars(select(models.Unit.name).where(models.Unit.code == "MOI")).one()
    assert stored == "Bộ phận đổi tên" and is_nfc(stored)


def test_every_new_session_factory_gets_the_guards():
    """A factory created where a dead one lived still gets NFC and the audit trail (SQLAlchemy's
    ``event.contains`` keys by id() and used to answer "already installed" for it)."""
    import gc

    from sqlalchemy import create_engine, func
    from sqlalchemy.orm import sessionmaker
    from sqlalchemy.pool import StaticPool

    from services.safety.audit import install_audit
    from services.safety.nfc_guard import install_nfc

    engine = create_engine("sqlite://", poolclass=StaticPool)
    models.Base.metadata.create_all(engine)
    for number in range(40):
        factory = sessionmaker(engine, expire_on_commit=False)
        install_nfc(factory)
        install_audit(factory)
        code = f"K{number}"
        with factory.begin() as session:
            session.add(models.Unit(code=code, name=nfd("Khối phường"), kind="office", position=1))
        with factory() as session:
            name = session.scalars(select(models.Unit.name).where(models.Unit.code == code)).one()
            logged = session.scalar(select(func.count()).select_from(models.AuditEntry))
        del factory, session
        gc.collect()
        assert name == "Khối phường", f"factory {number}: text not NFC"
        assert logged == number + 1, f"factory {number}: the change is not in the audit trail"
    engine.dispose()
