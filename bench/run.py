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


def _legal_register(db, documents: int) -> None:
    """A ward register of ``documents`` documents over 10 fields, 1 in 3 with history."""
    from datetime import date, timedelta

    from models import LegalDocument, LegalEffectEvent, legal_bases

    with db.session_factory.begin() as session:
        laws = [
            LegalDocument(
                doc_type="Luật",
                number_symbol=f"{i}/2015/QH13",
                issued_on=date(2015, 6, 1),
                issuer="external",
                external=True,
                summary=f"Luật {i}",
                field=f"Lĩnh vực {i % 10}",
            )
            for i in range(1, 101)
        ]
        session.add_all(laws)
        session.flush()
        for i in range(documents):
            issued = date(2016, 1, 1) + timedelta(days=i * 3)
            doc = LegalDocument(
                doc_type="Quyết định",
                number_symbol=f"{i + 1}/{issued.year}/QĐ-UBND",
                issued_on=issued,
                effective_on=issued + timedelta(days=10),
                issuer="ubnd",
                summary=f"Quy định số {i} về quản lý trên địa bàn phường",
                field=f"Lĩnh vực {i % 10}",
                search_key=f"quy dinh so {i}",
            )
            session.add(doc)
            session.flush()
            session.execute(
                legal_bases.insert().values(document_id=doc.id, basis_id=laws[i % 100].id)
            )
            if i % 3 == 0:
                session.add(
                    LegalEffectEvent(
                        document_id=doc.id,
                        kind="repealed" if i % 2 else "replaced",
                        scope="part" if i % 2 else "whole",
                        articles="Điều 2" if i % 2 else "",
                        from_date=issued + timedelta(days=400),
                        by_text="Quyết định khác",
                    )
                )


def legal_lists() -> None:
    """The register of 2,000 ward documents: load, the four lists at a cut-off, one xlsx."""
    from datetime import date

    sys.path.insert(0, str(ROOT))
    from services.bundle import build_services
    from services.legal.xlsx import write_list
    from services.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        db, _ = prepare_database(Path(tmp) / "bench.sqlite", sample=False)
        try:
            _legal_register(db, 2000)
            services = build_services(db)
            start = time.perf_counter()
            docs = services.legal.documents()
            loaded = time.perf_counter()
            cycle = services.legal_cycles.create_cycle(
                "2024-2028", date(2024, 1, 1), date(2028, 12, 31)
            )
            lists = services.legal_cycles.cycle_lists(cycle.id)
            listed = time.perf_counter()
            write_list(lists[2], Path(tmp) / "con-hieu-luc.xlsx")
            written = time.perf_counter()
        finally:
            db.dispose()
    print(f"legal_register_load_{len(docs)} {1000 * (loaded - start):.0f} ms")
    print(f"legal_cycle_four_lists_2000 {1000 * (listed - loaded):.0f} ms")
    print(f"legal_in_force_xlsx_rows_{len(lists[2].rows)} {1000 * (written - listed):.0f} ms")


BENCHMARKS = [startup, legal_lists]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = set(sys.argv[1:])
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
