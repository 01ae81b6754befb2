"""Restore a checked backup over the current database, keeping the current one aside.

Order of work: check the manifest (``services.safety.backup.check_manifest``); extract into
temporary names beside the database, checking every member's size and sha256; upgrade the
extracted copy through the migrations; refuse a database that a window still has open; copy
the current database and move its evidence folder into ``backups/``; only then swap.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from services.safety.backup import (
    CHUNK,
    DB_MEMBER,
    BackupError,
    BackupInfo,
    BackupMember,
    check_manifest,
    damaged_member,
    describe_os_error,
    evidence_dir,
    remove_quietly,
)
from services.store.paths import backups_dir


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    kept_aside: Path | None  # the database that was replaced, copied into backups/
    evidence_aside: Path | None
    upgraded_from: str | None = None
    warnings: tuple[str, ...] = field(default=())


def _extract(
    archive_path: Path, archive: zipfile.ZipFile, member: BackupMember, destination: Path
) -> None:
    """Stream one member out, checking its size and sha256 against the manifest."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(member.name) as src, destination.open("wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except KeyError as exc:
        raise BackupError(f"Bản sao lưu “{archive_path.name}” thiếu tệp {exc}.") from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise BackupError(f"Bản sao lưu “{archive_path.name}” bị hỏng ({exc}).") from exc
    if size != member.size or digest.hexdigest() != member.sha256:
        raise damaged_member(archive_path, member)


def restore_backup(archive_path: Path, db_path: Path) -> RestoreResult:
    """Replace the database at ``db_path`` (and its evidence folder) with a checked backup.

    The caller must have closed every connection to ``db_path`` (checked: an open database is
    refused). Every member is checked against the manifest as it is extracted beside the
    database; the extracted copy is upgraded; the current database goes into ``backups/``;
    only then are the files swapped.
    """
    from services.store.db import open_database
    from services.store.schema import ensure_schema

    archive_path = Path(archive_path)
    db_path = Path(db_path)
    # Cheap checks now; every member's hash is checked as it is extracted, before any swap.
    info = check_manifest(archive_path)
    folder = db_path.parent
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staged_db = folder / f".khoi-phuc-{stamp}.sqlite"
    staged_evidence = folder / f".khoi-phuc-{stamp}-evidence"
    upgraded_from = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(archive_path) as archive:
            for member in info.members:
                if member.name == DB_MEMBER:
                    _extract(archive_path, archive, member, staged_db)
                else:
                    relative = member.name.split("/", 1)[1]
                    _extract(archive_path, archive, member, staged_evidence / relative)
        staged = open_database(staged_db)
        try:
            outcome = ensure_schema(staged)
            with staged.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            staged.dispose()
        if outcome.before != outcome.after:
            upgraded_from = outcome.before
        _remove_sidecars(staged_db)
        ensure_not_in_use(db_path)  # last, so a refused restore leaves the file untouched
        kept_aside, evidence_aside = _set_current_aside(db_path, stamp)
        try:
            os.replace(staged_db, db_path)
        except OSError:
            if evidence_aside is not None:  # put the current evidence back where it was
                os.replace(evidence_aside, evidence_dir(db_path))
            raise
        if staged_evidence.exists():
            os.replace(staged_evidence, evidence_dir(db_path))
    except OSError as exc:
        raise BackupError("Khôi phục không thành công. " + describe_os_error(exc, db_path)) from exc
    finally:
        remove_quietly(staged_db)
        _remove_sidecars(staged_db)
        shutil.rmtree(staged_evidence, ignore_errors=True)
    return RestoreResult(info, kept_aside, evidence_aside, upgraded_from)


def ensure_not_in_use(db_path: Path) -> None:
    """Refuse to replace a database that a ParDesk window (or anything else) has open.

    Leaving WAL mode needs the only connection to the file, so asking for it is a reliable
    test; it changes nothing that matters (the next open switches WAL back on).
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    busy = BackupError(
        f"Tệp dữ liệu “{db_path.name}” đang được mở (cửa sổ ParDesk trên máy này hoặc máy "
        "khác). Hãy đóng mọi cửa sổ ParDesk rồi khôi phục lại; chưa thay đổi gì."
    )
    try:
        conn = sqlite3.connect(db_path, timeout=1)
    except sqlite3.Error as exc:
        raise busy from exc
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise busy from exc
    except sqlite3.DatabaseError:
        return  # a damaged current file: restoring over it is exactly what is wanted
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise busy


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        remove_quietly(path.with_name(path.name + suffix))


def _set_current_aside(db_path: Path, stamp: str) -> tuple[Path | None, Path | None]:
    """Copy the current database into backups/ and move its evidence folder beside it."""
    from services.store.schema import backup_sqlite

    kept = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = backups_dir(db_path) / f"truoc-khoi-phuc-{stamp}.sqlite"
        backup_sqlite(db_path, kept)
    evidence_aside = None
    current_evidence = evidence_dir(db_path)
    if current_evidence.exists():
        evidence_aside = backups_dir(db_path) / f"truoc-khoi-phuc-{stamp}-evidence"
        evidence_aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(current_evidence, evidence_aside)
    _remove_sidecars(db_path)
    return kept, evidence_aside
