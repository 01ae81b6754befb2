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


def _big_framework_specs(fields: int = 10, per_field: int = 5, leaves: int = 5):
    """About 300 criteria: 10 fields × 5 criteria × 5 components (310 nodes)."""
    from services.scores.dto import CriterionSpec

    specs = []
    for f in range(1, fields + 1):
        specs.append(CriterionSpec(f"{f}", f"Lĩnh vực {f}", per_field * leaves * 0.4))
        for c in range(1, per_field + 1):
            specs.append(
                CriterionSpec(f"{f}.{c}", f"Tiêu chí {f}.{c}", leaves * 0.4, parent_code=f"{f}")
            )
            for leaf in range(1, leaves + 1):
                specs.append(
                    CriterionSpec(
                        f"{f}.{c}.{leaf}", f"Thành phần {f}.{c}.{leaf}", 0.4, parent_code=f"{f}.{c}"
                    )
                )
    return specs


def score_recompute() -> None:
    """Recompute a 310-criterion tree after one edit: pure arithmetic, and the service path."""
    import time

    sys.path.insert(0, str(ROOT))
    from services.bundle import build_services
    from services.scores.assessments import build_tree
    from services.store.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        db, _ = prepare_database(Path(tmp) / "bench.sqlite", sample=False)
        try:
            services = build_services(db)
            specs = _big_framework_specs()
            framework = services.frameworks.create("PAR", 2025, specs)
            rows = services.frameworks.criteria(framework.id)
            leaves = [r for r in rows if r.is_leaf]
            services.assessments.set_scores(framework.id, "self", {r.code: 0.2 for r in leaves})
            tree = build_tree(rows, "points")
            values = {r.id: 0.2 for r in leaves}
            pure = []
            for i in range(200):
                values[leaves[i % len(leaves)].id] = 0.4 if i % 2 else 0.2
                started = time.perf_counter()
                tree.total(tree.compute(values))
                pure.append((time.perf_counter() - started) * 1000)
            full = []
            for i in range(20):
                started = time.perf_counter()
                services.assessments.set_score(leaves[i].id, "self", 0.3)
                services.assessments.scoreboard(framework.id)
                full.append((time.perf_counter() - started) * 1000)
        finally:
            db.dispose()
    print(f"score_tree_nodes {len(rows)} criteria")
    print(f"score_recompute_pure_median {statistics.median(pure):.3f} ms")
    print(f"score_recompute_pure_max {max(pure):.3f} ms")
    print(f"score_edit_and_scoreboard_median {statistics.median(full):.1f} ms")


PACK_CHILD = textwrap.dedent(
    """
    import resource, sys, time
    sys.path.insert(0, sys.argv[1])
    from services.bundle import build_services
    from services.store.db import open_database
    db = open_database(sys.argv[2])
    services = build_services(db)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = services.evidence.pack(2025, sys.argv[3])
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    db.dispose()
    print(f"evidence_pack_seconds {elapsed:.2f} s")
    print(f"evidence_pack_files {report.files} files")
    print(f"evidence_pack_megabytes {report.bytes / 1048576:.0f} MiB")
    print(f"evidence_pack_peak_rss {peak / 1024:.0f} MiB")
    print(f"evidence_pack_rss_growth {(peak - before) / 1024:.0f} MiB")
    """
)


def evidence_pack(files: int = 500, size: int = 1024 * 1024) -> None:
    """Pack 500 files / 500 MiB; the files are generated here and deleted afterwards."""
    import time

    sys.path.insert(0, str(ROOT))
    from datetime import date

    from services.bundle import build_services
    from services.store.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = folder / "bench.sqlite"
        db, _ = prepare_database(db_path, sample=False)
        try:
            services = build_services(db)
            framework = services.frameworks.load_template("PAR", 2025)
            leaves = [r for r in services.frameworks.criteria(framework.id) if r.is_leaf]
            source = folder / "scans"
            source.mkdir()
            started = time.perf_counter()
            for i in range(files):
                path = source / f"scan-{i:03d}.pdf"
                with path.open("wb") as handle:
                    handle.write(b"%PDF-1.4\n" + os.urandom(size - 9))
                services.evidence.add_file(
                    path,
                    title=f"Tài liệu kiểm chứng số {i}",
                    doc_date=date(2025, 1 + i % 12, 1),
                    criterion_ids=[leaves[i % len(leaves)].id],
                )
                path.unlink()  # keep only the store's copy on disk
            added = time.perf_counter() - started
        finally:
            db.dispose()
        script = folder / "pack_child.py"
        script.write_text(PACK_CHILD)
        out = subprocess.run(
            [sys.executable, str(script), str(ROOT), str(db_path), str(folder / "pack.zip")],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        zip_size = (folder / "pack.zip").stat().st_size
    print(f"evidence_store_add_seconds {added:.2f} s")
    print(out.stdout.strip())
    print(f"evidence_pack_zip_size {zip_size / 1048576:.0f} MiB")


def disclosure_year() -> None:
    """A ward with 12 residential groups and a full year posted: what the area recomputes."""
    sys.path.insert(0, str(ROOT))
    from datetime import date, timedelta

    from services.bundle import build_services
    from services.disclosure.service import DisclosureDraft, PostingDraft
    from services.disclosure.vocab import PER_GROUP_FORMS
    from services.store.startup import prepare_database

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


def disclosure_pdfs() -> None:
    """The year report and a quarterly list as PDFs for 12 residential groups, all posted."""
    sys.path.insert(0, str(ROOT))
    from datetime import date, timedelta

    from services.bundle import build_services
    from services.disclosure.service import PostingDraft
    from services.disclosure.vocab import PER_GROUP_FORMS
    from services.documents.render import document_pdf
    from services.store.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        db, _ = prepare_database(Path(tmp) / "bench.sqlite")
        services = build_services(db)
        today = date(2025, 12, 31)
        services.disclosure.today = lambda: today
        groups = [services.disclosure_setup.add_group(f"Tổ dân phố {n}") for n in range(1, 13)]
        services.disclosure.generate_plan(2025)
        for row in services.disclosure.disclosures(2025):
            if row.rule is None or row.trigger_date is None or row.trigger_date >= today:
                continue
            for form in row.rule.forms:
                for group in groups if form in PER_GROUP_FORMS else [None]:
                    posted = min(row.trigger_date + timedelta(days=2), today)
                    services.disclosure.add_posting(
                        PostingDraft(row.id, form, posted, group.id if group else None)
                    )
        documents = services.disclosure_documents
        start = time.perf_counter()
        report, info = document_pdf(documents.report_document(2025))
        report_ms = 1000 * (time.perf_counter() - start)
        start = time.perf_counter()
        document_pdf(documents.quarterly_document(2025, 4))
        quarter_ms = 1000 * (time.perf_counter() - start)
        db.dispose()
    print(f"disclosure_report_pdf {report_ms:.0f} ms")
    print(f"disclosure_report_pages {info.pages} count")
    print(f"disclosure_quarter_pdf {quarter_ms:.0f} ms")


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
    from services.store.startup import prepare_database

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


def legal_list_pdf() -> None:
    """The in-force list of a 2,000-document register as its decision PDF (landscape annex)."""
    from datetime import date

    sys.path.insert(0, str(ROOT))
    from services.bundle import build_services
    from services.documents.render import document_pdf
    from services.store.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        db, _ = prepare_database(Path(tmp) / "bench.sqlite", sample=False)
        try:
            _legal_register(db, 2000)
            services = build_services(db)
            services.legal_cycles.create_cycle("2024-2028", date(2024, 1, 1), date(2028, 12, 31))
            start = time.perf_counter()
            document = services.legal_documents.list_document("in-force", 2025)
            built = time.perf_counter()
            _pdf, info = document_pdf(document)
            rendered = time.perf_counter()
        finally:
            db.dispose()
    rows = len(document.annexes[0].blocks[0].rows)
    print(f"legal_in_force_decision_build {1000 * (built - start):.0f} ms")
    print(f"legal_in_force_pdf_rows_{rows} {1000 * (rendered - built):.0f} ms")
    print(f"legal_in_force_pdf_pages {info.pages} count")


def _child_peak(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``main.py args`` in a fresh process: wall seconds and its peak RSS (MiB)."""
    code = (
        "import resource, runpy, sys; sys.argv = " + repr([str(ROOT / "main.py"), *args]) + "\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(f'peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
    )
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    seconds = time.perf_counter() - started
    peak = next(
        line.split()[1] for line in out.stdout.splitlines() if line.startswith("peak-rss-kib")
    )
    return seconds, float(peak) / 1024


def _fill_database(db_path: Path, tasks: int) -> None:
    sys.path.insert(0, str(ROOT))
    from models import PlanSection, PlanTask
    from services.store.startup import prepare_database
    from services.text import search_key

    db, _ = prepare_database(db_path)
    with db.session_factory.begin() as session:
        sections = list(session.query(PlanSection))
        for i in range(tasks):
            section = sections[i % len(sections)]
            text = f"Nhiệm vụ thử số {i}: rà soát, cập nhật và công khai thủ tục hành chính"
            session.add(
                PlanTask(
                    plan_id=section.plan_id,
                    section_id=section.id,
                    position=1000 + i,
                    text=text,
                    search_key=search_key(text),
                    percent=i % 101,
                )
            )
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
        backup_s, backup_mib = _child_peak(
            ["backup", "--db", str(db_path), "-o", str(archive)], env
        )
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

    from services.store.startup import prepare_database

    with tempfile.TemporaryDirectory(prefix="pardesk-kill-") as tmp:
        db_path = Path(tmp) / "pardesk.sqlite"
        db, _ = prepare_database(db_path)
        db.dispose()
        outcome = run_trials(db_path, 50, seed=50)
    print(f"kill_test_trials {outcome.trials} trials")
    print(f"kill_test_actions_committed {outcome.actions} actions")
    print(f"kill_test_losses {outcome.losses} actions")
    print(f"kill_test_corrupt_files {outcome.corrupt} trials")


def kill_backup() -> None:
    """50 kills each during backup, restore and evidence import (bench/kill_backup.py);
    every figure but the trials and the kills that hit mid-work must be 0."""
    sys.path.insert(0, str(ROOT / "bench"))
    import kill_backup as harness

    for line in harness.run(50, seed=16):
        print(line, flush=True)


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
    from services.store.startup import prepare_database

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


def pdf_process() -> None:
    """`main.py pdf plan` whole process (spawn to file written) beside LibreOffice on the .docx.

    Both are measured as a support person's script runs them: a new process each time, warm
    disk caches and bytecode (one untimed run first), medians of interleaved runs so both see
    the same machine load. LibreOffice is used only when `soffice` is already on PATH.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = _environment(folder)
        db = folder / "bench.sqlite"
        main = [sys.executable, str(ROOT / "main.py")]
        subprocess.run([*main, "init", "--db", str(db)], env=env, check=True, capture_output=True)
        pdf = folder / "ke-hoach-2025.pdf"
        plan = [*main, "pdf", "plan", "--year", "2025", "--db", str(db), "-o", str(pdf)]
        subprocess.run([*plan, "--docx"], env=env, check=True, capture_output=True)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        convert = None
        if soffice:
            profile = (folder / "lo-profile").as_uri()
            convert = [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "lo"),
                str(pdf.with_suffix(".docx")),
            ]
            subprocess.run(convert, env=env, check=True, capture_output=True)  # builds profile

        def run(command: list[str]) -> float:
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            return 1000 * (time.perf_counter() - started)

        ours, theirs = [], []
        for _ in range(RUNS):
            ours.append(run(plan))
            if convert:
                theirs.append(run(convert))
        ours_ms = statistics.median(ours)
        print(f"pdf_plan_process_ms {ours_ms:.0f} ms")
        if not convert:
            print("# pdf_plan_vs_libreoffice_ratio skipped: soffice is not on PATH")
            return
        theirs_ms = statistics.median(theirs)
        print(f"libreoffice_plan_docx_to_pdf_process_ms {theirs_ms:.0f} ms")
        print(f"pdf_plan_vs_libreoffice_ratio {ours_ms / theirs_ms:.2f} x")


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
    from services.store.db import open_database
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
    from services.store.startup import prepare_database
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


DASHBOARD = textwrap.dedent(
    """
    import os, statistics, sys, time
    from datetime import date
    from pathlib import Path
    sys.path.insert(0, os.environ["PARDESK_ROOT"])
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.app import configure_application
    app = QApplication([])
    configure_application(app)
    from services.bundle import build_services
    from services.plan.dashboard import build_dashboard
    from services.store.db import open_database
    from services.overview_items import DISCLOSURE, LEGAL, SCORES, gather
    from ui.overview import OverviewArea
    db = open_database(Path(os.environ["PARDESK_DB"]))
    services = build_services(db)
    settings = QSettings(str(Path(os.environ["PARDESK_DATA_DIR"]) / "bench.ini"), QSettings.Format.IniFormat)
    name, today = os.environ["PARDESK_BENCH_NAME"], date(2025, 12, 26)
    area = OverviewArea(services, settings)
    area.today = today
    area.resize(1280, 900)
    def until_complete():
        while not area.modules_ready:  # a very large plan reads the other modules on a worker
            app.processEvents()
            time.sleep(0.002)
        app.processEvents()
    t = time.perf_counter()
    area.show()  # the first refresh happens on show
    app.processEvents()
    until_complete()
    first = 1000 * (time.perf_counter() - t)
    samples, complete = [], []
    for _ in range(5):
        t = time.perf_counter()
        area.refresh()
        app.processEvents()
        samples.append(1000 * (time.perf_counter() - t))
        until_complete()
        complete.append(1000 * (time.perf_counter() - t))
    others = []
    for _ in range(5):
        t = time.perf_counter()
        gather(services, today, year=2025, modules=(DISCLOSURE, LEGAL, SCORES))
        others.append(1000 * (time.perf_counter() - t))
    print(f"dashboard_first_show_{name} {first:.0f} ms")
    print(f"dashboard_refresh_{name} {statistics.median(samples):.0f} ms")
    print(f"dashboard_refresh_worst_{name} {max(samples):.0f} ms")
    print(f"dashboard_complete_{name} {statistics.median(complete):.0f} ms")
    print(f"dashboard_other_modules_{name} {statistics.median(others):.0f} ms")
    print(f"dashboard_lines_{name} {len(area.items.items)} lines")
    db.dispose()
    """
)


def _office(db_path: Path) -> None:
    """The other modules filled as a busy ward has them: PAR and PAPI 2025 linked to the plan's
    tasks by code, the disclosure year for 12 residential groups, a 300-document register."""
    sys.path.insert(0, str(ROOT))
    from services.bundle import build_services
    from services.store.db import open_database

    db = open_database(db_path)
    try:
        services = build_services(db)
        for key in ("PAR", "PAPI"):
            framework = services.frameworks.load_template(key, 2025)
            services.assessments.link_by_code(framework.id)
            leaves = [r for r in services.frameworks.criteria(framework.id) if r.is_leaf]
            services.assessments.set_scores(
                framework.id, "self", {r.code: r.max_points for r in leaves}
            )
        for n in range(1, 13):
            services.disclosure_setup.add_group(f"Tổ dân phố {n}")
        services.disclosure.generate_plan(2025)
        _legal_register(db, 300)
    finally:
        db.dispose()


def dashboard() -> None:
    """Tổng quan refresh (plan figures + every module's lines), sample and 10,000 tasks."""
    sys.path.insert(0, str(ROOT))
    from services.store.startup import prepare_database

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        script = data / "dashboard.py"
        script.write_text(DASHBOARD)
        for name in ("sample", "10k"):
            db_path = data / f"{name}.sqlite"
            if name == "10k":
                _fill_10k(db_path)
            else:
                db, _ = prepare_database(db_path, sample=True)
                db.dispose()
            _office(db_path)
            env = _environment(data)
            env.update(PARDESK_DB=str(db_path), PARDESK_ROOT=str(ROOT), PARDESK_BENCH_NAME=name)
            out = subprocess.run(
                [sys.executable, str(script)], env=env, capture_output=True, text=True, cwd=ROOT
            )
            if out.returncode:
                sys.exit(f"dashboard failed:\n{out.stdout}\n{out.stderr[-3000:]}")
            for line in out.stdout.splitlines():
                if line.count(" ") == 2:
                    print(line)


def pg_load() -> None:
    """10 officers on one PostgreSQL server (60 s; `--long` or PARDESK_BENCH_LONG=1: 5 min),
    then the same service calls timed on SQLite and on PostgreSQL."""
    import pg_load as load

    long = "--long" in sys.argv or os.environ.get("PARDESK_BENCH_LONG") == "1"
    for line in load.run(300 if long else 60):
        print(line, flush=True)


def audit_log_10k() -> None:
    """Cài đặt → Nhật ký thay đổi over a log of 10,000 lines: every id named, then searched."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import json
    import random
    from datetime import datetime

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import insert

    from models import AuditEntry
    from services.bundle import build_services
    from services.store.startup import prepare_database
    from ui.safety.audit_model import AuditFilterProxy, AuditTableModel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = prepare_database(Path(tmp) / "bench.sqlite")
        services = build_services(db)
        tasks = services.plans.tasks(services.plans.plan_for_year(2025).id)
        units = [u.id for u in services.units.list()]
        rng = random.Random(13)
        rows = []
        for n in range(10_000):  # edits of lead, partners, deadline and progress, as clerks make
            task = rng.choice(tasks)
            changes = {
                "lead_unit_id": [rng.choice(units), rng.choice(units)],
                "partners": [[], [str(u) for u in rng.sample(units, 2)]],
                "deadline": ["2025-12-31", "2025-09-30"],
                "status": ["not_started", "in_progress"],
                "percent": [0, n % 100],
            }
            rows.append(
                dict(at=datetime(2025, 6, 1), actor="Nguyễn Thị Lan", action="update",
                     table_name="plan_tasks", record_id=str(task.id), record_label=task.text[:120],
                     changes=json.dumps(changes, ensure_ascii=False), search_key="")
            )  # fmt: skip
        with db.session_factory.begin() as session:
            session.execute(insert(AuditEntry), rows)
        samples, searched = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            entries = services.audit.entries(limit=10_000)
            model = AuditTableModel()
            model.set_rows(entries)
            proxy = AuditFilterProxy()
            proxy.setSourceModel(model)
            samples.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            proxy.set_query("chu tri van phong")
            app.processEvents()
            searched.append(1000 * (time.perf_counter() - start))
        db.dispose()
    print(f"audit_log_lines {len(entries)} count")
    print(f"audit_log_open_named {statistics.median(samples):.0f} ms")
    print(f"audit_log_search_named {statistics.median(searched):.0f} ms")


BENCHMARKS = [
    startup,
    score_recompute,
    evidence_pack,
    disclosure_year,
    disclosure_pdfs,
    legal_lists,
    legal_list_pdf,
    backup_restore,
    kill_test,
    kill_backup,
    documents,
    pdf_process,
    plan_10k,
    dashboard,
    pg_load,
    audit_log_10k,
]


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    wanted = {a for a in sys.argv[1:] if not a.startswith("--")}
    for bench in BENCHMARKS:
        if not wanted or bench.__name__ in wanted:
            bench()
    shutil.rmtree(ROOT / "bench" / "out", ignore_errors=True)
