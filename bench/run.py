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


def _times_ms(fn, runs: int) -> list[float]:
    import time

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - started))
    return times


def _median_ms(fn, runs: int) -> float:
    return statistics.median(_times_ms(fn, runs))


def _soffice() -> str | None:
    """LibreOffice's soffice, installed from Debian's packages when missing (bench only)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or not shutil.which("apt-get"):
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libreoffice-writer"],
        env=env,
        capture_output=True,
    )
    return shutil.which("soffice") or shutil.which("libreoffice")


def _tasks_500(tasks):
    """500 task rows cycled from the sample plan's, with mixed progress, for the report annex."""
    from dataclasses import replace

    statuses = ("done", "in_progress", "not_started", "done", "paused")
    rows = []
    for i in range(500):
        base = tasks[i % len(tasks)]
        rows.append(
            replace(
                base,
                id=10_000 + i,
                actionable=True,
                status=statuses[i % len(statuses)],
                percent=(i * 7) % 101,
                result_notes="Đã triển khai, báo cáo kết quả về Văn phòng." if i % 3 == 0 else "",
                outline=f"{base.outline}.{i}",
            )
        )
    return rows


def documents() -> None:
    """Sample plan PDF in-process (warm), a 500-task report, and LibreOffice on the .docx."""
    sys.path.insert(0, str(ROOT))
    from datetime import date

    from services.bundle import build_services
    from services.documents.docx import document_docx
    from services.documents.pdf import render_pdf
    from services.documents.periods import period
    from services.documents.render import document_pdf
    from services.documents.report_document import report_document
    from services.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, _ = prepare_database(folder / "bench.sqlite")
        services = build_services(db)
        document = services.documents.plan_document(2025)
        document_pdf(document)  # warm: fonts registered, modules imported
        render_ms = _median_ms(lambda: render_pdf(document), 15)
        signing_times = _times_ms(lambda: document_pdf(document), 15)
        signing_ms = statistics.median(signing_times)
        build_ms = _median_ms(lambda: services.documents.plan_document(2025), 15)
        print(f"pdf_plan_render {render_ms:.1f} ms")
        print(f"pdf_plan_signing_version {signing_ms:.1f} ms")
        print(f"pdf_plan_signing_version_best {min(signing_times):.1f} ms")
        print(f"pdf_plan_from_database {build_ms + signing_ms:.1f} ms")

        plan = services.plans.plan_for_year(2025)
        tasks = _tasks_500(services.plans.tasks(plan.id))
        report = report_document(
            plan,
            services.plans.sections(plan.id),
            tasks,
            services.organisation.get(),
            period("Q3", 2025),
            today=date(2025, 10, 1),
        )
        pdf, info = document_pdf(report)
        report_ms = _median_ms(lambda: document_pdf(report), 3)
        print(f"pdf_report_500_tasks {report_ms:.0f} ms")
        print(f"pdf_report_500_tasks_pages {info.pages} pages")

        docx_path = folder / "ke-hoach-2025.docx"
        docx_path.write_bytes(document_docx(document))
        soffice = _soffice()
        if soffice is None:
            print(
                "# soffice_docx_to_pdf skipped: LibreOffice not installed and apt-get unavailable"
            )
            db.dispose()
            return
        profile = (folder / "lo-profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(docx_path),
        ]
        subprocess.run(command, capture_output=True, check=True)  # first run builds the profile
        soffice_times = _times_ms(
            lambda: subprocess.run(command, capture_output=True, check=True), 3
        )
        soffice_ms = statistics.median(soffice_times)
        print(f"soffice_docx_to_pdf {soffice_ms:.0f} ms")
        print(f"soffice_docx_to_pdf_best {min(soffice_times):.0f} ms")
        # Same document, same machine load: medians against medians, best against best.
        print(f"pardesk_vs_soffice {soffice_ms / signing_ms:.0f} x")
        print(f"pardesk_vs_soffice_best {min(soffice_times) / min(signing_times):.0f} x")
        db.dispose()


BENCHMARKS = [startup, documents]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = set(sys.argv[1:])
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
