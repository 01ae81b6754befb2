"""`uv run main.py` on a fresh PC: the data folder and database are made on first start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, data_folder, **env):
    environment = {
        **os.environ,
        "PARDESK_DATA_DIR": str(data_folder),
        "QT_QPA_PLATFORM": "offscreen",
        **env,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_first_start_creates_the_database_with_the_sample_and_shows_the_window(tmp_path):
    data = tmp_path / "ParDesk"
    done = _run([], data, PARDESK_STARTUP_PROBE="1")
    assert done.returncode == 0, done.stderr
    assert "window-shown-at" in done.stdout and "data-shown-at" in done.stdout
    assert (data / "pardesk.sqlite").exists()
    check = _run(["check"], data)
    assert check.returncode == 0 and "KẾT QUẢ: TỐT" in check.stdout


def test_a_long_working_day_of_qt_calls_does_not_crash_the_program(tmp_path):
    """PySide6 6.12 on Python 3.11 drops a reference to None on every void call; a clerk's
    day of edits used to end in "deallocating None". The program guards against it."""
    script = tmp_path / "long_day.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "from ui.app import configure_application\n"
        "app = QApplication([])\n"
        "configure_application(app)\n"
        "label = QLabel()\n"
        "for i in range(60000):\n"
        "    label.setText(str(i))\n"
        "print('survived')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "survived"
