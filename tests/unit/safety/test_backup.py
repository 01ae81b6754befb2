"""Backups and restore on real files: live snapshot, hashes, failures, old and newer backups."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from main import main
from services.errors import NewerSchemaError
from services.plan.plans import TaskDraft
from services.safety.backup import (
    DB_MEMBER,
    BackupError,
    create_backup,
    evidence_dir,
    read_manifest,
    verify_backup,
)
from services.safety.restore import restore_backup
from services.store.schema import HEAD_REVISION

pytestmark = pytest.mark.sqlite_only  # the .sqlite file itself

DATA = Path(__file__).resolve().parents[2] / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count_tasks(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        value = conn.execute("SELECT count(*) FROM plan_tasks").fetchone()[0]
    conn.close()
    return value


def _first_section(services) -> int:
    plan = services.plans.list_plans()[0]
    return services.plans.sections(plan.id)[0].id


@pytest.fixture
def evidence(db_path: Path) -> Path:
    folder = evidence_dir(db_path)
    (folder / "2025" / "ho-so").mkdir(parents=True)
    (folder / "2025" / "ho-so" / "bien-ban họp.pdf").write_bytes(b"%PDF-1.4 " + b"x" * 300_000)
    (folder / "anh.jpg").write_bytes(bytes(range(256)) * 100)
    return folder


def test_backup_of_a_running_database_holds_the_last_commit_and_the_evidence(
    services, db_path, evidence, tmp_path
):
    # The service's connection stays open (WAL not checkpointed) while the backup runs.
    services.plans.create_task(TaskDraft(section_id=_first_section(services), text="Việc mới"))
    target = tmp_path / "usb" / "sao-luu.zip"
    info = create_backup(db_path, target)
    assert target.exists() and not list(target.parent.glob("*.dang-ghi"))
    assert info.schema_revision == HEAD_REVISION
    assert info.evidence_count == 2
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert {"evidence/2025/ho-so/bien-ban họp.pdf", "evidence/anh.jpg", DB_MEMBER} <= names
        for member in manifest["files"]:
            assert hashlib.sha256(archive.read(member["name"])).hexdigest() == member["sha256"]
        archive.extract(DB_MEMBER, tmp_path / "out")
    assert _count_tasks(tmp_path / "out" / DB_MEMBER) == _count_tasks(db_path) == 49
    assert verify_backup(target).members == info.members


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "đã đầy"),
        (errno.EROFS, "chỉ đọc"),
        (errno.EIO, "USB bị rút ra"),
    ],
)
def test_a_failed_write_leaves_no_partial_backup_and_the_database_intact(
    database, db_path, evidence, tmp_path, monkeypatch, code, words
):
    before = _digest(db_path)
    written = [0]
    real_write = zipfile._ZipWriteFile.write

    def failing_write(self, data):
        written[0] += len(data)
        if written[0] > 200_000:
            raise OSError(code, "injected")
        return real_write(self, data)

    monkeypatch.setattr(zipfile._ZipWriteFile, "write", failing_write)
    target = tmp_path / "usb" / "sao-luu.zip"
    with pytest.raises(BackupError, match=words):
        create_backup(db_path, target)
    assert list(target.parent.iterdir()) == []
    assert _digest(db_path) == before


def test_restore_replaces_the_database_and_keeps_the_current_one_aside(
    services, database, db_path, evidence, tmp_path
):
    archive = create_backup(db_path, tmp_path / "b.zip").path
    services.plans.create_task(TaskDraft(section_id=_first_section(services), text="Sau sao lưu"))
    (evidence / "moi.pdf").write_bytes(b"%PDF new")
    database.dispose()  # the program closes its connections before restoring

    result = restore_backup(archive, db_path)
    assert _count_tasks(db_path) == 48
    assert result.kept_aside is not None and _count_tasks(result.kept_aside) == 49
    assert sorted(p.name for p in evidence.rglob("*") if p.is_file()) == [
        "anh.jpg",
        "bien-ban họp.pdf",
    ]
    assert (result.evidence_aside / "moi.pdf").read_bytes() == b"%PDF new"
    assert not list(db_path.parent.glob(".khoi-phuc-*"))


def test_an_older_backup_is_upgraded_through_the_migrations(tmp_path):
    old = tmp_path / "cu" / "pardesk.sqlite"
    old.parent.mkdir()
    shutil.copyfile(DATA / "schema-0001.sqlite", old)
    archive = create_backup(old, tmp_path / "cu.zip")
    assert archive.schema_revision == "0001"
    current = tmp_path / "moi" / "pardesk.sqlite"
    assert main(["init", "--db", str(current), "--empty"]) == 0
    result = restore_backup(archive.path, current)
    with sqlite3.connect(current) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    conn.close()
    assert revision == HEAD_REVISION
    assert result.upgraded_from == ("0001" if HEAD_REVISION != "0001" else None)
    assert _count_tasks(current) == 48


def _rewrite(archive: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item.filename, change(item.filename, data))
    return target


def test_a_backup_from_a_newer_pardesk_is_refused_and_nothing_changes(db_path, tmp_path):
    archive = create_backup(db_path, tmp_path / "b.zip").path

    def future(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest.update(schema_revision="z999", app_version="9.0")
        return json.dumps(manifest).encode()

    newer = _rewrite(archive, tmp_path / "newer.zip", future)
    before = _digest(db_path)
    with pytest.raises(NewerSchemaError, match="phiên bản ParDesk mới hơn"):
        restore_backup(newer, db_path)
    assert _digest(db_path) == before


def test_a_damaged_member_is_detected_before_anything_is_replaced(db_path, evidence, tmp_path):
    archive = create_backup(db_path, tmp_path / "b.zip").path
    damaged = _rewrite(
        archive,
        tmp_path / "damaged.zip",
        lambda n, d: d[:-1] + b"!" if n == "evidence/anh.jpg" else d,
    )
    before = _digest(db_path)
    with pytest.raises(BackupError, match="evidence/anh.jpg.*sha256"):
        restore_backup(damaged, db_path)
    assert _digest(db_path) == before


def test_a_renamed_file_is_not_a_backup(db_path, tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_text("không phải zip")
    with pytest.raises(BackupError, match="không phải bản sao lưu ParDesk"):
        read_manifest(fake)


def test_cli_backup_then_restore(db_path, evidence, tmp_path, capsys):
    out = tmp_path / "lich" / "hang-ngay.zip"
    assert main(["backup", "--db", str(db_path), "-o", str(out)]) == 0
    assert "Đã sao lưu vào" in capsys.readouterr().out
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM plan_tasks")
    conn.close()
    assert main(["restore", str(out), "--db", str(db_path)]) == 0
    printed = capsys.readouterr().out
    assert "Đã khôi phục" in printed and "được cất tại" in printed
    assert _count_tasks(db_path) == 48


def test_cli_restore_of_a_missing_file_fails_clearly(db_path, tmp_path, capsys):
    assert main(["restore", str(tmp_path / "khong-co.zip"), "--db", str(db_path)]) == 1
    assert "Lỗi:" in capsys.readouterr().err


def test_restore_refuses_a_database_that_a_window_has_open(services, db_path, tmp_path):
    archive = create_backup(db_path, tmp_path / "b.zip").path
    services.plans.list_plans()  # the window's connection stays open in the pool
    before = _digest(db_path)
    with pytest.raises(BackupError, match="đang được mở.*chưa thay đổi gì"):
        restore_backup(archive, db_path)
    assert _digest(db_path) == before
    assert services.plans.list_plans()  # the open window goes on working


def test_a_full_disk_is_seen_before_writing_anything(db_path, evidence, tmp_path, monkeypatch):
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 1000, 1000))
    target = tmp_path / "usb" / "b.zip"
    with pytest.raises(BackupError, match="đã đầy"):
        create_backup(db_path, target)
    assert list(target.parent.iterdir()) == []


def test_an_evidence_file_deleted_during_the_backup_is_left_out(
    db_path, evidence, tmp_path, monkeypatch
):
    import services.safety.backup as backup_module

    real = backup_module._evidence_files

    def listing_then_delete(folder):
        files = list(real(folder))
        (folder / "anh.jpg").unlink()  # deleted after the listing, before it is read
        return files

    monkeypatch.setattr(backup_module, "_evidence_files", listing_then_delete)
    info = create_backup(db_path, tmp_path / "b.zip")
    assert [m.name for m in info.members if m.name.startswith("evidence/")] == [
        "evidence/2025/ho-so/bien-ban họp.pdf"
    ]
    assert verify_backup(info.path).members == info.members


def test_restore_onto_a_new_pc_creates_the_data_folder(db_path, evidence, tmp_path, capsys):
    archive = create_backup(db_path, tmp_path / "b.zip").path
    target = tmp_path / "may-moi" / "ParDesk" / "pardesk.sqlite"
    assert main(["restore", str(archive), "--db", str(target)]) == 0
    assert _count_tasks(target) == 48
    assert (target.parent / "evidence" / "anh.jpg").exists()
    assert "được cất tại" not in capsys.readouterr().out  # nothing was there to keep aside
