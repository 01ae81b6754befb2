"""Bad --db targets get a clear Vietnamese message and are left exactly as they were."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from services.errors import DatabaseOpenError
from services.store.startup import prepare_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_non_sqlite_file_is_refused_untouched(tmp_path):
    target = tmp_path / "baocao.docx"
    target.write_bytes(b"PK\x03\x04 this is a Word file, not a database" * 50)
    before = _digest(target)
    with pytest.raises(DatabaseOpenError, match="không phải là tệp dữ liệu"):
        prepare_database(target)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baocao.docx"]


@pytest.mark.sqlite_only
def test_corrupt_database_is_refused_untouched(tmp_path, sample_template):
    target = tmp_path / "hong.sqlite"
    data = bytearray(sample_template.read_bytes())
    for offset in range(4096, len(data), 997):  # scribble over every page after the first
        data[offset : offset + 64] = b"\xff" * 64
    target.write_bytes(bytes(data))
    before = _digest(target)
    with pytest.raises(DatabaseOpenError, match="bị hỏng|Không đọc được"):
        prepare_database(target)
    assert _digest(target) == before


def test_locked_database_is_reported_not_waited_on_forever(tmp_path):
    target = tmp_path / "khoa.sqlite"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, sys, time
                c = sqlite3.connect({str(target)!r}, isolation_level=None)
                c.execute("BEGIN EXCLUSIVE")
                print("locked", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = _digest(target)
        with pytest.raises(DatabaseOpenError, match="khóa"):
            prepare_database(target)
        assert _digest(target) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_read_only_folder_is_reported(tmp_path):
    folder = tmp_path / "chidoc"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseOpenError, match="chỉ cho phép đọc"):
            prepare_database(folder / "pardesk.sqlite")
    finally:
        folder.chmod(0o755)


def test_new_database_in_a_missing_folder_is_created_with_the_sample(tmp_path):
    db, outcome = prepare_database(tmp_path / "moi" / "pardesk.sqlite")
    try:
        assert outcome.created
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        db.dispose()
