"""The audit trail: who/when/what for every model, in the same transaction as the change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from models import PlanTask
from services.bundle import build_services
from services.safety.audit import set_actor
from services.safety.audit_trail import AuditService
from services.store.db import open_database


def _audit_count(path) -> int:
    db = open_database(path)  # a separate connection: only what was committed
    try:
        with db.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
    finally:
        db.dispose()


@pytest.fixture
def audit(database) -> AuditService:
    set_actor(database.session_factory, "Nguyễn Văn An")
    return AuditService(database.session_factory)


def _a_task(services):
    plan = services.plans.list_plans()[0]
    return next(t for t in services.plans.tasks(plan.id) if t.lead_unit_id and t.actionable)


def test_an_edit_is_logged_with_who_when_and_old_to_new_values(services, audit):
    task = _a_task(services)
    units = services.units.list()
    partner = next(
        u.id for u in units if u.id not in task.partner_ids and u.id != task.lead_unit_id
    )
    draft = replace(
        task.draft(),
        text="Rà soát thủ tục hành chính",
        deadline=date(2025, 9, 30),
        partner_ids=(*task.partner_ids, partner),
    )
    services.plans.update_task(task.id, draft, expected_version=task.version)

    entry, *older = audit.history("plan_tasks", task.id)
    assert older[-1].action == "insert"  # loading the sample plan
    assert entry.actor == "Nguyễn Văn An" and entry.action_label == "Sửa"
    assert entry.table_label == "Nhiệm vụ"
    assert entry.record_label == f"{task.outline} Rà soát thủ tục hành chính"  # STT and text
    by_field = {c.field: c for c in entry.changes}
    assert by_field["text"].old == task.text and by_field["text"].new == draft.text
    assert by_field["deadline"].new == "30/09/2025"
    partner_name = next(u.name for u in units if u.id == partner)
    assert by_field["partners"].new == partner_name and by_field["partners"].old == "(trống)"
    assert "updated_at" not in by_field and "version" not in by_field
    assert "Thời hạn: (trống) → 30/09/2025" in entry.summary


def test_create_and_delete_are_logged(services, audit):
    section = services.plans.sections(services.plans.list_plans()[0].id)[0]
    from services.plan.plans import TaskDraft

    created = services.plans.create_task(TaskDraft(section_id=section.id, text="Việc thêm mới"))
    services.plans.delete_task(created.id)
    entries = audit.history("plan_tasks", created.id)
    assert [e.action for e in entries] == ["delete", "insert"]
    assert {c.field: c.new for c in entries[1].changes}["text"] == "Việc thêm mới"
    assert {c.field: c.old for c in entries[0].changes}["text"] == "Việc thêm mới"


def test_a_rolled_back_change_leaves_no_trail_and_a_commit_carries_its_trail(database, db_path):
    before = _audit_count(db_path)
    factory = database.session_factory
    with pytest.raises(RuntimeError), factory.begin() as session:
        task = session.scalars(select(PlanTask).limit(1)).one()
        task.percent = 77
        session.flush()  # the trail row is written on this connection...
        raise RuntimeError("power cut")  # ...and goes away with the change
    assert _audit_count(db_path) == before
    with factory.begin() as session:
        session.scalars(select(PlanTask).limit(1)).one().percent = 55
    assert _audit_count(db_path) == before + 1


class _OtherBase(DeclarativeBase):
    pass


class _Evidence(_OtherBase):
    """A table added by another feature, unknown to the audit code."""

    __tablename__ = "scratch_evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


def test_tables_added_later_are_covered_without_any_registration(database, audit):
    _OtherBase.metadata.create_all(database.engine)
    with database.session_factory.begin() as session:
        session.add(_Evidence(name="Biên bản họp.pdf"))
    with database.session_factory.begin() as session:
        session.scalars(select(_Evidence)).one().name = "Biên bản họp tháng 3.pdf"
    entries = audit.history("scratch_evidence", 1)
    assert [e.action for e in entries] == ["update", "insert"]
    assert entries[0].changes[0].old == "Biên bản họp.pdf"
    assert entries[0].table_label == "scratch_evidence"


def test_the_log_is_searchable_without_accents_and_exports_to_xlsx(services, audit, tmp_path):
    task = _a_task(services)
    services.plans.update_task(task.id, replace(task.draft(), result_notes="Đã hoàn thành đợt 1"))
    found = audit.entries("nguyen van an hoan thanh dot 1")
    assert [e.record_id for e in found] == [str(task.id)]
    assert audit.entries("khong co tu nay") == []
    path = audit.export_xlsx(tmp_path / "nhat-ky.xlsx", found)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Thời điểm" and sheet["B2"].value == "Nguyễn Văn An"
    assert [c.value for c in sheet[1]] == [
        "Thời điểm", "Người thực hiện", "Thao tác", "Loại", "Bản ghi", "Thay đổi"
    ]  # fmt: skip
    assert sheet["E2"].value.startswith(f"{task.outline} ")
    assert "Kết quả: (trống) → Đã hoàn thành đợt 1" in sheet["F2"].value
    assert sheet["A2"].number_format.startswith("dd/mm/yyyy")


def test_the_command_line_records_the_os_login(database):
    from services.safety.audit import default_actor

    assert AuditService(database.session_factory).actor == default_actor() != ""


def test_services_bundle_audit_field(database):
    services = build_services(database)
    assert services.audit.entries() is not None


def test_bulk_orm_updates_are_logged_as_one_row(database, audit):
    from sqlalchemy import update

    with database.session_factory.begin() as session:
        session.execute(update(PlanTask).where(PlanTask.percent == 0).values(percent=5))
    [entry] = audit.entries(table="plan_tasks", record_id="*")
    assert entry.actor == "Nguyễn Văn An" and entry.action == "update"
    assert entry.record_label.endswith("(Tiến độ (%) = 0)")  # the column in words
    assert int(entry.record_label.split()[0]) > 10
    assert str(entry.changes[0]) == "Tiến độ (%): 5"
