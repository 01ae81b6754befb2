"""Open a database for use: tidy after an interruption, pre-flight checks, backup-then-migrate,
sample data when new."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from services.errors import DatabaseOpenError
from services.safety.leftovers import Tidied
from services.store.db import Database, is_server_url, open_database
from services.store.schema import SchemaOutcome, ensure_schema

TIDY_LOG = "nhat-ky-don-dep.txt"


def prepare_database(target: str | Path, *, sample: bool = True) -> tuple[Database, SchemaOutcome]:
    """Return a ready database; a new one gets the built-in sample plan unless ``sample=False``.

    Every known failure is a ``DatabaseOpenError`` with a Vietnamese message, and the file is
    left as it was. For a SQLite file, what an interrupted backup, restore or evidence import
    left behind is finished or removed first (``tidy_after_interruption``); the outcome's
    ``tidied`` says what, and the same lines go to ``backups/nhat-ky-don-dep.txt``.
    """
    path = None if is_server_url(str(target)) else _file_path(target)
    tidied = tidy_after_interruption(path) if path is not None else Tidied()
    db = open_database(target)
    try:
        outcome = ensure_schema(db)
        if outcome.created and sample:
            from services.plan.sample_data import load_sample

            load_sample(db.session_factory)
        if path is not None and not outcome.created:
            from services.safety.checks import repair_evidence

            tidied += repair_evidence(db)
    except DatabaseOpenError:
        db.dispose()
        raise
    except Exception as exc:
        db.dispose()
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
            raise DatabaseOpenError(
                "Tệp dữ liệu đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi thử lại."
            ) from exc
        raise
    if tidied and path is not None:
        _log(path, tidied)
    return db, replace(outcome, tidied=tuple(tidied.lines()))


def _file_path(target: str | Path) -> Path:
    return Path(str(target).removeprefix("sqlite:///")).expanduser()


def tidy_after_interruption(db_path: Path) -> Tidied:
    """Before the database is opened: finish or roll back a restore that was killed, and
    remove the partial backups and snapshot folders ParDesk's interrupted backups left.

    Failures here never stop the start: whatever could not be removed stays for next time.
    """
    from services.safety.backup import auto_backups_dir
    from services.safety.leftovers import tidy_backup_place, tidy_backup_pointers, tidy_backup_temp
    from services.safety.restore import recover_interrupted_restore
    from services.store.paths import backups_dir

    result = Tidied()
    for step in (
        lambda: roll_back_cut_transaction(db_path),
        lambda: recover_interrupted_restore(db_path),
        lambda: tidy_backup_pointers(db_path),
        lambda: tidy_backup_place(backups_dir(db_path)),
        lambda: tidy_backup_place(auto_backups_dir(db_path)),
        tidy_backup_temp,
    ):
        try:
            result += step()
        except OSError as exc:
            result += Tidied(notes=(f"Chưa dọn được tệp dở dang: {exc.strerror or exc}.",))
    return result


def roll_back_cut_transaction(db_path: Path) -> Tidied:
    """A write cut by a kill while the file was in rollback-journal mode leaves a hot
    ``-journal``; the read-only pre-flight check cannot roll it back and would refuse a sound
    file. SQLite's own recovery (any read-write open) puts the last committed state back."""
    import sqlite3

    journal = db_path.with_name(db_path.name + "-journal")
    if not journal.exists() or not db_path.is_file():
        return Tidied()
    from services.store.db import SQLITE_HEADER

    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return Tidied()  # not a SQLite file: the pre-flight check says so, untouched
    try:
        conn = sqlite3.connect(db_path, timeout=5)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return Tidied()  # locked by a live writer (then it is not hot) or damaged: left as is
    if journal.exists():
        return Tidied()
    return Tidied(
        notes=(
            "Tệp dữ liệu có một lần ghi dở dang (chương trình bị ngắt giữa chừng); đã trả về "
            "trạng thái đã lưu gần nhất, không mất dữ liệu đã lưu.",
        )
    )


def _log(db_path: Path, tidied: Tidied) -> None:
    from services.store.paths import backups_dir

    log = backups_dir(db_path) / TIDY_LOG
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{datetime.now():%d/%m/%Y %H:%M:%S} — {db_path}\n")
            out.writelines(line + "\n" for line in tidied.lines())
    except OSError:
        pass  # the log is a courtesy; the start goes on
