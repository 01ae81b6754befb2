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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5

BARE_WINDOW = textwrap.dedent(
    """
    import time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel("Xin chào")
    label.show()
    app.processEvents()
    print(f"window-shown-at {time.time():.4f}", flush=True)
    QTimer.singleShot(0, app.quit)
    app.exec()
    """
)


def _environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM="offscreen", PARDESK_DATA_DIR=str(data_dir), PARDESK_STARTUP_PROBE="1"
    )
    return env


def _measure(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from process spawn to each `<event>-at <epoch>` line; peak RSS in MiB."""
    code = (
        "import resource, runpy, sys; sys.argv = " + repr(args) + "\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(f'peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
    )
    spawned = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    figures = {}
    for line in out.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name.endswith("-at"):
            figures[name.removesuffix("-at")] = 1000 * (float(value) - spawned)
        elif name == "peak-rss-kib":
            figures["rss"] = float(value) / 1024
    return figures


def _median_runs(args: list[str], env: dict[str, str]) -> dict[str, float]:
    _measure(args, env)  # warm the OS file cache and write bytecode once
    samples = [_measure(args, env) for _ in range(RUNS)]
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]} | {
        "rss": max(s["rss"] for s in samples)
    }


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
        app = _median_runs([str(ROOT / "main.py")], env)
        bare = _median_runs([str(bare_script)], env)
    # Both figures count from process spawn, interpreter start-up included.
    print(f"startup_bare_window {bare['window-shown']:.0f} ms")
    print(f"startup_pardesk_window_shown {app['window-shown']:.0f} ms")
    print(f"startup_ratio {app['window-shown'] / bare['window-shown']:.2f} x")
    print(f"startup_pardesk_plan_shown {app['data-shown']:.0f} ms")
    print(f"peak_rss_bare_window {bare['rss']:.0f} MiB")
    print(f"peak_rss_pardesk {app['rss']:.0f} MiB")
    print(f"peak_rss_ratio {app['rss'] / bare['rss']:.2f} x")


def disclosure_year() -> None:
    """A ward with 12 residential groups and a full year posted: what the area recomputes."""
    sys.path.insert(0, str(ROOT))
    from datetime import date, timedelta

    from services.bundle import build_services
    from services.disclosure.service import DisclosureDraft, PostingDraft
    from services.disclosure.vocab import PER_GROUP_FORMS
    from services.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        db, _ = prepare_database(Path(tmp) / "bench.sqlite")
        services = build_services(db)
        groups = [services.disclosure_setup.add_group(f"Tổ dân phố {n}") for n in range(1, 13)]
        service = services.disclosure
        service.generate_plan(2025)
        postings = 0
        for row in service.disclosures(2025):
            trigger = row.trigger_date or date(2025, 3, 3)
            if row.trigger_date is None:
                draft = DisclosureDraft(**{**row.draft().__dict__, "trigger_date": trigger})
                row = service.update_disclosure(row.id, draft)
            if row.rule is None:
                continue
            for form in row.rule.forms:
                for group in groups if form in PER_GROUP_FORMS else [None]:
                    service.add_posting(
                        PostingDraft(
                            row.id,
                            form,
                            trigger + timedelta(days=2),
                            group.id if group else None,
                            trigger + timedelta(days=40),
                        )
                    )
                    postings += 1
        today = date(2025, 12, 31)
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            service.disclosures(2025, today=today)
            service.score(2025, today=today)
            service.calendar(2025, today=today)
            samples.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        service.export_xlsx(2025, Path(tmp) / "bao-cao.xlsx", today=today)
        export_ms = 1000 * (time.perf_counter() - start)
        db.dispose()
    print(f"disclosure_postings {postings} count")
    print(f"disclosure_reload_year {statistics.median(samples):.0f} ms")
    print(f"disclosure_export_xlsx {export_ms:.0f} ms")


BENCHMARKS = [startup, disclosure_year]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = set(sys.argv[1:])
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
