"""Speed and memory figures, one line each: `name value unit`.

Run as an installed program runs, with bytecode compiled:
    uv run python bench/run.py
Each figure is measured in a fresh subprocess so imports and caches are cold.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5

BARE_WINDOW = textwrap.dedent(
    """
    import time; started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel("Xin chào")
    label.show()
    def report():
        print(f"window-shown-ms {1000 * (time.perf_counter() - started):.1f}", flush=True)
        app.quit()
    QTimer.singleShot(0, report)
    app.exec()
    """
)


def _environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PARDESK_DATA_DIR=str(data_dir), PARDESK_STARTUP_PROBE="1")
    return env


def _measure(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time to the first shown window (as the child reports it, ms) and peak RSS (MiB)."""
    code = (
        "import resource, runpy, sys; sys.argv = " + repr(args) + "\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(f'peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    values = dict(line.split()[:2] for line in out.stdout.splitlines() if line.count(" ") >= 1)
    return float(values["window-shown-ms"]), float(values["peak-rss-kib"]) / 1024


def _median_runs(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    _measure(args, env)  # warm the OS file cache and write bytecode once
    samples = [_measure(args, env) for _ in range(RUNS)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def startup() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        env = _environment(data)
        bare_script = data / "bare_window.py"
        bare_script.write_text(BARE_WINDOW)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "main.py"),
                        str(ROOT / "ui"), str(ROOT / "services"), str(ROOT / "models")], check=True, env=env)
        # First start creates the database; the figure is for an ordinary later start.
        _measure([str(ROOT / "main.py")], env)
        app_ms, app_mib = _median_runs([str(ROOT / "main.py")], env)
        bare_ms, bare_mib = _median_runs([str(bare_script)], env)
    print(f"startup_bare_window {bare_ms:.0f} ms")
    print(f"startup_pardesk {app_ms:.0f} ms")
    print(f"startup_ratio {app_ms / bare_ms:.2f} x")
    print(f"peak_rss_bare_window {bare_mib:.0f} MiB")
    print(f"peak_rss_pardesk {app_mib:.0f} MiB")
    print(f"peak_rss_ratio {app_mib / bare_mib:.2f} x")


def _child_peak(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``main.py args`` in a fresh process: wall seconds and its peak RSS (MiB)."""
    code = (
        "import resource, runpy, sys; sys.argv = " + repr([str(ROOT / "main.py"), *args]) + "\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(f'peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak = next(line.split()[1] for line in out.stdout.splitlines() if line.startswith("peak-rss-kib"))
    return seconds, float(peak) / 1024


def _fill_database(db_path: Path, tasks: int) -> None:
    sys.path.insert(0, str(ROOT))
    from models import PlanSection, PlanTask
    from services.startup import prepare_database
    from services.text import search_key

    db, _ = prepare_database(db_path)
    with db.session_factory.begin() as session:
        sections = list(session.query(PlanSection))
        for i in range(tasks):
            section = sections[i % len(sections)]
            text = f"Nhiệm vụ thử số {i}: rà soát, cập nhật và công khai thủ tục hành chính"
            session.add(PlanTask(plan_id=section.plan_id, section_id=section.id, position=1000 + i,
                                 text=text, search_key=search_key(text), percent=i % 101))
    db.dispose()


def _write_evidence(folder: Path, total_bytes: int, file_size: int = 16 * 1024 * 1024) -> int:
    """Write ``total_bytes`` of incompressible evidence files, 1 MiB at a time."""
    chunk = os.urandom(1024 * 1024)
    written = files = 0
    while written < total_bytes:
        sub = folder / f"{2025}" / f"tieu-chi-{files % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        with (sub / f"minh-chung-{files:04d}.pdf").open("wb") as out:
            out.write(b"%PDF-1.4\n" + files.to_bytes(4, "big"))
            size = 12
            while size < file_size and written + size < total_bytes:
                out.write(chunk)
                size += len(chunk)
        written += size
        files += 1
    return files


def backup_restore() -> None:
    """Backup and restore of 10,000 tasks and 1 GB of evidence through the command line."""
    with tempfile.TemporaryDirectory(prefix="pardesk-bench-") as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        db_path = folder / "pardesk.sqlite"
        _fill_database(db_path, 10_000)
        files = _write_evidence(folder / "evidence", 1024 * 1024 * 1024)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PARDESK_DATA_DIR"] = str(folder)
        archive = Path(tmp) / "usb" / "sao-luu.zip"
        backup_s, backup_mib = _child_peak(["backup", "--db", str(db_path), "-o", str(archive)], env)
        size_mib = archive.stat().st_size / 1024 / 1024
        restore_s, restore_mib = _child_peak(["restore", str(archive), "--db", str(db_path)], env)
    print("backup_restore_tasks 10000 tasks")
    print(f"backup_restore_evidence_files {files} files")
    print(f"backup_seconds {backup_s:.1f} s")
    print(f"backup_zip_size {size_mib:.0f} MiB")
    print(f"backup_peak_rss {backup_mib:.0f} MiB")
    print(f"restore_seconds {restore_s:.1f} s")
    print(f"restore_peak_rss {restore_mib:.0f} MiB")


def kill_test() -> None:
    """50 random SIGKILLs of a writer doing real service actions; losses must be 0."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from kill_test import run_trials

    from services.startup import prepare_database

    with tempfile.TemporaryDirectory(prefix="pardesk-kill-") as tmp:
        db_path = Path(tmp) / "pardesk.sqlite"
        db, _ = prepare_database(db_path)
        db.dispose()
        outcome = run_trials(db_path, 50, seed=50)
    print(f"kill_test_trials {outcome.trials} trials")
    print(f"kill_test_actions_committed {outcome.actions} actions")
    print(f"kill_test_losses {outcome.losses} actions")
    print(f"kill_test_corrupt_files {outcome.corrupt} trials")


BENCHMARKS = [startup, backup_restore, kill_test]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = set(sys.argv[1:])
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
