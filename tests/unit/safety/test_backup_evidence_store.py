"""Backups hold the evidence store of the scores module (<db folder>/evidence/<sha[:2]>/<sha>) and
a restore brings every stored file back, matching its hash and its database row."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from services.bundle import build_services
from services.safety.backup import create_backup, evidence_dir
from services.safety.checks import check_database
from services.safety.restore import restore_backup
from services.store.db import open_database

pytestmark = pytest.mark.sqlite_only  # backups copy the .sqlite file itself


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_evidence_added_through_the_service_is_backed_up_and_restored(
    services, database, db_path, tmp_path
):
    minutes = tmp_path / "Biên bản họp.pdf"
    minutes.write_bytes(b"%PDF-1.7 bien ban " * 500)
    photo = tmp_path / "ảnh niêm yết.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 anh " * 300)
    task = services.plans.tasks(services.plans.list_plans()[0].id)[0]
    first = services.evidence.add_file(minutes, title="Biên bản họp", task_ids=[task.id])
    second = services.evidence.add_file(photo, title="Ảnh niêm yết")
    stored = {
        first.id: services.evidence.stored_path(_sha(minutes.read_bytes())),
        second.id: services.evidence.stored_path(_sha(photo.read_bytes())),
    }
    sha = _sha(minutes.read_bytes())
    assert stored[first.id] == evidence_dir(db_path) / sha[:2] / sha
    # A copy interrupted mid-way (program killed) is no evidence and stays out of the backup.
    (evidence_dir(db_path) / ".incoming-x1y2").write_bytes(b"half a file")

    info = create_backup(db_path, tmp_path / "usb" / "sao-luu.zip")
    members = {m.name for m in info.members}
    assert f"evidence/{sha[:2]}/{sha}" in members and info.evidence_count == 2
    assert not any(".incoming-" in name for name in members)
    with zipfile.ZipFile(info.path) as archive:
        assert archive.read(f"evidence/{sha[:2]}/{sha}") == minutes.read_bytes()

    # After the backup: one file lost from the store, one more added.
    stored[first.id].unlink()
    services.evidence.add_file(tmp_path / "usb" / "sao-luu.zip", title="Thêm sau sao lưu")
    database.dispose()

    result = restore_backup(info.path, db_path)
    assert result.evidence_aside is not None
    restored = open_database(db_path)
    try:
        again = build_services(restored)
        assert [e.title for e in again.evidence.list_files()] == ["Biên bản họp", "Ảnh niêm yết"]
        for evidence_id, path in stored.items():
            assert path.read_bytes() == (minutes if evidence_id == first.id else photo).read_bytes()
        assert again.evidence.get(first.id).task_ids == (task.id,)
        report = check_database(restored)
        assert report.ok and not report.orphan_files and report.evidence_files == 2
    finally:
        restored.dispose()
