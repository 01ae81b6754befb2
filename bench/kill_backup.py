"""Kill proof for backup, restore and evidence import: nothing acknowledged lost, nothing left.

Three kinds of trial, each killing a real ParDesk process with SIGKILL at a random moment:

- ``backup``: a writer does what clerks do through the services (task edits, progress,
  evidence) while another process writes a backup; both are killed. Then, alternately, the
  next start (``services.store.startup.prepare_database``, as the window opens) or the next backup
  to the same place. Counted: partial files and snapshot folders left, a target that is
  neither absent, the old complete backup nor the new one, acknowledged actions lost.
- ``restore``: a restore of a backup is killed; then the next start. Counted: staged files
  (``.khoi-phuc-*``) left, half states (a record whose evidence file is missing, or a database
  that fails its check), acknowledged actions lost (each must be in the current database or
  in the copy the restore kept aside).
- ``import``: a process adds evidence files one after another, acknowledging each commit;
  killed, then the next start. Counted: orphan evidence files left (``check``), acknowledged
  files lost.

``python bench/kill_backup.py [TRIALS]`` prints ``name value unit`` lines; bench/run.py runs
it as ``kill_backup``. Children get their own TMPDIR so that only their leftovers are counted.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE_FILES = 12
EVIDENCE_SIZE = 4 * 1024 * 1024  # 48 MiB of evidence: a backup takes long enough to be hit


# ----- child processes -----------------------------------------------------------------------
def _services(db_path: str):
    sys.path.insert(0, str(ROOT))
    from services.bundle import build_services
    from services.store.db import open_database

    return build_services(open_database(db_path))


def writer(db_path: str, scratch: str) -> None:
    """Task edits, progress and evidence; one line after each commit has returned."""
    from datetime import date

    services = _services(db_path)
    from services.plan.plans import TaskDraft
    from services.plan.progress import ProgressDraft

    plan = services.plans.list_plans()[0]
    sections = [s.id for s in services.plans.sections(plan.id)]
    print("ready", flush=True)
    n = int(time.time() * 1000) % 1_000_000_000
    while True:
        n += 1
        task = services.plans.create_task(
            TaskDraft(section_id=sections[n % len(sections)], text=f"Việc kiểm thử {n}")
        )
        print(f"task {task.id} {n}", flush=True)
        entry = services.progress.record(
            task.id, ProgressDraft(date(2025, 3, 1 + n % 28), 40, "in_progress", f"tiến độ {n}")
        )
        print(f"progress {entry.id} {n}", flush=True)
        if n % 5 == 0:
            source = Path(scratch) / f"bien-ban-{n}.pdf"
            source.write_bytes(b"%PDF-1.4\n" + str(n).encode() * 2000)
            info = services.evidence.add_file(source, title=f"Biên bản {n}", task_ids=[task.id])
            source.unlink()
            print(f"evidence {info.id} {info.sha256}", flush=True)


def backup_child(db_path: str, target: str) -> None:
    sys.path.insert(0, str(ROOT))
    from services.safety.backup import create_backup

    print("ready", flush=True)
    create_backup(Path(db_path), Path(target))
    print("done", flush=True)


def restore_child(db_path: str, archive: str) -> None:
    sys.path.insert(0, str(ROOT))
    from services.safety.restore import restore_backup

    print("ready", flush=True)
    restore_backup(Path(archive), Path(db_path))
    print("done", flush=True)


def importer(db_path: str, scratch: str) -> None:
    """Evidence imports of 1–3 MiB files with fresh content; a line after each commit.

    The files are written before "ready", so that the kill falls in the import itself.
    """
    services = _services(db_path)
    task_id = services.plans.tasks(services.plans.list_plans()[0].id)[0].id
    rng = random.Random(os.getpid())
    sources = []
    for i in range(8):
        source = Path(scratch) / f"minh-chung-{os.getpid()}-{i}.pdf"
        with source.open("wb") as out:
            out.write(b"%PDF-1.4\n")
            for _ in range(rng.randint(1, 3)):
                out.write(os.urandom(1024 * 1024))
        sources.append(source)
    print("ready", flush=True)
    for source in sources:
        info = services.evidence.add_file(source, title=source.stem, task_ids=[task_id])
        print(f"evidence {info.id} {info.sha256}", flush=True)
    print("done", flush=True)


# ----- the harness ---------------------------------------------------------------------------
@dataclass
class Figures:
    trials: int = 0
    actions: int = 0
    lost: int = 0
    left: int = 0  # partial files / staged files / orphan files after the next start
    temp_left: int = 0
    broken: int = 0  # broken targets (backup) or half states (restore)
    integrity: int = 0
    hit: int = 0  # kills that really came mid-work (something was left before the tidy-up)
    swapping: int = 0  # restore only: killed after the swap began (finished forward)
    notes: list[str] = field(default_factory=list)


class Harness:
    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.data = folder / "data"
        self.db = self.data / "pardesk.sqlite"
        self.usb = folder / "usb"
        self.tmp = folder / "tmp"
        self.scratch = folder / "scratch"
        for path in (self.data, self.usb, self.tmp, self.scratch):
            path.mkdir(parents=True, exist_ok=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPATH": str(ROOT),
            "TMPDIR": str(self.tmp),
            "PARDESK_DATA_DIR": str(self.data),
        }
        os.environ["TMPDIR"] = str(self.tmp)  # the harness's own starts look there too
        import tempfile

        tempfile.tempdir = None
        sys.path.insert(0, str(ROOT))
        from services.store.startup import prepare_database

        db, _ = prepare_database(self.db)
        services = None
        try:
            from services.bundle import build_services

            services = build_services(db)
            task_id = services.plans.tasks(services.plans.list_plans()[0].id)[0].id
            for i in range(EVIDENCE_FILES):
                source = self.scratch / f"ho-so-{i}.pdf"
                with source.open("wb") as out:
                    out.write(b"%PDF-1.4\n")
                    out.write(os.urandom(EVIDENCE_SIZE))
                services.evidence.add_file(source, title=f"Hồ sơ {i}", task_ids=[task_id])
                source.unlink()
        finally:
            db.dispose()
        self.archive = folder / "ban-sao-luu.zip"
        self.backup_seconds = self._run("backup", str(self.db), str(self.archive))
        self.restore_seconds = self._run("restore", str(self.db), str(self.archive))
        self.import_seconds = self._run("importer", str(self.db), str(self.scratch))
        self.reset()
        self.first_restore_seconds = self.restore_seconds

    # -- children --
    def _spawn(self, *args: str) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            proc.kill()
            raise RuntimeError(f"the child {args[0]} did not start")
        return proc

    def _run(self, *args: str) -> float:
        """Run a child to the end; the seconds its work took (after its imports)."""
        proc = self._spawn(*args)
        started = time.perf_counter()
        out, _ = proc.communicate(timeout=600)
        if proc.returncode != 0 or "done" not in out:
            raise RuntimeError(f"{args[0]} failed")
        return time.perf_counter() - started

    def _prune(self) -> None:
        """The bench's housekeeping: what each restore sets aside would fill the disk."""
        import shutil

        for path in self.data.joinpath("backups").glob("truoc-khoi-phuc-*"):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()

    @staticmethod
    def _kill(proc: subprocess.Popen) -> list[str]:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        return out.splitlines()

    def _start(self) -> None:
        """The next start, exactly as the window opens the database."""
        from services.store.startup import prepare_database

        db, _ = prepare_database(self.db)
        db.dispose()

    # -- checks --
    def _lost(self, lines: list[str], dbs: list[Path]) -> tuple[int, int]:
        """Acknowledged actions, and those found in none of ``dbs``."""
        conns = [sqlite3.connect(p) for p in dbs if p.exists()]
        actions = lost = 0
        try:
            for line in lines:
                parts = line.split()
                if len(parts) != 3 or parts[0] not in ("task", "progress", "evidence"):
                    continue
                actions += 1
                if not any(self._holds(c, db, parts) for c, db in zip(conns, dbs, strict=False)):
                    lost += 1
        finally:
            for c in conns:
                c.close()
        return actions, lost

    def _holds(self, conn: sqlite3.Connection, db: Path, parts: list[str]) -> bool:
        kind, key, value = parts
        if kind == "task":
            row = conn.execute("SELECT text FROM plan_tasks WHERE id = ?", (int(key),)).fetchone()
            return row is not None and row[0] == f"Việc kiểm thử {value}"
        if kind == "progress":
            row = conn.execute("SELECT text FROM task_progress WHERE id = ?", (int(key),))
            found = row.fetchone()
            return found is not None and found[0] == f"tiến độ {value}"
        row = conn.execute("SELECT sha256 FROM evidence_files WHERE id = ?", (int(key),))
        found = row.fetchone()
        if found is None or found[0] != value:
            return False
        if db != self.db:
            return True  # a copy kept aside: its evidence folder sits beside it
        return (self.data / "evidence" / value[:2] / value).is_file()

    def _integrity_ok(self) -> bool:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()

    def _report(self):
        from services.safety.checks import check_database
        from services.store.db import open_database

        db = open_database(self.db)
        try:
            return check_database(db)
        finally:
            db.dispose()

    def _backup_leftovers(self) -> tuple[int, int]:
        partials = [p for p in self.usb.iterdir() if ".dang-ghi" in p.name]
        temps = list(self.tmp.glob("pardesk-backup-*"))
        return len(partials), len(temps)

    def _staged(self) -> int:
        return sum(1 for p in self.data.iterdir() if p.name.startswith(".khoi-phuc-"))

    # -- trials --
    def backup_trial(self, f: Figures, index: int) -> None:
        from services.errors import UserError
        from services.safety.backup import verify_backup

        target = self.usb / "sao-luu.zip"
        before = target.stat().st_mtime_ns if target.exists() else None
        writer = self._spawn("writer", str(self.db), str(self.scratch))
        time.sleep(self.rng.uniform(0.0, 0.3))
        backup = self._spawn("backup", str(self.db), str(target))
        time.sleep(self.rng.uniform(0.0, self.backup_seconds * 1.1))
        backup_out = self._kill(backup)
        lines = self._kill(writer)
        partials, temps = self._backup_leftovers()
        f.hit += 1 if partials or temps else 0
        if "done" in backup_out:
            f.notes.append(f"backup {index}: finished before the kill")
        if index % 2 == 0:
            self._start()
        else:
            self._run("backup", str(self.db), str(target))
        partials, temps = self._backup_leftovers()
        f.left += partials
        f.temp_left += temps
        if partials or temps:
            f.notes.append(f"backup {index}: left {partials} partial, {temps} temp")
        if target.exists():
            try:
                verify_backup(target)
            except UserError:
                f.broken += 1
        elif before is not None:
            f.broken += 1
        actions, lost = self._lost(lines, [self.db])
        f.actions += actions
        f.lost += lost
        f.integrity += 0 if self._integrity_ok() else 1
        f.trials += 1

    def restore_trial(self, f: Figures, index: int) -> None:
        writer = self._spawn("writer", str(self.db), str(self.scratch))
        time.sleep(self.rng.uniform(0.2, 0.8))
        lines = self._kill(writer)
        self._start()  # the writer's own kill is not what this trial is about
        kept_before = set(self.data.joinpath("backups").glob("truoc-khoi-phuc-*.sqlite"))
        restore = self._spawn("restore", str(self.db), str(self.archive))
        if index % 3 == 2:
            self._wait_for_swap(restore)  # kill the moment the files start being swapped
        elif index % 3 == 1:  # the second half: checks, the in-use probe, the copy aside
            time.sleep(self.rng.uniform(0.5, 0.95) * self.restore_seconds)
        else:  # anywhere
            time.sleep(self.rng.uniform(0.0, 1.1) * self.restore_seconds)
        out = self._kill(restore)
        if "done" in out:
            f.notes.append(f"restore {index}: finished before the kill")
        f.hit += 1 if self._staged() else 0
        f.swapping += sum(
            1
            for j in self.data.glob(".khoi-phuc-*.json")
            if '"phase": "swapping"' in j.read_text(encoding="utf-8")
        )
        self._start()
        f.left += self._staged()
        f.notes.extend(
            f"restore {index}: left {p.name}"
            for p in self.data.iterdir()
            if p.name.startswith(".khoi-phuc-")
        )
        report = self._report()
        if report.integrity != ["ok"] or report.missing_files or report.altered_files:
            f.broken += 1
        kept_now = set(self.data.joinpath("backups").glob("truoc-khoi-phuc-*.sqlite"))
        actions, lost = self._lost(lines, [self.db, *sorted(kept_now - kept_before)])
        f.actions += actions
        f.lost += lost
        f.integrity += 0 if report.integrity == ["ok"] else 1
        self._prune()
        f.trials += 1

    def _wait_for_swap(self, proc: subprocess.Popen) -> None:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            for journal in self.data.glob(".khoi-phuc-*.json"):
                try:
                    if '"phase": "swapping"' in journal.read_text(encoding="utf-8"):
                        return
                except OSError:
                    pass  # busy-wait: the swap itself lasts about a millisecond

    def reset(self) -> None:
        """Back to the starting data (a full restore), so every trial works on the same size;
        the restore's time is measured again, so that kills keep falling inside one."""
        self.restore_seconds = self._run("restore", str(self.db), str(self.archive))
        self._prune()

    def import_trial(self, f: Figures, index: int) -> None:
        proc = self._spawn("importer", str(self.db), str(self.scratch))
        time.sleep(self.rng.uniform(0.0, self.import_seconds))
        lines = self._kill(proc)
        before = self._report()
        incoming = list((self.data / "evidence").glob(".incoming-*"))
        f.hit += 1 if before.orphan_files or incoming else 0
        self._start()
        after = self._report()
        f.left += len(after.orphan_files)
        f.notes.extend(f"import {index}: left {name}" for name in after.orphan_files)
        f.broken += 1 if after.missing_files or after.altered_files else 0
        actions, lost = self._lost(lines, [self.db])
        f.actions += actions
        f.lost += lost
        f.integrity += 0 if after.integrity == ["ok"] else 1
        for scrap in self.scratch.iterdir():
            scrap.unlink()
        f.trials += 1


def run(trials: int = 50, seed: int = 16) -> list[str]:
    """``trials`` kills of each kind; progress on stderr. A failure keeps its folder."""
    import shutil
    import tempfile

    tmp = tempfile.mkdtemp(prefix="pardesk-kill-backup-")
    try:
        harness = Harness(Path(tmp), seed)
        kinds = {"backup": Figures(), "restore": Figures(), "import": Figures()}
        for index in range(trials):
            harness.backup_trial(kinds["backup"], index)
            harness.restore_trial(kinds["restore"], index)
            harness.import_trial(kinds["import"], index)
            harness.reset()
            print(f"trial {index + 1}/{trials} done", file=sys.stderr, flush=True)
        lines = [
            f"kill_backup_seconds_one_backup {harness.backup_seconds:.2f} s",
            f"kill_backup_seconds_one_restore {harness.first_restore_seconds:.2f} s",
            f"kill_backup_seconds_eight_imports {harness.import_seconds:.2f} s",
        ]
    except BaseException:
        print(f"kill_backup: failed; its files are kept in {tmp}", file=sys.stderr, flush=True)
        raise
    shutil.rmtree(tmp, ignore_errors=True)
    for f in kinds.values():
        for note in f.notes:
            print(note, file=sys.stderr)
    left = {"backup": "partial_files", "restore": "staged_files", "import": "orphan_files"}
    broken = {"backup": "targets_broken", "restore": "half_states", "import": "missing_files"}
    for kind, f in kinds.items():
        lines += [
            f"kill_{kind}_trials {f.trials} trials",
            f"kill_{kind}_killed_mid_work {f.hit} trials",
            f"kill_{kind}_actions_acknowledged {f.actions} actions",
            f"kill_{kind}_actions_lost {f.lost} actions",
            f"kill_{kind}_{left[kind]}_left_after_next_start {f.left} files",
            f"kill_{kind}_{broken[kind]} {f.broken} trials",
            f"kill_{kind}_integrity_failures {f.integrity} trials",
        ]
        if kind == "restore":
            lines.append(f"kill_restore_killed_while_swapping {f.swapping} trials")
        if kind == "backup":
            lines.append(f"kill_backup_temp_folders_left_after_next_start {f.temp_left} folders")
    return lines


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] in ("writer", "backup", "restore", "importer"):
        {"writer": writer, "backup": backup_child, "restore": restore_child,
         "importer": importer}[args[0]](*args[1:])  # fmt: skip
    else:
        for line in run(int(args[0]) if args else 50):
            print(line, flush=True)
