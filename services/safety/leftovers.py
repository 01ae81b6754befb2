"""What an interrupted backup, restore or evidence import leaves behind, and how it is tidied.

A program killed in the middle of its work (power cut, Task Manager, a frozen PC switched
off) cannot clean up after itself, so ParDesk leaves a *marker* beside everything it makes
under a temporary name, and the next backup to the same place, and the next start, remove
what a marker proves is ParDesk's and whose process is gone:

- a backup being written is ``<target>.<pid>.dang-ghi``; beside it ``<that>.json`` says
  ParDesk wrote it (``MARKER_KIND_BACKUP``, host, pid). A pointer with the same content in
  ``backups/`` beside the database lets the next start find a target on a USB stick;
- the snapshot folder of a backup is ``<temp>/pardesk-backup-*`` holding ``pardesk-tam.json``;
- a restore keeps a journal ``.khoi-phuc-<stamp>.json`` beside the database
  (services.safety.restore finishes or rolls it back);
- an evidence copy cut short is ``evidence/.incoming-<pid>-*`` (the pid is the marker), and a
  stored file that no record names is recognised by its name being its own sha256.

Nothing else is ever removed: a user's file with a similar name but no marker stays, and
so does anything whose process still runs (another window making a backup right now). A
marker from another computer (a shared folder) counts as stale only when its partial file
has not been written for ``FOREIGN_STALE_SECONDS``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

APP = "ParDesk"
MARKER_KIND_BACKUP = "backup-partial"
MARKER_KIND_TEMP = "backup-temp"
TEMP_PREFIX = "pardesk-backup-"
TEMP_MARKER = "pardesk-tam.json"
PARTIAL_SUFFIX = ".dang-ghi"
POINTER_PREFIX = ".dang-sao-luu-"
INCOMING_PREFIX = ".incoming-"
DRAFT = ".tmp"
EMPTY_FOLDER_STALE_SECONDS = 60
FOREIGN_STALE_SECONDS = 15 * 60
_PARTIAL = re.compile(r"^(?P<target>.+)\.(?P<pid>\d+)\.dang-ghi$")
_INCOMING = re.compile(r"^\.incoming-(?P<pid>\d+)-[A-Za-z0-9_]+$")


@dataclass(frozen=True)
class Tidied:
    """What a tidy-up removed (each path) and what it did besides (Vietnamese sentences)."""

    removed: tuple[Path, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.removed or self.notes)

    def __add__(self, other: Tidied) -> Tidied:
        return Tidied(self.removed + other.removed, self.notes + other.notes)

    def lines(self) -> list[str]:
        """For the command line, the status bar and the log: one line per file."""
        out = list(self.notes)
        if self.removed:
            out.append(
                f"Đã xóa {len(self.removed)} tệp/thư mục dở dang do lần làm việc trước bị ngắt:"
            )
            out.extend(f"  - {p}" for p in self.removed)
        return out


def this_host() -> str:
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Whether a process of that id runs on this computer (unsure counts as running)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows-only module attribute
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def process_started(pid: int) -> str | None:
    """When a process started, as the OS tells it; None when this OS does not say.

    A pid is reused once its process is gone (every 32768 processes on many Linux PCs), so a
    marker keeps its process's start too: a new process with the old pid is not its writer.
    """
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows-only module attribute
        handle = kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return None
        try:
            times = [wintypes.FILETIME() for _ in range(4)]
            if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
                return None
            return str((times[0].dwHighDateTime << 32) | times[0].dwLowDateTime)
        finally:
            kernel32.CloseHandle(handle)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else None  # field 22: start time since boot


def marker(kind: str, **extra: object) -> dict:
    return {
        "app": APP,
        "kind": kind,
        "host": this_host(),
        "pid": os.getpid(),
        "pid_started": process_started(os.getpid()),
        "started": datetime.now().isoformat(timespec="seconds"),
        **extra,
    }


def draft_of(path: Path) -> Path:
    """Where a marker is written before it is renamed into place."""
    return path.with_name(path.name + DRAFT)


def write_marker(path: Path, content: dict) -> None:
    """Write a marker whole or not at all: a draft first, then renamed over the marker, so a
    reader always sees the old content or the new (a kill can leave the draft; see
    ``read_marker_or_draft`` and ``remove_marker``)."""
    draft = draft_of(path)
    draft.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    os.replace(draft, path)


def read_marker_or_draft(path: Path, kind: str) -> dict | None:
    """The marker, else its draft left by a kill between writing and renaming it."""
    return read_marker(path, kind) or read_marker(draft_of(path), kind)


def empty_draft(path: Path) -> bool:
    """A draft killed between creating and writing it: an empty file, nothing to lose."""
    draft = draft_of(path)
    try:
        return not path.exists() and draft.is_file() and draft.stat().st_size == 0
    except OSError:
        return False


def remove_marker(path: Path) -> list[Path]:
    """Remove a marker and its draft; the paths really removed."""
    return [p for p in (path, draft_of(path)) if p.exists() and remove_path(p)]


def marker_path(path: Path) -> Path:
    """The marker a marker file or its draft stands for."""
    return path.with_name(path.name.removesuffix(DRAFT))


def read_marker(path: Path, kind: str) -> dict | None:
    """The marker's content when it is a ParDesk marker of ``kind``; else None."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(content, dict) or content.get("app") != APP or content.get("kind") != kind:
        return None
    if not isinstance(content.get("pid"), int):
        return None
    return content


def marker_is_stale(content: dict, written: Path | None = None) -> bool:
    """Its process is gone (this computer), or it went quiet long ago (another computer)."""
    if content.get("host") == this_host():
        pid = int(content["pid"])
        if not process_alive(pid):
            return True
        started, now = content.get("pid_started"), process_started(pid)
        return started is not None and now is not None and started != now  # pid reused
    newest = 0.0
    for path in (written,) if written is not None else ():
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            pass
    return time.time() - newest > FOREIGN_STALE_SECONDS


def remove_path(path: Path) -> bool:
    """Remove a file or folder; False when it could not be (nothing more is tried)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return True


# ----- backups -------------------------------------------------------------------------------
def partial_name(target: Path) -> Path:
    return target.with_name(f"{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def partial_marker(partial: Path) -> Path:
    return partial.with_name(partial.name + ".json")


def tidy_backup_place(folder: Path) -> Tidied:
    """Remove the partial backups (and their markers) an interrupted backup left in ``folder``.

    A partial is removed only when its name is ``<x>.<pid>.dang-ghi``, its marker says ParDesk
    wrote exactly that file, and the process that wrote it is gone.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return Tidied()
    markers = sorted(
        {
            marker_path(p)
            for p in entries
            if p.name.endswith((PARTIAL_SUFFIX + ".json", PARTIAL_SUFFIX + ".json" + DRAFT))
        }
    )
    for path in markers:
        partial = path.with_name(path.name.removesuffix(".json"))
        if empty_draft(path):
            removed.extend(remove_marker(path))
            continue
        content = read_marker_or_draft(path, MARKER_KIND_BACKUP)
        match = _PARTIAL.match(partial.name)
        if content is None or match is None or content.get("partial") != partial.name:
            continue
        if int(match.group("pid")) != content["pid"] or not marker_is_stale(content, partial):
            continue
        if partial.is_file() and remove_path(partial):
            removed.append(partial)
        removed.extend(remove_marker(path))
        temp = content.get("temp")
        if isinstance(temp, str) and temp:
            removed.extend(_remove_temp_dir(Path(temp)))
    return Tidied(tuple(removed))


def _remove_temp_dir(folder: Path) -> list[Path]:
    if not folder.name.startswith(TEMP_PREFIX) or not folder.is_dir():
        return []
    content = read_marker_or_draft(folder / TEMP_MARKER, MARKER_KIND_TEMP)
    if content is None:
        # Killed before its marker was written: a folder holding nothing (or an empty draft)
        # has nothing to lose once it is old enough not to be a backup just starting.
        try:
            inside = list(folder.iterdir())
            quiet = time.time() - folder.stat().st_mtime > EMPTY_FOLDER_STALE_SECONDS
        except OSError:
            return []
        empty = not inside or (
            inside == [draft_of(folder / TEMP_MARKER)] and empty_draft(folder / TEMP_MARKER)
        )
        return [folder] if empty and quiet and remove_path(folder) else []
    if not marker_is_stale(content, folder / TEMP_MARKER):
        return []
    return [folder] if remove_path(folder) else []


def tidy_backup_temp(root: Path | None = None) -> Tidied:
    """Remove snapshot folders of interrupted backups from the temporary folder."""
    root = Path(root or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = sorted(root.glob(TEMP_PREFIX + "*"))
    except OSError:
        return Tidied()
    for folder in candidates:
        removed.extend(_remove_temp_dir(folder))
    return Tidied(tuple(removed))


def pointer_path(db_path: Path, partial: Path) -> Path:
    """Beside the database: where a backup in progress says where its partial file is."""
    import hashlib

    from services.store.paths import backups_dir

    tag = hashlib.sha1(str(partial).encode("utf-8")).hexdigest()[:10]
    return backups_dir(db_path) / f"{POINTER_PREFIX}{os.getpid()}-{tag}.json"


def tidy_backup_pointers(db_path: Path) -> Tidied:
    """At start: follow each pointer an interrupted backup of this database left behind."""
    from services.store.paths import backups_dir

    result = Tidied()
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return result
    pointers = {marker_path(p) for p in folder.glob(POINTER_PREFIX + "*.json*")}
    for pointer in sorted(p for p in pointers if p.name.endswith(".json")):
        if empty_draft(pointer):
            remove_marker(pointer)
            continue
        content = read_marker_or_draft(pointer, MARKER_KIND_BACKUP)
        if content is None or not marker_is_stale(content):
            continue
        partial = content.get("partial_path")
        if isinstance(partial, str) and partial:
            result += tidy_backup_place(Path(partial).parent)
        temp = content.get("temp")
        if isinstance(temp, str) and temp:
            result += Tidied(tuple(_remove_temp_dir(Path(temp))))
        remove_marker(pointer)  # a pointer is ParDesk's own bookkeeping, not worth listing
    return result


# ----- evidence ------------------------------------------------------------------------------
def incoming_prefix() -> str:
    """Prefix of an evidence copy in progress; the pid says whose it is."""
    return f"{INCOMING_PREFIX}{os.getpid()}-"


def stale_incoming(folder: Path) -> list[Path]:
    """Evidence copies cut short whose process is gone (never another window's copy)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(INCOMING_PREFIX + "*")):
        match = _INCOMING.match(path.name)
        if match and path.is_file() and not process_alive(int(match.group("pid"))):
            found.append(path)
    return found
