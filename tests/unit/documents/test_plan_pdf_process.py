"""`main.py pdf plan` as support staff script it: a real process that loads only what a plan needs.

A plan PDF is a batch job a clerk's support person runs from a scheduled task; every module it
imports is start-up time paid on each run. The plan needs the plan, the organisation and the
register; it must not pay for accounts (argon2), disclosure, legal review, scores, the Qt GUI,
Excel or the migration tool.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pg import ON_PG

ROOT = Path(__file__).resolve().parents[3]

FORBIDDEN = (
    "argon2",
    "pyhanko",
    "PySide6",
    "openpyxl",
    "alembic",
    "services.bundle",
    "services.accounts.users",
    "services.disclosure",
    "services.legal",
)
# Allowed: plain data types the plan shares (criterion codes on a task) and the evidence file
# names that opening a database checks for copies an interruption left half done.
SCORES_DATA = {
    "services.scores",
    "services.scores.dto",
    "services.scores.arithmetic",
    "services.scores.evidence_files",
}

PROBE = """
import json, runpy, sys
sys.argv = {argv!r}
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as stop:
    code = stop.code
else:
    code = 0
print("MODULES " + json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


@pytest.mark.skipif(ON_PG, reason="the batch command reads the SQLite file of --db")
def test_plan_pdf_command_loads_only_what_the_plan_needs(db_path, tmp_path):
    out = tmp_path / "ke-hoach-2025.pdf"
    argv = ["main.py", "pdf", "plan", "--year", "2025", "--db", str(db_path), "-o", str(out)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.split("MODULES ", 1)[1])
    loaded = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    loaded += [m for m in modules if m.startswith("services.scores") and m not in SCORES_DATA]
    assert loaded == []
    # And the file is the whole signing version: every page, the empty signature field.
    reader = PdfReader(out)
    assert len(reader.pages) >= 5
    assert "KẾ HOẠCH" in reader.pages[0].extract_text()
    assert reader.get_fields()["ChuKyNguoiKy"]["/FT"] == "/Sig"
