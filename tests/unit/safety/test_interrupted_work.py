"""A backup, restore or evidence import killed half-way leaves nothing behind after the next
backup or the next start; anything that is not ParDesk's own stays where it is.

Each interruption is a real one: the real service runs in a child process that SIGKILLs itself
at the chosen moment (bench/kill_backup.py does the same at random moments, 50 times a kind).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from main import main
from services.safety.auto_backup import daily_backup_due, list_auto_backups, run_auto_backup
from services.safety.backup import create_backup, evidence_dir, verify_backup
from services.safety.leftovers import TEMP_MARKER, marker, process_started, write_marker
from services.store.startup import TIDY_LOG, prepare_database

pytestmark = pytest.mark.sqlite_only  # files beside the .sqlite file

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temporary folder, so only this test's snapshot folders are looked at."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def _killed(code: str, temp_root: Path) -> None:
    """Run ``code`` in a child ParDesk process; it must end by killing itself (SIGKILL)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp_root)}
    prelude = "import os, signal, sys\nfrom pathlib import Path\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]


def _backup_killed_half_way(db_path: Path, target: Path, temp_root: Path) -> None:
    _killed(
        f"""
        from services.safety.backup import create_backup
        def progress(done, total):
            if done > total / 2:
                os.kill(os.getpid(), signal.SIGKILL)
        create_backup(Path({str(db_path)!r}), Path({str(target)!r}), progress=progress)
        """,
        temp_root,
    )


@pytest.fixture
def big_evidence(db_path: Path) -> Path:
    folder = evidence_dir(db_path) / "2025"
    folder.mkdir(parents=True)
    for i in range(4):
        (folder / f"bien-ban-{i}.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(2 * 1024 * 1024))
    return folder


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".dang-ghi" in p.name)


# ----- backups -------------------------------------------------------------------------------
def test_the_next_backup_to_the_usb_removes_what_a_killed_backup_left_and_says_so(
    db_path, big_evidence, tmp_path, temp_root, capsys
):
    usb = tmp_path / "usb"
    target = usb / "sao-luu.zip"
    create_backup(db_path, target)  # last week's good backup
    old = target.read_bytes()
    _backup_killed_half_way(db_path, target, temp_root)
    left = _partials(usb)
    assert len(left) == 2 and left[1] == left[0] + ".json"  # the half zip and its marker
    assert (usb / left[0]).stat().st_size > 4 * 1024 * 1024  # really half-written
    assert list(temp_root.glob("pardesk-backup-*"))  # the snapshot folder too
    assert target.read_bytes() == old  # the old backup was never touched

    assert main(["backup", "--db", str(db_path), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Đã xóa 3 tệp dở dang do lần sao lưu trước bị ngắt" in out
    for name in left:
        assert str(usb / name) in out
    assert _partials(usb) == [] and list(temp_root.glob("pardesk-backup-*")) == []
    verify_backup(target)


def test_the_next_start_removes_a_killed_backup_far_away_and_logs_each_file(
    db_path, big_evidence, tmp_path, temp_root
):
    usb = tmp_path / "usb"
    _backup_killed_half_way(db_path, usb / "sao-luu.zip", temp_root)
    left = _partials(usb)
    assert left

    db, outcome = prepare_database(db_path)  # the window opening the next morning
    db.dispose()
    assert _partials(usb) == [] and list(temp_root.glob("pardesk-backup-*")) == []
    assert outcome.tidied[0].startswith("Đã xóa 3 tệp/thư mục dở dang")
    log = (db_path.parent / "backups" / TIDY_LOG).read_text(encoding="utf-8")
    for name in left:
        assert str(usb / name) in log
    assert not list((db_path.parent / "backups").glob(".dang-sao-luu-*"))  # pointer gone


def test_a_users_files_with_similar_names_are_never_removed(db_path, tmp_path, temp_root):
    usb = tmp_path / "usb"
    usb.mkdir()
    dead = _dead_pid()
    # A file named like a partial backup, but without ParDesk's marker.
    lookalike = usb / f"sao-luu.zip.{dead}.dang-ghi"
    lookalike.write_bytes(b"ban nhap cua toi")
    # A marker-looking file another program wrote, beside another lookalike.
    other = usb / f"ho-so.zip.{dead}.dang-ghi"
    other.write_bytes(b"PK")
    Path(str(other) + ".json").write_text(json.dumps({"app": "Khac", "pid": dead}), "utf-8")
    # A ParDesk marker that names a different file than the one beside it.
    third = usb / f"bao-cao.zip.{dead}.dang-ghi"
    third.write_bytes(b"PK")
    content = {**marker("backup-partial", partial="khac.zip.1.dang-ghi"), "pid": dead}
    write_marker(Path(str(third) + ".json"), content)
    # A folder in the temporary folder named like a snapshot folder, with no marker.
    mine = temp_root / "pardesk-backup-cua-toi"
    mine.mkdir()
    (mine / "ghi-chu.txt").write_text("giữ lại", "utf-8")
    # The user's own files in the evidence folder.
    evidence = evidence_dir(db_path)
    evidence.mkdir()
    (evidence / "ghi-chu.txt").write_text("danh sách", "utf-8")
    (evidence / "ab").mkdir()
    (evidence / "ab" / ("ab" + "0" * 62)).write_bytes(b"not its hash")

    create_backup(db_path, usb / "sao-luu.zip")
    db, outcome = prepare_database(db_path)
    db.dispose()
    assert main(["check", "--repair", "--db", str(db_path)]) in (0, 1)

    assert lookalike.read_bytes() == b"ban nhap cua toi"
    assert other.exists() and Path(str(other) + ".json").exists()
    assert third.exists() and Path(str(third) + ".json").exists()
    assert (mine / "ghi-chu.txt").exists()
    assert (evidence / "ghi-chu.txt").exists() and (evidence / "ab" / ("ab" + "0" * 62)).exists()
    assert outcome.tidied == ()


def test_a_backup_another_window_is_writing_right_now_is_left_alone(db_path, tmp_path, temp_root):
    usb = tmp_path / "usb"
    usb.mkdir()
    running = {"pid": os.getppid(), "pid_started": process_started(os.getppid())}
    partial = usb / f"sao-luu.zip.{os.getppid()}.dang-ghi"  # a running process
    partial.write_bytes(b"PK\x03\x04 ...")
    content = {**marker("backup-partial", partial=partial.name), **running}
    write_marker(Path(str(partial) + ".json"), content)
    folder = temp_root / "pardesk-backup-dangchay"
    folder.mkdir()
    write_marker(folder / TEMP_MARKER, {**marker("backup-temp"), **running})

    create_backup(db_path, usb / "sao-luu.zip")
    assert partial.exists() and folder.exists()


def test_rotation_never_counts_a_partial_or_a_cut_short_file_as_a_backup(
    db_path, big_evidence, temp_root
):
    from datetime import datetime

    run_auto_backup(db_path, now=datetime(2025, 4, 1, 17, 0))
    folder = db_path.parent / "backups" / "tu-dong"
    cut = folder / "pardesk-20250402-170000.zip"  # named as complete, but only half there
    good = (folder / "pardesk-20250401-170000.zip").read_bytes()
    cut.write_bytes(good[: len(good) // 2])
    _backup_killed_half_way(db_path, folder / "pardesk-20250403-170000.zip", temp_root)

    assert [b.path.name for b in list_auto_backups(db_path)] == ["pardesk-20250401-170000.zip"]
    assert daily_backup_due(db_path, now=datetime(2025, 4, 3, 18, 0))
    run_auto_backup(db_path, now=datetime(2025, 4, 3, 18, 0))  # the next automatic backup
    names = sorted(p.name for p in folder.iterdir())
    assert not any(".dang-ghi" in n for n in names)
    assert "pardesk-20250401-170000.zip" in names and "pardesk-20250403-180000.zip" in names


# ----- restores ------------------------------------------------------------------------------
def _task_texts(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT text FROM plan_tasks")}
    finally:
        conn.close()


def _add_task(db_path: Path, text: str) -> None:
    from services.bundle import build_services
    from services.plan.plans import TaskDraft
    from services.store.db import open_database

    db = open_database(db_path)
    try:
        services = build_services(db)
        plan = services.plans.list_plans()[0]
        section = services.plans.sections(plan.id)[0].id
        services.plans.create_task(TaskDraft(section_id=section, text=text))
    finally:
        db.dispose()


def _staged(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".khoi-phuc-"))


@pytest.fixture
def backup_then_new_work(db_path, big_evidence, tmp_path):
    """A backup made before today's work; today's task and evidence file exist only now."""
    archive = tmp_path / "sao-luu.zip"
    create_backup(db_path, archive)
    _add_task(db_path, "Việc làm sau khi sao lưu")
    (big_evidence / "hom-nay.pdf").write_bytes(b"%PDF-1.4 hom nay")
    return archive


def _restore_killed(db_path: Path, archive: Path, temp_root: Path, when: str) -> None:
    """Kill the real restore: after extracting one member, or in the middle of the swap."""
    hooks = {
        "staging": """
            real = r._extract
            def hook(*args):
                real(*args)
                os.kill(os.getpid(), signal.SIGKILL)
            r._extract = hook
            """,
        "evidence-aside": """
            real = r._move_evidence_aside
            def hook(*args):
                real(*args)
                os.kill(os.getpid(), signal.SIGKILL)
            r._move_evidence_aside = hook
            """,
        "database-replaced": """
            real = os.replace
            def hook(src, dst):
                real(src, dst)
                if str(dst).endswith("pardesk.sqlite"):
                    os.kill(os.getpid(), signal.SIGKILL)
            r.os.replace = hook
            """,
    }
    _killed(
        "import services.safety.restore as r\n"
        + textwrap.dedent(hooks[when])
        + f"r.restore_backup(Path({str(archive)!r}), Path({str(db_path)!r}))\n",
        temp_root,
    )


def test_a_restore_killed_before_the_swap_is_rolled_back_on_start(
    db_path, backup_then_new_work, temp_root
):
    _restore_killed(db_path, backup_then_new_work, temp_root, "staging")
    assert _staged(db_path.parent)  # the journal and what was extracted so far

    db, outcome = prepare_database(db_path)
    db.dispose()
    assert _staged(db_path.parent) == []
    assert "Việc làm sau khi sao lưu" in _task_texts(db_path)  # today's work kept
    assert (evidence_dir(db_path) / "2025" / "hom-nay.pdf").exists()
    assert any("dữ liệu hiện tại được giữ nguyên" in line for line in outcome.tidied)


@pytest.mark.parametrize("when", ["evidence-aside", "database-replaced"])
def test_a_restore_killed_during_the_swap_is_finished_on_start(
    db_path, backup_then_new_work, temp_root, when
):
    _restore_killed(db_path, backup_then_new_work, temp_root, when)
    assert _staged(db_path.parent)

    db, outcome = prepare_database(db_path)
    db.dispose()
    assert _staged(db_path.parent) == []
    # The backup's database with the backup's evidence: never one with the other's files.
    assert "Việc làm sau khi sao lưu" not in _task_texts(db_path)
    assert (evidence_dir(db_path) / "2025" / "bien-ban-0.pdf").exists()
    assert not (evidence_dir(db_path) / "2025" / "hom-nay.pdf").exists()
    kept = list((db_path.parent / "backups").glob("truoc-khoi-phuc-*.sqlite"))
    assert len(kept) == 1 and "Việc làm sau khi sao lưu" in _task_texts(kept[0])
    aside = list((db_path.parent / "backups").glob("truoc-khoi-phuc-*-evidence"))
    assert (aside[0] / "2025" / "hom-nay.pdf").exists()
    assert any("đã hoàn tất việc khôi phục" in line for line in outcome.tidied)


def test_rerunning_a_killed_restore_tidies_first_and_leaves_no_staged_file(
    db_path, backup_then_new_work, temp_root, capsys
):
    _restore_killed(db_path, backup_then_new_work, temp_root, "staging")
    assert main(["restore", str(backup_then_new_work), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "bị ngắt trước khi thay dữ liệu" in out and "Đã khôi phục" in out
    assert _staged(db_path.parent) == []


# ----- evidence ------------------------------------------------------------------------------
def _import_killed_after_copy(db_path: Path, source: Path, temp_root: Path) -> None:
    """The copy into the store is done, the record is not committed: the moment of a kill."""
    _killed(
        f"""
        from services.bundle import build_services
        from services.store.db import open_database
        services = build_services(open_database({str(db_path)!r}))
        store = services.evidence
        real = store._sessions.begin
        def hook():
            os.kill(os.getpid(), signal.SIGKILL)
        store._sessions.begin = hook
        store.add_file(Path({str(source)!r}), title="Biên bản")
        """,
        temp_root,
    )


def test_an_import_killed_before_its_commit_leaves_no_orphan_after_the_next_start(
    db_path, tmp_path, temp_root
):
    source = tmp_path / "bien-ban.pdf"
    source.write_bytes(b"%PDF-1.4 " + os.urandom(100_000))
    _import_killed_after_copy(db_path, source, temp_root)
    evidence = evidence_dir(db_path)
    stored = [p for p in evidence.rglob("*") if p.is_file()]
    assert len(stored) == 1  # the copy, pointed at by no record
    # A copy cut short by a kill of another process, named as the store names them.
    dead = _dead_pid()
    (evidence / f".incoming-{dead}-abc123_x").write_bytes(b"half")

    db, outcome = prepare_database(db_path)
    db.dispose()
    assert [p for p in evidence.rglob("*") if p.is_file()] == []
    assert len(outcome.tidied) == 3  # the heading and one line per file


def test_check_repair_lists_each_orphan_it_removes_and_keeps_what_records_name(
    services, db_path, tmp_path, temp_root, capsys
):
    kept = tmp_path / "quyet-dinh.pdf"
    kept.write_bytes(b"%PDF-1.4 quyet dinh")
    info = services.evidence.add_file(kept, title="Quyết định")
    services.database.dispose()
    orphan = tmp_path / "bien-ban.pdf"
    orphan.write_bytes(b"%PDF-1.4 " + os.urandom(50_000))
    _import_killed_after_copy(db_path, orphan, temp_root)

    assert main(["check", "--db", str(db_path)]) == 0  # a warning only
    assert "không thuộc bản ghi nào: 1" in capsys.readouterr().out
    assert main(["check", "--repair", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Sửa chữa: đã xóa 1 tệp" in out
    orphan_name = [line for line in out.splitlines() if line.startswith("  - ")]
    assert len(orphan_name) == 1 and str(evidence_dir(db_path)) in orphan_name[0]
    assert "không thuộc bản ghi nào" not in out
    assert services.evidence.stored_path(info.sha256).exists()


def test_repair_waits_while_another_window_has_the_database_open(
    services, db_path, tmp_path, temp_root, capsys
):
    orphan = tmp_path / "bien-ban.pdf"
    orphan.write_bytes(b"%PDF-1.4 " + os.urandom(50_000))
    _import_killed_after_copy(db_path, orphan, temp_root)
    services.plans.list_plans()  # the other window holds its connection
    main(["check", "--repair", "--db", str(db_path)])
    out = capsys.readouterr().out
    assert "đang được mở ở cửa sổ ParDesk khác" in out
    assert [p for p in evidence_dir(db_path).rglob("*") if p.is_file()]  # not removed


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_write_killed_in_rollback_journal_mode_does_not_stop_the_next_start(db_path, temp_root):
    """The restore's "is anyone using it" probe switches the file to rollback-journal mode;
    a kill during such a write leaves a hot ``-journal`` that a read-only check cannot undo."""
    before = _task_texts(db_path)
    _killed(
        f"""
        import sqlite3
        conn = sqlite3.connect({str(db_path)!r}, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA cache_size=1")  # pages spill into the file before the commit
        conn.execute("BEGIN")
        conn.execute("UPDATE plan_tasks SET text = text || ' (dở dang)'")
        os.kill(os.getpid(), signal.SIGKILL)
        """,
        temp_root,
    )
    assert db_path.with_name(db_path.name + "-journal").exists()

    db, outcome = prepare_database(db_path)
    db.dispose()
    assert _task_texts(db_path) == before  # the last committed state, nothing half-written
    assert any("lần ghi dở dang" in line for line in outcome.tidied)


def test_a_reused_process_id_does_not_keep_a_dead_backups_leftovers(db_path, tmp_path, temp_root):
    """Linux reuses a pid after 32768 processes: the marker keeps its process's start too."""
    usb = tmp_path / "usb"
    usb.mkdir()
    living = os.getppid()  # now some other program's pid
    partial = usb / f"sao-luu.zip.{living}.dang-ghi"
    partial.write_bytes(b"PK\x03\x04 ...")
    content = {
        **marker("backup-partial", partial=partial.name),
        "pid": living,
        "pid_started": "1",  # the killed backup started long before that program
    }
    write_marker(Path(str(partial) + ".json"), content)
    info = create_backup(db_path, usb / "sao-luu.zip")
    assert partial in info.cleaned and not partial.exists()


def test_a_restore_killed_while_writing_its_journal_leaves_nothing(db_path, temp_root):
    folder = db_path.parent
    empty = folder / ".khoi-phuc-20250301-080000.json.tmp"  # created, not yet written
    empty.write_bytes(b"")
    whole = folder / ".khoi-phuc-20250302-080000.json.tmp"  # written, not yet renamed
    journal = marker(
        "restore",
        phase="staging",
        database=db_path.name,
        staged_db=".khoi-phuc-20250302-080000.sqlite",
        staged_evidence=".khoi-phuc-20250302-080000-evidence",
        kept_aside="truoc-khoi-phuc-20250302-080000.sqlite",
    )
    whole.write_text(json.dumps({**journal, "pid": _dead_pid()}), encoding="utf-8")
    db, outcome = prepare_database(db_path)
    db.dispose()
    assert _staged(folder) == []
    assert any("dữ liệu hiện tại được giữ nguyên" in line for line in outcome.tidied)
