"""Restore a checked backup over the current database, keeping the current one aside.

Order of work: check the manifest (``services.safety.backup.check_manifest``); extract into
temporary names beside the database, checking every member's size and sha256; upgrade the
extracted copy through the migrations; refuse a database that a window still has open; copy
the current database and move its evidence folder into ``backups/``; only then swap.
A journal beside the database (``.khoi-phuc-<stamp>.json``) records the phase, so that the
next start finishes or rolls back a restore that was killed (``recover_interrupted_restore``).
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

from services.safety import leftovers
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

JOURNAL_KIND = "restore"
STAGED_PREFIX = ".khoi-phuc-"
PHASE_STAGING = "staging"
PHASE_SWAPPING = "swapping"
_NAME_PREFIXES = (STAGED_PREFIX, "truoc-khoi-phuc-")


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    kept_aside: Path | None  # the database that was replaced, copied into backups/
    evidence_aside: Path | None
    upgraded_from: str | None = None
    warnings: tuple[str, ...] = field(default=())
    # An earlier restore of this database that was killed, finished or rolled back first.
    earlier: leftovers.Tidied = field(default_factory=leftovers.Tidied)


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
    only then are the files swapped. A journal beside the database says how far it got, so
    that a restore killed at any moment is rolled back (nothing swapped yet) or finished
    (swapping begun) by ``recover_interrupted_restore`` on the next start.
    """
    from services.store.db import open_database
    from services.store.schema import ensure_schema

    archive_path = Path(archive_path)
    db_path = Path(db_path)
    # Cheap checks now; every member's hash is checked as it is extracted, before any swap.
    info = check_manifest(archive_path)
    try:
        earlier = recover_interrupted_restore(db_path)
    except OSError as exc:
        raise BackupError("Khôi phục không thành công. " + describe_os_error(exc, db_path)) from exc
    folder = db_path.parent
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staged_db = folder / f"{STAGED_PREFIX}{stamp}.sqlite"
    staged_evidence = folder / f"{STAGED_PREFIX}{stamp}-evidence"
    journal = folder / f"{STAGED_PREFIX}{stamp}.json"
    kept = backups_dir(db_path) / f"truoc-khoi-phuc-{stamp}.sqlite"
    aside = backups_dir(db_path) / f"truoc-khoi-phuc-{stamp}-evidence"
    content = leftovers.marker(
        JOURNAL_KIND,
        phase=PHASE_STAGING,
        archive=str(archive_path),
        database=db_path.name,
        staged_db=staged_db.name,
        staged_evidence=staged_evidence.name,
        kept_aside=kept.name,
        evidence_aside=aside.name,
    )
    upgraded_from = None
    kept_aside = evidence_aside = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        leftovers.write_marker(journal, content)  # before anything is staged
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
        kept_aside = _copy_current_aside(db_path, kept)
        # From here on, a kill is finished forward: everything needed is staged and checked.
        leftovers.write_marker(journal, {**content, "phase": PHASE_SWAPPING,
                                         "had_current": kept_aside is not None})  # fmt: skip
        evidence_aside = _move_evidence_aside(db_path, aside)
        try:
            os.replace(staged_db, db_path)
        except OSError:
            if evidence_aside is not None:  # put the current evidence back where it was
                os.replace(evidence_aside, evidence_dir(db_path))
            raise
        if staged_evidence.exists():
            os.replace(staged_evidence, evidence_dir(db_path))
    except OSError as exc:
        if kept_aside is None:
            remove_quietly(kept)  # a copy cut short; the current database is untouched
        raise BackupError("Khôi phục không thành công. " + describe_os_error(exc, db_path)) from exc
    finally:
        _remove_staged(staged_db, staged_evidence)
        leftovers.remove_marker(journal)  # last: staged files never outlive their journal
    return RestoreResult(info, kept_aside, evidence_aside, upgraded_from, earlier=earlier)


def _remove_staged(staged_db: Path, staged_evidence: Path) -> None:
    remove_quietly(staged_db)
    _remove_sidecars(staged_db)
    shutil.rmtree(staged_evidence, ignore_errors=True)


def recover_interrupted_restore(db_path: Path) -> leftovers.Tidied:
    """On start: finish or roll back a restore that was killed, then delete its staged files.

    Only files a ParDesk restore journal names (``.khoi-phuc-<stamp>.json`` beside the
    database, whose process is gone) are touched. Before swapping began the current database
    was never touched: the restore is rolled back. Once swapping began the staged copy was
    complete and checked and the current database already copied aside: it is finished, so
    the user is never left with one database and the other's evidence.
    """
    db_path = Path(db_path)
    folder = db_path.parent
    result = leftovers.Tidied()
    if not folder.is_dir():
        return result
    journals = {leftovers.marker_path(p) for p in folder.glob(STAGED_PREFIX + "*.json*")}
    for journal in sorted(p for p in journals if p.name.endswith(".json")):
        if leftovers.empty_draft(journal):  # killed as the journal was being created
            result += leftovers.Tidied(tuple(leftovers.remove_marker(journal)))
            continue
        content = leftovers.read_marker_or_draft(journal, JOURNAL_KIND)
        if content is None or content.get("database") != db_path.name:
            continue
        if not leftovers.marker_is_stale(content, journal):
            continue  # a restore running right now in another process
        names = [str(content.get(k) or "") for k in ("staged_db", "staged_evidence", "kept_aside")]
        if not all(_own_name(n) for n in names):
            continue
        staged_db, staged_evidence = folder / names[0], folder / names[1]
        archive = Path(str(content.get("archive", ""))).name
        removed: list[Path] = []
        if content.get("phase") == PHASE_SWAPPING:
            note = _finish_swap(db_path, content, staged_db, staged_evidence, archive)
        else:
            kept = backups_dir(db_path) / names[2]
            if kept.exists() and leftovers.remove_path(kept):
                removed.append(kept)  # a copy cut short of the untouched current database
            note = (
                f"Lần khôi phục bản sao lưu “{archive}” trước đây bị ngắt trước khi thay dữ "
                "liệu; dữ liệu hiện tại được giữ nguyên. Nếu vẫn cần, hãy khôi phục lại."
            )
        for path in (staged_db, *_sidecars(staged_db), staged_evidence):
            if path.exists() and leftovers.remove_path(path):
                removed.append(path)
        leftovers.remove_marker(journal)
        result += leftovers.Tidied(tuple(removed), (note,))
    return result


def _own_name(name: object) -> bool:
    """A plain file name of the restore's own (never a path a crafted journal could aim)."""
    return (
        isinstance(name, str)
        and name.startswith(_NAME_PREFIXES)
        and "/" not in name
        and "\\" not in name
        and ".." not in name
    )


def _finish_swap(
    db_path: Path, content: dict, staged_db: Path, staged_evidence: Path, archive: str
) -> str:
    """Do what is left of a swap; each step is done once whatever moment the kill came."""
    aside = backups_dir(db_path) / str(content.get("evidence_aside"))
    current_evidence = evidence_dir(db_path)
    if staged_db.exists():  # the database was not replaced yet
        if current_evidence.exists() and not aside.exists():
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(current_evidence, aside)
        _remove_sidecars(db_path)
        os.replace(staged_db, db_path)
    if staged_evidence.exists() and not current_evidence.exists():
        os.replace(staged_evidence, current_evidence)
    kept = backups_dir(db_path) / str(content.get("kept_aside"))
    where = f" Dữ liệu trước đó được cất tại: {kept}." if content.get("had_current") else ""
    return (
        f"Lần khôi phục bản sao lưu “{archive}” trước đây bị ngắt giữa lúc thay dữ liệu; "
        f"ParDesk đã hoàn tất việc khôi phục.{where}"
    )


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
    for sidecar in _sidecars(path):
        remove_quietly(sidecar)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _copy_current_aside(db_path: Path, kept: Path) -> Path | None:
    """Copy the current database into backups/ (None when there is none yet)."""
    from services.store.schema import backup_sqlite

    if db_path.exists() and db_path.stat().st_size > 0:
        return backup_sqlite(db_path, kept)
    return None


def _move_evidence_aside(db_path: Path, aside: Path) -> Path | None:
    """Move the current evidence folder beside the copy; drop the database's sidecars."""
    evidence_aside = None
    current_evidence = evidence_dir(db_path)
    if current_evidence.exists():
        evidence_aside = aside
        evidence_aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(current_evidence, evidence_aside)
    _remove_sidecars(db_path)
    return evidence_aside
