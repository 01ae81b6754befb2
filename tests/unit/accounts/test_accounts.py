"""Accounts and roles, checked at the service layer (the UI only hides what this refuses)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from services.accounts.access import PermissionDeniedError, current_account
from services.accounts.users import AccountDraft
from services.bundle import build_services
from services.errors import UserError, ValidationError
from services.plan.progress import ProgressDraft
from services.store.db import open_database

PASSWORD = "mat-khau-1"


@pytest.fixture
def office(services):
    """Accounts on, with one account of each role; returns services signed in as nobody yet."""
    units = services.units.by_code()
    first_unit = next(iter(units.values()))
    services.accounts.enable(AccountDraft("quantri", "Nguyễn Văn Quản", "administrator", PASSWORD))
    for login, name, role, unit in (
        ("lanhdao", "Trần Thị Lãnh", "leader", None),
        ("vanphong", "Lê Văn Phòng", "office", None),
        ("canbo", "Phạm Thị Cán", "unit_officer", first_unit.id),
    ):
        services.accounts.create(AccountDraft(login, name, role, PASSWORD, unit_id=unit))
    return services, first_unit


def _tasks(services, unit_id, own: bool):
    plan = services.plans.plan_for_year(2025)
    return [
        t
        for t in services.plans.tasks(plan.id)
        if t.actionable and t.lead_unit_id is not None and (t.lead_unit_id == unit_id) == own
    ]


def _renamed_signer(services):
    return dataclasses.replace(services.organisation.get(), signer_name="Người Khác")


def test_without_accounts_one_local_administrator_may_do_everything(services):
    assert services.accounts.enabled() is False
    assert current_account(services.database.session_factory).local
    task = _tasks(services, None, own=False)[0]
    services.plans.update_task(task.id, dataclasses.replace(task.draft(), text="Sửa thử"))
    profile = services.organisation.get()
    services.organisation.save(dataclasses.replace(profile, signer_name="Nguyễn Văn A"))


def test_passwords_are_salted_argon2_and_checked(office, db_path):
    services, _ = office
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT login, password_hash FROM user_accounts")
            hashes = {login: digest for login, digest in rows}
    finally:
        db.dispose()
    assert all(h.startswith("$argon2id$") for h in hashes.values())
    assert len(set(hashes.values())) == 4  # same password, different salts
    assert PASSWORD not in "".join(hashes.values())
    with pytest.raises(UserError, match="không đúng"):
        services.accounts.sign_in("canbo", "sai-mat-khau")
    assert services.accounts.sign_in("CanBo", PASSWORD).role == "unit_officer"


def test_accounts_setting_is_kept_and_nobody_writes_before_signing_in(office, db_path, monkeypatch):
    db = open_database(db_path)
    try:
        again = build_services(db)  # another PC, or the program started again
        assert again.accounts.enabled() is True
        assert again.accounts.current().role_label == "chưa đăng nhập"
        assert [a.login for a in again.accounts.accounts()] == [
            "canbo",
            "lanhdao",
            "quantri",
            "vanphong",
        ]
        with pytest.raises(PermissionDeniedError, match="Chưa đăng nhập"):
            again.organisation.save(_renamed_signer(again))
    finally:
        db.dispose()
    monkeypatch.setenv("PARDESK_USER", "quantri")  # a script signs in from its environment
    monkeypatch.setenv("PARDESK_PASSWORD", PASSWORD)
    db = open_database(db_path)
    try:
        scripted = build_services(db)
        assert scripted.accounts.current().login == "quantri"
        assert scripted.organisation.save(_renamed_signer(scripted)).signer_name == "Người Khác"
    finally:
        db.dispose()


def test_unit_officer_updates_only_their_own_units_tasks(office):
    services, unit = office
    services.accounts.sign_in("canbo", PASSWORD)
    own = _tasks(services, unit.id, own=True)[0]
    other = _tasks(services, unit.id, own=False)[0]
    draft = ProgressDraft(date(2025, 6, 30), 40, "in_progress", "Đã triển khai")
    assert services.progress.user_name() == "Phạm Thị Cán (canbo)"  # the dialog shows it
    entry = services.progress.record(own.id, draft)
    assert entry.entered_by == "Phạm Thị Cán (canbo)"
    assert services.plans.task(own.id).percent == 40
    before = services.plans.task(other.id)
    with pytest.raises(PermissionDeniedError, match="bộ phận khác"):
        services.progress.record(other.id, draft)
    assert services.plans.task(other.id) == before
    assert services.progress.history(other.id) == []
    with pytest.raises(PermissionDeniedError, match="chỉ được cập nhật tiến độ"):
        services.plans.update_task(own.id, dataclasses.replace(own.draft(), text="Đổi nội dung"))
    with pytest.raises(PermissionDeniedError, match="thay đổi thông tin đơn vị"):
        services.organisation.save(_renamed_signer(services))
    with pytest.raises(PermissionDeniedError, match="quản lý tài khoản"):
        services.accounts.create(AccountDraft("moi", "Người Mới", "office", PASSWORD))


def test_unit_officer_cannot_change_the_partners_of_their_own_task(office):
    services, unit = office
    services.accounts.sign_in("canbo", PASSWORD)
    own = _tasks(services, unit.id, own=True)[0]
    others = [
        u.id for u in services.units.list() if u.id != unit.id and u.id not in own.partner_ids
    ]
    changed = dataclasses.replace(own.draft(), partner_ids=(*own.partner_ids, others[0]))
    with pytest.raises(PermissionDeniedError, match="chỉ được cập nhật tiến độ"):
        services.plans.update_task(own.id, changed)
    assert services.plans.task(own.id).partner_ids == own.partner_ids


def test_unit_officer_cannot_move_a_task_into_their_unit(office):
    services, unit = office
    services.accounts.sign_in("canbo", PASSWORD)
    other = _tasks(services, unit.id, own=False)[0]
    moved = dataclasses.replace(other.draft(), lead_unit_id=unit.id)
    with pytest.raises(PermissionDeniedError):
        services.plans.update_task(other.id, moved)
    assert services.plans.task(other.id).lead_unit_id == other.lead_unit_id


def test_office_edits_the_plan_but_not_the_profile_or_frameworks(office):
    services, unit = office
    services.accounts.sign_in("vanphong", PASSWORD)
    task = _tasks(services, unit.id, own=False)[0]
    row = services.plans.update_task(task.id, dataclasses.replace(task.draft(), text="Mới"))
    assert row.text == "Mới"
    services.progress.record(task.id, ProgressDraft(date(2025, 5, 1), 10, "in_progress"))
    with pytest.raises(PermissionDeniedError, match="thông tin đơn vị"):
        services.organisation.save(_renamed_signer(services))
    with pytest.raises(PermissionDeniedError):
        services.units.create("XX", "Bộ phận thử")


def test_leader_reads_everything_and_may_not_edit_the_plan(office):
    services, unit = office
    services.accounts.sign_in("lanhdao", PASSWORD)
    plan = services.plans.plan_for_year(2025)
    assert services.plans.tasks(plan.id)
    task = _tasks(services, unit.id, own=True)[0]
    with pytest.raises(PermissionDeniedError, match="Lãnh đạo"):
        services.plans.update_task(task.id, dataclasses.replace(task.draft(), text="X"))
    with pytest.raises(PermissionDeniedError):
        services.progress.record(task.id, ProgressDraft(date(2025, 5, 1), 10, "in_progress"))


def test_administrator_manages_profile_and_accounts_not_the_plan(office):
    services, unit = office
    services.accounts.sign_in("quantri", PASSWORD)
    profile = services.organisation.get()
    saved = services.organisation.save(dataclasses.replace(profile, signer_name="Nguyễn Văn Mới"))
    assert saved.signer_name == "Nguyễn Văn Mới"
    created = services.accounts.create(
        AccountDraft("tuphap", "Hoàng Văn Tư", "unit_officer", PASSWORD, unit_id=unit.id)
    )
    assert (created.login, created.unit_name) == ("tuphap", unit.name)
    task = _tasks(services, unit.id, own=True)[0]
    with pytest.raises(PermissionDeniedError):
        services.plans.update_task(task.id, dataclasses.replace(task.draft(), text="X"))
    admin = next(a for a in services.accounts.accounts() if a.login == "quantri")
    demoted = AccountDraft("quantri", admin.full_name, "office")
    with pytest.raises(UserError, match="ít nhất một tài khoản quản trị"):
        services.accounts.update(admin.id, demoted)


def test_account_validation_names_each_field(office):
    services, _ = office
    services.accounts.sign_in("quantri", PASSWORD)
    with pytest.raises(ValidationError) as caught:
        services.accounts.create(AccountDraft("vanphong", "", "unit_officer", "ngan"))
    fields = [p.where for p in caught.value.problems]
    assert fields == ["Tên đăng nhập", "Họ và tên", "Bộ phận", "Mật khẩu"]


def test_audit_trail_records_the_account(office):
    services, unit = office
    services.accounts.sign_in("canbo", PASSWORD)
    services.audit.set_actor("Tên gõ ở Cài đặt")  # the signed-in account wins
    own = _tasks(services, unit.id, own=True)[0]
    services.progress.record(own.id, ProgressDraft(date(2025, 7, 1), 55, "in_progress"))
    entries = services.audit.history("plan_tasks", own.id)
    assert entries[0].actor == "Phạm Thị Cán (canbo)"
    assert {c.field for c in entries[0].changes} >= {"percent"}


def test_leader_approves_and_numbers_a_report_an_officer_may_not(office):
    from services.documents.reports import ReportText

    services, _ = office
    plan = services.plans.plan_for_year(2025)
    services.accounts.sign_in("canbo", PASSWORD)
    text = ReportText(plan.id, "Q3", summary="Tóm tắt quý III")
    with pytest.raises(PermissionDeniedError, match="Cán bộ bộ phận"):
        services.documents.reports.save(text)
    services.accounts.sign_in("lanhdao", PASSWORD)
    saved = services.documents.reports.save(text)
    assert saved.summary == "Tóm tắt quý III"
    entry = services.documents.number_report(2025, "Q3", date(2025, 10, 5))
    assert entry.number and services.documents.report_number(2025, "Q3") == entry


def test_unit_officer_attaches_evidence_to_their_task(office, tmp_path):
    services, unit = office
    services.accounts.sign_in("canbo", PASSWORD)
    own = _tasks(services, unit.id, own=True)[0]
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban hop")
    info = services.evidence.add_file(scan, title="Biên bản họp", task_ids=[own.id])
    assert info.title == "Biên bản họp"
    assert [e.id for e in services.evidence.list_files()] == [info.id]


def test_password_hashes_never_enter_the_change_log(services):
    """The audit trail records that a password changed, never the hash itself."""
    import json

    from sqlalchemy import select

    from models import AuditEntry, UserAccount

    with services.database.session_factory.begin() as session:
        session.add(
            UserAccount(
                login="hoa", full_name="Lê Thị Hoa", password_hash="$argon2id$secret", role="office"
            )
        )
    with services.database.session_factory() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "user_accounts")
        ).all()
    assert rows
    assert all("$argon2id$secret" not in row.changes for row in rows)
    assert json.loads(rows[-1].changes)["password_hash"][1] == "(đã thay đổi)"
