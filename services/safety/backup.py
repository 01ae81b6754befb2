"""Backups of a ParDesk database and its evidence folder, as one verifiable .zip (restore:
services.safety.restore).

A backup is made while the program runs: the SQLite file is copied with SQLite's online
backup API (a consistent snapshot, WAL included), the files of ``<db folder>/evidence/`` are
streamed in chunk by chunk, and ``manifest.json`` lists the sha256 of every member and the
schema revision. The zip is written under a temporary name and renamed only when complete, so
a full disk, a read-only folder or a USB stick pulled out never leaves a half backup that looks
whole. A kill, which no code can catch, leaves the partial file with a ParDesk marker beside
it; the next backup to that place and the next start remove it (services.safety.leftovers), and the
automatic rotation never counts it. Restore checks everything before it touches the current
database, upgrades an older backup through the migrations, and keeps the current database
aside.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from services.errors import NewerSchemaError, UserError
from services.safety import leftovers
from services.store.paths import backups_dir
from services.version import APP_VERSION

MANIFEST = "manifest.json"
DB_MEMBER = "pardesk.sqlite"
EVIDENCE_FOLDER = "evidence"
FORMAT = 1
CHUNK = 1024 * 1024
# Evidence is mostly PDF/JPEG: compressing it again costs time and saves nothing.
_STORED_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".zip", ".docx", ".xlsx", ".mp4", ".gif"}

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


class BackupError(UserError):
    """A backup or restore could not be done; nothing half-made was left behind."""


@dataclass(frozen=True)
class BackupMember:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    app_version: str
    schema_revision: str
    members: tuple[BackupMember, ...] = ()
    last_audit_id: int | None = None
    # What an earlier, interrupted backup had left at this place and this backup removed.
    cleaned: tuple[Path, ...] = ()

    @property
    def evidence_count(self) -> int:
        return sum(1 for m in self.members if m.name.startswith(EVIDENCE_FOLDER + "/"))

    @property
    def total_size(self) -> int:
        return sum(m.size for m in self.members)


def evidence_dir(db_path: Path) -> Path:
    return db_path.parent / EVIDENCE_FOLDER


def auto_backups_dir(db_path: Path) -> Path:
    return backups_dir(db_path) / "tu-dong"


def describe_os_error(exc: OSError, target: Path) -> str:
    """A plain Vietnamese sentence for the ways writing a backup fails in practice."""
    code = exc.errno
    if code == errno.ENOSPC:
        return f"Ổ đĩa chứa “{target.parent}” đã đầy; hãy giải phóng dung lượng hoặc chọn nơi khác."
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"Không ghi được vào “{target.parent}” (thư mục chỉ đọc hoặc không có quyền ghi); "
            "hãy chọn thư mục khác."
        )
    if code in (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO):
        return (
            f"Mất kết nối tới “{target.parent}” (USB bị rút ra hoặc ổ đĩa bị lỗi); "
            "hãy cắm lại rồi sao lưu lần nữa."
        )
    return f"Lỗi ghi tệp “{target.name}”: {exc.strerror or exc}."


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _evidence_files(folder: Path) -> Iterator[tuple[str, Path]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        # ".incoming-*": a copy into the store cut short (program killed); it is no evidence.
        if path.is_file() and not path.name.startswith(leftovers.INCOMING_PREFIX):
            yield f"{EVIDENCE_FOLDER}/{path.relative_to(folder).as_posix()}", path


def snapshot_database(db_path: Path, destination: Path) -> tuple[str, int | None]:
    """Online copy of a live database; returns its schema revision and last audit id."""
    src = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)  # one step: a consistent snapshot even while others write
            revision = _scalar(dst, "SELECT version_num FROM alembic_version")
            last_audit = _scalar(dst, "SELECT max(id) FROM audit_log")
        finally:
            dst.close()
    finally:
        src.close()
    if revision is None:
        raise BackupError(f"Tệp “{db_path.name}” không phải tệp dữ liệu ParDesk; không sao lưu.")
    return str(revision), (int(last_audit) if last_audit is not None else None)


def _scalar(conn: sqlite3.Connection, sql: str) -> int | float | str | bytes | None:
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.OperationalError:
        return None  # table absent (an older schema)
    return row[0] if row else None


def _write_member(
    archive: zipfile.ZipFile, name: str, source: Path, done: Callable
) -> BackupMember | None:
    """Stream one file into the zip; None when it vanished before it could be opened."""
    compress = (
        zipfile.ZIP_STORED if source.suffix.lower() in _STORED_SUFFIXES else zipfile.ZIP_DEFLATED
    )
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = compress
    digest = hashlib.sha256()
    size = 0
    try:
        handle = source.open("rb")
    except FileNotFoundError:
        if name == DB_MEMBER:
            raise
        return None  # an evidence file deleted meanwhile is simply not in this backup
    # Size and hash are of the bytes actually written, even if the file grows meanwhile.
    with handle, archive.open(info, "w", force_zip64=True) as out:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
            done(len(chunk))
    return BackupMember(name, size, digest.hexdigest())


def _check_free_space(folder: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # unknown: the write itself will tell
    if free < needed:
        raise OSError(errno.ENOSPC, "not enough space")


def create_backup(db_path: Path, target: Path, *, progress: Progress | None = None) -> BackupInfo:
    """Write ``target`` (.zip) with the database, the evidence folder and the manifest.

    The zip appears under its name only when complete; on any error the partial file is
    removed and a ``BackupError`` says why in Vietnamese. The database is never modified.
    What an earlier, interrupted backup left at that place is removed first and listed in
    ``cleaned``.
    """
    db_path = Path(db_path)
    target = Path(target)
    if not db_path.is_file():
        raise BackupError(f"Không có tệp dữ liệu “{db_path}”.")
    partial = leftovers.partial_name(target)  # unique per process
    marker_file = leftovers.partial_marker(partial)
    pointer = leftovers.pointer_path(db_path, partial)
    created = datetime.now().replace(microsecond=0)
    cleaned = (leftovers.tidy_backup_place(target.parent) + leftovers.tidy_backup_temp()).removed
    made: list[Path] = []  # removed on any failure, in this order
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=leftovers.TEMP_PREFIX) as tmp:
            content = leftovers.marker(
                leftovers.MARKER_KIND_BACKUP,
                partial=partial.name,
                partial_path=str(partial),
                temp=tmp,
                database=str(db_path),
            )
            leftovers.write_marker(Path(tmp) / leftovers.TEMP_MARKER,
                                   leftovers.marker(leftovers.MARKER_KIND_TEMP))  # fmt: skip
            # The marker first, so that a kill at any later moment leaves a partial that the
            # next backup here (or the next start, through the pointer) recognises as ours.
            leftovers.write_marker(marker_file, content)
            made.append(marker_file)
            try:
                pointer.parent.mkdir(parents=True, exist_ok=True)
                leftovers.write_marker(pointer, content)
                made.append(pointer)
            except OSError:
                pass  # a read-only data folder: the marker beside the partial still works
            snapshot = Path(tmp) / DB_MEMBER
            revision, last_audit = snapshot_database(db_path, snapshot)
            sources = [(DB_MEMBER, snapshot), *_evidence_files(evidence_dir(db_path))]
            total = sum(_size_or_zero(p) for _, p in sources)
            done = [0]

            def advance(n: int) -> None:
                done[0] += n
                if progress is not None:
                    progress(done[0], total)

            _check_free_space(target.parent, total + 1024 * 1024)
            members = []
            made.insert(0, partial)
            with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
                for name, source in sources:
                    member = _write_member(archive, name, source, advance)
                    if member is not None:
                        members.append(member)
                manifest = {
                    "format": FORMAT,
                    "app": "ParDesk",
                    "app_version": APP_VERSION,
                    "schema_revision": revision,
                    "created_at": created.isoformat(),
                    "last_audit_id": last_audit,
                    "files": [m.__dict__ for m in members],
                }
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(partial, target)
        made.remove(partial)
        for path in made:
            remove_quietly(path)
    except OSError as exc:
        _remove_all(made)
        raise BackupError("Sao lưu không thành công. " + describe_os_error(exc, target)) from exc
    except sqlite3.Error as exc:
        _remove_all(made)
        raise BackupError(f"Sao lưu không thành công: không đọc được dữ liệu ({exc}).") from exc
    except BaseException:
        _remove_all(made)
        raise
    return BackupInfo(target, created, APP_VERSION, revision, tuple(members), last_audit, cleaned)


def _remove_all(paths: list[Path]) -> None:
    for path in paths:
        remove_quietly(path)


def remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the medium is gone; nothing more can be done about it


# ----- reading and checking ------------------------------------------------------------------
def read_manifest(path: Path) -> BackupInfo:
    """The manifest of a backup, without checking the hashes (fast: for lists)."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            raw = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise BackupError(
            f"Tệp “{path.name}” không phải bản sao lưu ParDesk hợp lệ (thiếu hoặc hỏng mục lục)."
        ) from exc
    except OSError as exc:
        raise BackupError(f"Không đọc được tệp “{path.name}”: {exc.strerror or exc}.") from exc
    try:
        members = tuple(
            BackupMember(str(m["name"]), int(m["size"]), str(m["sha256"])) for m in raw["files"]
        )
        return BackupInfo(
            path=path,
            created_at=datetime.fromisoformat(raw["created_at"]),
            app_version=str(raw.get("app_version", "")),
            schema_revision=str(raw["schema_revision"]),
            members=members,
            last_audit_id=raw.get("last_audit_id"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError(f"Mục lục của bản sao lưu “{path.name}” bị hỏng.") from exc


def _safe_member_name(name: str) -> bool:
    parts = name.split("/")
    return (
        not name.startswith("/")
        and "\\" not in name
        and ":" not in name
        and all(p not in ("", ".", "..") for p in parts)
        and (name == DB_MEMBER or parts[0] == EVIDENCE_FOLDER)
    )


def check_manifest(path: Path) -> BackupInfo:
    """The cheap checks: manifest readable, schema revision known, member names safe."""
    from services.store.schema import known_revisions

    info = read_manifest(path)
    if info.schema_revision not in known_revisions():
        raise NewerSchemaError(
            f"Bản sao lưu “{Path(path).name}” được tạo bởi một phiên bản ParDesk mới hơn "
            f"({info.app_version or 'không rõ'}, lược đồ “{info.schema_revision}”). "
            "Hãy cập nhật ParDesk rồi khôi phục; dữ liệu hiện tại được giữ nguyên."
        )
    names = [m.name for m in info.members]
    if DB_MEMBER not in names or len(set(names)) != len(names):
        raise BackupError(f"Bản sao lưu “{Path(path).name}” thiếu tệp dữ liệu.")
    bad = [n for n in names if not _safe_member_name(n)]
    if bad:
        raise BackupError(f"Bản sao lưu chứa tên tệp không hợp lệ: “{bad[0]}”.")
    return info


def damaged_member(path: Path, member: BackupMember) -> BackupError:
    return BackupError(
        f"Bản sao lưu “{Path(path).name}” bị hỏng: tệp “{member.name}” "
        "không khớp mã kiểm tra (sha256). Hãy dùng một bản sao lưu khác."
    )


def verify_backup(path: Path, *, progress: Progress | None = None) -> BackupInfo:
    """Check the manifest, every member's size and sha256, and the schema revision.

    Raises ``BackupError`` for a damaged archive and ``NewerSchemaError`` for a backup
    written by a newer ParDesk. Members are read in chunks, never whole.
    """
    info = check_manifest(path)
    total = info.total_size
    done = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in info.members:
                digest = hashlib.sha256()
                size = 0
                with archive.open(member.name) as handle:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
                if size != member.size or digest.hexdigest() != member.sha256:
                    raise damaged_member(path, member)
    except KeyError as exc:
        raise BackupError(f"Bản sao lưu “{Path(path).name}” thiếu tệp {exc}.") from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise BackupError(f"Bản sao lưu “{Path(path).name}” bị hỏng ({exc}).") from exc
    return info
