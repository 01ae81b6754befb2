"""Two windows on one file: no silent overwrite, locks retried then told in plain words."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest

import services.safety.locks as locks
import services.store.db as db_module
from services.bundle import build_services
from services.errors import ConflictError
from services.safety.audit import set_actor
from services.safety.locks import DatabaseBusyError
from services.store.db import open_database


@pytest.fixture
def two_windows(db_path, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 150)
    monkeypatch.setattr(locks, "PAUSE_S", 0.05)
    first, second = open_database(db_path), open_database(db_path)
    set_actor(first.session_factory, "Lê Thị Hoa")
    set_actor(second.session_factory, "Trần Văn Bình")
    yield build_services(first), build_services(second)
    first.dispose()
    second.dispose()


def _task(services):
    plan = services.plans.list_plans()[0]
    return next(t for t in services.plans.tasks(plan.id) if t.actionable)


def test_the_second_save_is_told_who_changed_the_record_and_when(two_windows):
    hoa, binh = two_windows
    seen_by_hoa = _task(hoa)
    seen_by_binh = binh.plans.task(seen_by_hoa.id)
    binh.plans.update_task(
        seen_by_binh.id,
        replace(seen_by_binh.draft(), percent=50),
        expected_version=seen_by_binh.version,
    )
    with pytest.raises(ConflictError) as caught:
        hoa.plans.update_task(
            seen_by_hoa.id,
            replace(seen_by_hoa.draft(), percent=80),
            expected_version=seen_by_hoa.version,
        )
    message = caught.value.message
    assert "Trần Văn Bình" in message and "Tiến độ (%): 0 → 50" in message
    last = binh.audit.last_change("plan_tasks", seen_by_hoa.id)
    assert f"{last.at:%H:%M} ngày {last.at:%d/%m/%Y}" in message
    # Nothing was overwritten; Hoa can choose to reload and save over it knowingly.
    assert hoa.plans.task(seen_by_hoa.id).percent == 50
    fresh = hoa.plans.task(seen_by_hoa.id)
    hoa.plans.update_task(
        fresh.id, replace(fresh.draft(), percent=80), expected_version=fresh.version
    )
    assert binh.plans.task(fresh.id).percent == 80


def _hold_write_lock(path, release: threading.Event, held: threading.Event) -> None:
    conn = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    held.set()
    release.wait(5)
    conn.execute("ROLLBACK")
    conn.close()


@pytest.mark.sqlite_only
def test_a_lock_held_too_long_is_reported_in_plain_vietnamese(two_windows, db_path):
    hoa, _ = two_windows
    task = _task(hoa)
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, release, held))
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(DatabaseBusyError, match="chưa lưu được.*thử lại"):
            hoa.plans.update_task(task.id, replace(task.draft(), percent=10))
    finally:
        release.set()
        holder.join()
    assert hoa.plans.task(task.id).percent == task.percent


@pytest.mark.sqlite_only
def test_a_short_lock_is_waited_out_by_the_retries(two_windows, db_path):
    hoa, _ = two_windows
    task = _task(hoa)
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, release, held))
    holder.start()
    held.wait(5)
    threading.Timer(0.25, release.set).start()
    try:
        saved = hoa.plans.update_task(task.id, replace(task.draft(), percent=10))
    finally:
        release.set()
        holder.join()
    assert saved.percent == 10


@pytest.mark.sqlite_only
def test_a_file_in_a_shared_network_folder_uses_the_rollback_journal(db_path, monkeypatch):
    import services.store.shared_folder as shared

    monkeypatch.setattr(shared, "is_network_path", lambda _p: True)
    first, second = open_database(db_path), open_database(db_path)
    try:
        with first.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        a, b = build_services(first), build_services(second)
        task = _task(a)
        b.plans.update_task(
            task.id, replace(task.draft(), percent=30), expected_version=task.version
        )
        with pytest.raises(ConflictError):
            a.plans.update_task(
                task.id, replace(task.draft(), percent=70), expected_version=task.version
            )
    finally:
        first.dispose()
        second.dispose()
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_network_paths_are_recognised():
    from pathlib import Path

    from services.store.shared_folder import _mount_type, is_network_path

    assert is_network_path(Path("\\\\may-chu\\du-lieu\\pardesk.sqlite"))
    assert is_network_path(Path("//may-chu/du-lieu/pardesk.sqlite"))
    assert _mount_type(Path("/proc/self")) == "proc"
    assert not is_network_path(Path.cwd())
