"""Ten officers on one PostgreSQL server: throughput, conflicts, errors, and no lost update.

Each officer is a process with its own engine. 70 % of its work is a read-modify-write of a
shared task (the task's result note is a counter: read it, think, save +1 with the version it
read), 30 % is a progress entry on another shared task. At the end:

- every counter equals the number of saves acknowledged to the officers (no lost update),
  and each saved task's version moved on;
- every progress entry acknowledged is in the database;
- every attempt ended as a success, a ``ConflictError`` told to that officer, or an error
  (must be 0: deadlocks and lock waits are retried inside the services).

The server is started for the run like CI does (``.ci/pg-server``) and stopped afterwards.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OFFICERS = 10
SHARED_TASKS = 10


def start_server() -> dict[str, str]:
    out = subprocess.run(
        ["bash", str(ROOT / ".ci" / "pg-server"), "start"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    env = {}
    for line in out.splitlines():
        if line.startswith("export "):
            key, _, value = line.removeprefix("export ").partition("=")
            env[key] = value
    return env


def stop_server(env: dict[str, str]) -> None:
    subprocess.run(
        ["bash", str(ROOT / ".ci" / "pg-server"), "stop", env["PARDESK_PG_DIR"]],
        capture_output=True,
        check=False,
    )


def new_database(server_url: str, name: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(server_url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _pools(services) -> tuple[list[int], list[int]]:
    plan = services.plans.plan_for_year(2025)
    plain = [t for t in services.plans.tasks(plan.id) if t.actionable and t.recurrence == "none"]
    counters = [t.id for t in plain[:SHARED_TASKS]]
    journals = [t.id for t in plain[SHARED_TASKS : 2 * SHARED_TASKS]]
    for task_id in counters:
        row = services.plans.task(task_id)
        services.plans.update_task(task_id, dataclasses.replace(row.draft(), result_notes="0"))
    return counters, journals


def officer(url: str, index: int, counters, journals, seconds: float, results, go) -> None:
    from services.bundle import build_services
    from services.errors import ConflictError
    from services.plan.progress import ProgressDraft
    from services.safety.audit import set_actor
    from services.store.db import open_database

    db = open_database(url)
    services = build_services(db)
    set_actor(db.session_factory, f"Cán bộ {index + 1}")
    services.plans.task(counters[0])  # connected and warm before the start signal
    results.put({"ready": index})
    go.wait()
    deadline = time.time() + seconds
    rng = random.Random(index)
    saved: dict[int, int] = {}
    entries: dict[int, int] = {}
    attempts = conflicts = 0
    errors: list[str] = []
    while time.time() < deadline:
        attempts += 1
        try:
            if rng.random() < 0.7:
                task_id = rng.choice(counters)
                row = services.plans.task(task_id)
                time.sleep(rng.uniform(0, 0.005))  # the officer types
                draft = dataclasses.replace(
                    row.draft(), result_notes=str(int(row.result_notes) + 1)
                )
                services.plans.update_task(task_id, draft, expected_version=row.version)
                saved[task_id] = saved.get(task_id, 0) + 1
            else:
                task_id = rng.choice(journals)
                draft = ProgressDraft(date(2025, 6, 30), rng.randint(1, 99), "in_progress", "x")
                services.progress.record(task_id, draft)
                entries[task_id] = entries.get(task_id, 0) + 1
        except ConflictError:
            conflicts += 1
        except Exception as exc:  # counted and shown: the run fails if there is any
            errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")
    db.dispose()
    results.put(
        {
            "saved": saved,
            "entries": entries,
            "attempts": attempts,
            "conflicts": conflicts,
            "errors": errors,
        }
    )


def _collect(results, workers) -> list[dict]:
    """Every officer's report; an officer that died without one is an error, not a hang."""
    import queue

    reports: list[dict] = []
    while len(reports) < len(workers):
        try:
            reports.append(results.get(timeout=5))
        except queue.Empty:
            if not any(w.is_alive() for w in workers):
                missing = len(workers) - len(reports)
                reports += [{"saved": {}, "entries": {}, "attempts": 0, "conflicts": 0,
                             "errors": ["officer process died"]}] * missing  # fmt: skip
    return reports


def load_run(url: str, seconds: float) -> dict:
    from services.bundle import build_services
    from services.store.db import open_database

    db = open_database(url)
    services = build_services(db)
    counters, journals = _pools(services)
    versions = {t: services.plans.task(t).version for t in counters}
    history = {t: len(services.progress.history(t)) for t in journals}
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    go = context.Event()
    workers = [
        context.Process(target=officer, args=(url, i, counters, journals, seconds, results, go))
        for i in range(OFFICERS)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:  # every officer connected: start them together
        results.get(timeout=300)
    go.set()
    started = time.time()
    reports = _collect(results, workers)
    for worker in workers:
        worker.join()
    elapsed = time.time() - started
    saved = {t: sum(r["saved"].get(t, 0) for r in reports) for t in counters}
    entries = {t: sum(r["entries"].get(t, 0) for r in reports) for t in journals}
    lost = 0
    for task_id in counters:
        row = services.plans.task(task_id)
        lost += abs(saved[task_id] - int(row.result_notes))
        lost += int(saved[task_id] > 0 and row.version <= versions[task_id])
    for task_id in journals:
        lost += abs(entries[task_id] - (len(services.progress.history(task_id)) - history[task_id]))
    db.dispose()
    attempts = sum(r["attempts"] for r in reports)
    conflicts = sum(r["conflicts"] for r in reports)
    errors = [e for r in reports for e in r["errors"]]
    done = sum(saved.values()) + sum(entries.values())
    return {
        "elapsed": elapsed,
        "attempts": attempts,
        "saves": sum(saved.values()),
        "entries": sum(entries.values()),
        "conflicts": conflicts,
        "errors": errors,
        "lost": lost,
        "unaccounted": attempts - done - conflicts - len(errors),
    }


def _median_ms(fn, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def call_times(target) -> dict[str, float]:
    """The same service calls, one client, median milliseconds."""
    from services.bundle import build_services
    from services.plan.progress import ProgressDraft
    from services.store.db import open_database

    db = open_database(target)
    services = build_services(db)
    plan = services.plans.plan_for_year(2025)
    task = next(t for t in services.plans.tasks(plan.id) if t.actionable)

    def update():
        row = services.plans.task(task.id)
        services.plans.update_task(
            task.id, dataclasses.replace(row.draft(), result_notes=f"{time.time()}")
        )

    figures = {
        "list_tasks": _median_ms(lambda: services.plans.tasks(plan.id)),
        "search_tasks": _median_ms(lambda: services.plans.search_tasks(plan.id, "cong khai")),
        "read_update_task": _median_ms(update),
        "record_progress": _median_ms(
            lambda: services.progress.record(
                task.id, ProgressDraft(date(2025, 6, 30), 50, "in_progress")
            )
        ),
        "overview": _median_ms(lambda: services.plans.sections(plan.id)),
    }
    db.dispose()
    return figures


def run(seconds: float) -> list[str]:
    from services.store.startup import prepare_database

    lines = []
    env = start_server()
    folder = Path(tempfile.mkdtemp(prefix="pardesk-load-"))
    os.environ["PARDESK_DATA_DIR"] = str(folder)
    try:
        server = env["PARDESK_TEST_DB_URL"]
        load_url = new_database(server, "pardesk_load")
        db, _ = prepare_database(load_url)
        db.dispose()
        result = load_run(load_url, seconds)
        lines += [
            f"pg_load_officers {OFFICERS} processes",
            f"pg_load_seconds {result['elapsed']:.0f} s",
            f"pg_load_throughput {(result['saves'] + result['entries']) / result['elapsed']:.1f} writes/s",
            f"pg_load_task_saves {result['saves']} count",
            f"pg_load_progress_entries {result['entries']} count",
            f"pg_load_conflicts_reported {result['conflicts']} count",
            f"pg_load_errors {len(result['errors'])} count",
            f"pg_load_lost_updates {result['lost']} count",
            f"pg_load_unaccounted_attempts {result['unaccounted']} count",
        ]
        for error in sorted(set(result["errors"]))[:5]:
            lines.append(f"# error: {error}")
        sqlite_db, _ = prepare_database(folder / "so-sanh.sqlite")
        sqlite_db.dispose()
        pg_url = new_database(server, "pardesk_calls")
        pg_db, _ = prepare_database(pg_url)
        pg_db.dispose()
        on_sqlite = call_times(folder / "so-sanh.sqlite")
        on_pg = call_times(pg_url)
        for name in on_sqlite:
            lines.append(f"calls_sqlite_{name} {on_sqlite[name]:.1f} ms")
            lines.append(f"calls_postgresql_{name} {on_pg[name]:.1f} ms")
    finally:
        stop_server(env)
        shutil.rmtree(folder, ignore_errors=True)
    return lines
