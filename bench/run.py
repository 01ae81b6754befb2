"""Speed and memory figures, one line each: `name value unit`.

Run as an installed program runs, with bytecode compiled:
    uv run python bench/run.py
Each figure is measured in a fresh subprocess so imports and caches are cold.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
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
    env.update(
        QT_QPA_PLATFORM="offscreen", PARDESK_DATA_DIR=str(data_dir), PARDESK_STARTUP_PROBE="1"
    )
    return env


def _measure(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time to the first shown window (as the child reports it, ms) and peak RSS (MiB)."""
    code = (
        "import resource, runpy, sys; sys.argv = " + repr(args) + "\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(f'peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
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
        subprocess.run(
            [
                sys.executable,
                "-m",
                "compileall",
                "-q",
                str(ROOT / "main.py"),
                str(ROOT / "ui"),
                str(ROOT / "services"),
                str(ROOT / "models"),
            ],
            check=True,
            env=env,
        )
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


PLAN_10K = textwrap.dedent(
    """
    import os, resource, statistics, sys, time
    from pathlib import Path
    sys.path.insert(0, os.environ["PARDESK_ROOT"])
    started = time.perf_counter()
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from ui.app import configure_application
    app = QApplication([])
    configure_application(app)
    from services.bundle import build_services
    from services.db import open_database
    from ui.plan.plan_area import PlanArea
    db = open_database(Path(os.environ["PARDESK_DB"]))
    services = build_services(db)
    settings = QSettings(str(Path(os.environ["PARDESK_DATA_DIR"]) / "bench.ini"), QSettings.Format.IniFormat)
    t0 = time.perf_counter()
    area = PlanArea(services, settings)
    area.resize(1280, 780)
    area.show()
    app.processEvents()
    shown = time.perf_counter()
    while area.loading is not None and not area.loading.done:  # 10,000 tasks load on a worker
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    print(f"plan_view_shown_10k {1000 * (shown - t0):.0f} ms")
    print(f"plan_view_filled_10k {1000 * (time.perf_counter() - t0):.0f} ms")
    print(f"plan_rows_loaded {area.task_model.rowCount()} tasks")
    samples = []
    for word in ("can bo cong chuc", "thu tuc hanh chinh", "van ban", "ho ngheo 12"):
        for ch in word:
            t = time.perf_counter()
            QTest.keyClicks(area.search, ch)
            app.processEvents()
            samples.append(1000 * (time.perf_counter() - t))
        for _ in word:
            t = time.perf_counter()
            QTest.keyClick(area.search, "\b")
            app.processEvents()
            samples.append(1000 * (time.perf_counter() - t))
    print(f"search_keystroke_median_10k {statistics.median(samples):.1f} ms")
    print(f"search_keystroke_worst_10k {max(samples):.1f} ms")
    print(f"search_keystroke_samples {len(samples)} n")
    out = Path(os.environ["PARDESK_DATA_DIR"]) / "bench.xlsx"
    t = time.perf_counter()
    result = services.excel.export_tasks(area.plan_id(), out)
    print(f"xlsx_export_10k {time.perf_counter() - t:.2f} s")
    print(f"xlsx_export_rows {result.rows} rows")
    print(f"peak_rss_plan_10k {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    db.dispose()
    """
)


def _fill_10k(path: Path) -> None:
    """The sample database plus 10,000 tasks spread over its sections, units and the year."""
    sys.path.insert(0, str(ROOT))
    from datetime import date, timedelta

    from sqlalchemy import insert, select

    from models import PlanSection, PlanTask, Unit
    from services.startup import prepare_database
    from services.text import search_key

    db, _ = prepare_database(path, sample=True)
    with db.session_factory.begin() as session:
        sections = session.execute(select(PlanSection.id, PlanSection.plan_id)).all()
        units = session.execute(select(Unit.id, Unit.code)).all()
        texts = session.scalars(select(PlanTask.text)).all()
        rows = []
        for i in range(10_000):
            section_id, plan_id = sections[i % len(sections)]
            unit_id, code = units[i % len(units)]
            text = f"{texts[i % len(texts)]} (đợt {i})"
            rows.append(
                dict(
                    plan_id=plan_id,
                    section_id=section_id,
                    position=1000 + i,
                    label="-",
                    text=text,
                    search_key=search_key(text, code),
                    actionable=True,
                    lead_unit_id=unit_id,
                    start_on=date(2025, 1, 1),
                    deadline=date(2025, 1, 1) + timedelta(days=i % 365),
                    deadline_is_default=False,
                    recurrence="none",
                    status="not_started",
                    percent=i % 101,
                    result_notes="",
                    criteria_codes="PAR.2",
                    version=1,
                )
            )
        session.execute(insert(PlanTask), rows)
    db.dispose()


def plan_10k() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        db_path = data / "bench10k.sqlite"
        _fill_10k(db_path)
        env = _environment(data)
        env.update(PARDESK_DB=str(db_path), PARDESK_ROOT=str(ROOT))
        script = data / "plan_10k.py"
        script.write_text(PLAN_10K)
        out = subprocess.run(
            [sys.executable, str(script)], env=env, capture_output=True, text=True, cwd=ROOT
        )
        if out.returncode:
            sys.exit(f"plan_10k failed:\n{out.stdout}\n{out.stderr[-3000:]}")
        for line in out.stdout.splitlines():
            if line.count(" ") == 2:
                print(line)


BENCHMARKS = [startup, plan_10k]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = set(sys.argv[1:])
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
