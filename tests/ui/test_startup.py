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


def test_the_next_start_after_a_killed_import_removes_its_copy_and_says_so(tmp_path):
    data = tmp_path / "ParDesk"
    assert _run(["init"], data).returncode == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    evidence = data / "evidence"
    evidence.mkdir()
    cut_short = evidence / f".incoming-{dead.pid}-k9x2_ab"  # a copy a killed window left
    cut_short.write_bytes(b"%PDF-1.4 half")
    done = _run([], data, PARDESK_STARTUP_PROBE="1")
    assert done.returncode == 0, done.stderr
    status = next(line for line in done.stdout.splitlines() if line.startswith("status-bar"))
    assert "Đã xóa 1 tệp/thư mục dở dang do lần làm việc trước bị ngắt" in status
    assert "backups/nhat-ky-don-dep.txt" in status
    assert not cut_short.exists()
    log = (data / "backups" / "nhat-ky-don-dep.txt").read_text(encoding="utf-8")
    assert str(cut_short) in log


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
