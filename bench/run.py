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


BENCHMARKS = [startup]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = set(sys.argv[1:])
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
