"""A database in a shared network folder must not use WAL.

SQLite's WAL mode keeps its lock table in shared memory, which does not work between PCs over
SMB/NFS: two ward PCs opening one file on a share in WAL mode can corrupt it. For such a file
ParDesk uses the classic rollback journal (locks through the file system) and full syncs;
on a local disk it keeps WAL, which is faster and lets readers work during a write.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs"}
DRIVE_REMOTE = 4


def is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):  # \\server\share\pardesk.sqlite
        return True
    try:
        resolved = path.resolve()
    except OSError:
        return False
    if sys.platform == "win32":  # a mapped drive letter (Z:) pointing at a share
        import ctypes

        root = resolved.anchor or str(resolved)[:3]
        return ctypes.windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOTE
    return _mount_type(resolved) in NETWORK_FILESYSTEMS


def _mount_type(path: Path) -> str:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    text = str(path)
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (text == point or text.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, kind = point, parts[2]
    return kind


def sqlite_pragmas(busy_timeout_ms: int, *, journal_mode: str, synchronous: str):
    """The connection set-up of every ParDesk SQLite file: busy timeout, foreign keys, and the
    journal mode and sync level its place calls for (WAL on a local disk; see
    ``shared_folder_pragmas`` for a network share).

    The busy timeout is the engine's (services.store.db), given here rather than imported so
    the two modules do not import each other.
    """

    def set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != journal_mode.lower():
                cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
        finally:
            cursor.close()

    return set_pragmas


def shared_folder_pragmas(busy_timeout_ms: int):
    """Connection set-up for a file on a network share: rollback journal, full sync."""
    return sqlite_pragmas(busy_timeout_ms, journal_mode="DELETE", synchronous="FULL")
