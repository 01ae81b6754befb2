"""Automatic rotating backups: on close and once a day, keeping 7 daily and 12 monthly.

Automatic backups are zips named ``pardesk-YYYYMMDD-HHMMSS.zip`` in ``backups/tu-dong``
beside the database. Which ones to keep is a pure function of their timestamps, so the rule
is tested without touching a disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from services.errors import UserError
from services.safety.backup import BackupInfo, auto_backups_dir, create_backup, read_manifest

_NAME = re.compile(r"^pardesk-(\d{8}-\d{6})\.zip$")
DAILY_KEPT = 7
MONTHLY_KEPT = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size: int


def backups_to_keep(
    stamps: list[datetime], *, daily: int = DAILY_KEPT, monthly: int = MONTHLY_KEPT
) -> set[datetime]:
    """The newest backup of each of the last ``daily`` days that have one, and the newest of
    each of the last ``monthly`` months that have one (the two sets overlap)."""
    newest_per_day: dict[date, datetime] = {}
    newest_per_month: dict[tuple[int, int], datetime] = {}
    for stamp in stamps:
        day, month = stamp.date(), (stamp.year, stamp.month)
        if day not in newest_per_day or stamp > newest_per_day[day]:
            newest_per_day[day] = stamp
        if month not in newest_per_month or stamp > newest_per_month[month]:
            newest_per_month[month] = stamp
    keep = {newest_per_day[d] for d in sorted(newest_per_day, reverse=True)[:daily]}
    keep |= {newest_per_month[m] for m in sorted(newest_per_month, reverse=True)[:monthly]}
    return keep


def list_auto_backups(db_path: Path) -> list[BackupFile]:
    """Automatic backups, newest first: complete ones only.

    A file counts as a backup only under its final name and with a readable manifest, so a
    partial file (``….dang-ghi``) or a zip cut short is never kept in place of a real backup,
    nor makes the daily backup look done.
    """
    folder = auto_backups_dir(db_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and path.is_file() and _complete(path):
                taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
                found.append(BackupFile(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _complete(path: Path) -> bool:
    try:
        read_manifest(path)
    except UserError:
        return False
    return True


def rotate(db_path: Path) -> list[Path]:
    """Delete the automatic backups the rule does not keep; returns the deleted paths."""
    files = list_auto_backups(db_path)
    keep = backups_to_keep([f.taken_at for f in files])
    removed = []
    for f in files:
        if f.taken_at not in keep:
            f.path.unlink(missing_ok=True)
            removed.append(f.path)
    return removed


def daily_backup_due(db_path: Path, now: datetime | None = None) -> bool:
    files = list_auto_backups(db_path)
    now = now or datetime.now()
    return not files or now - files[0].taken_at >= timedelta(days=1)


def unchanged_since_last(db_path: Path, last_audit_id: int | None) -> bool:
    """True when the newest automatic backup already holds every recorded change."""
    files = list_auto_backups(db_path)
    if not files or last_audit_id is None:
        return False
    try:
        return read_manifest(files[0].path).last_audit_id == last_audit_id
    except UserError:
        return False


def run_auto_backup(db_path: Path, *, now: datetime | None = None) -> BackupInfo:
    """Make one automatic backup, then rotate. Raises ``BackupError`` on failure."""
    now = now or datetime.now()
    folder = auto_backups_dir(db_path)
    target = folder / f"pardesk-{now:%Y%m%d-%H%M%S}.zip"
    while target.exists():  # two backups in the same second
        now += timedelta(seconds=1)
        target = folder / f"pardesk-{now:%Y%m%d-%H%M%S}.zip"
    info = create_backup(db_path, target)
    rotate(db_path)
    return info
