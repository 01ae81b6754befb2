"""Crash-safety proof: kill a writing ParDesk process at random moments, then check the file.

The writer (``python bench/kill_test.py writer DB``) does what a clerk does through the real
services — add a task, then update it — and prints a line only after each transaction's
commit has returned. The harness kills it with SIGKILL at a random moment, then checks
``PRAGMA integrity_check`` and that every action reported as committed is in the database
(with its audit-trail row). A loss is a reported action that is missing.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def writer(db_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    from services.bundle import build_services
    from services.plan.plans import TaskDraft
    from services.store.db import open_database

    services = build_services(open_database(db_path))
    plan = services.plans.list_plans()[0]
    sections = [s.id for s in services.plans.sections(plan.id)]
    print("ready", flush=True)
    n = int(time.time() * 1000) % 1_000_000_000
    while True:
        n += 1
        created = services.plans.create_task(
            TaskDraft(section_id=sections[n % len(sections)], text=f"Việc kiểm thử {n}")
        )
        print(f"created {created.id} {n}", flush=True)
        draft = created.draft()
        services.plans.update_task(
            created.id,
            TaskDraft(**{**draft.__dict__, "percent": 50, "result_notes": f"cập nhật {n}"}),
            expected_version=created.version,
        )
        print(f"updated {created.id} {n}", flush=True)


@dataclass(frozen=True)
class KillOutcome:
    trials: int
    actions: int  # actions reported committed, over all trials
    losses: int
    corrupt: int


def _verify(db_path: Path, lines: list[str]) -> tuple[int, int, bool]:
    conn = sqlite3.connect(db_path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        actions = losses = 0
        for line in lines:
            parts = line.split()
            if len(parts) != 3 or parts[0] not in ("created", "updated"):
                continue
            actions += 1
            task_id, n = int(parts[1]), parts[2]
            row = conn.execute(
                "SELECT text, percent, result_notes FROM plan_tasks WHERE id = ?", (task_id,)
            ).fetchone()
            audited = conn.execute(
                "SELECT count(*) FROM audit_log WHERE table_name = 'plan_tasks' AND record_id = ?",
                (str(task_id),),
            ).fetchone()[0]
            if row is None or row[0] != f"Việc kiểm thử {n}" or audited < 1:
                losses += 1
            elif parts[0] == "updated" and (row[1] != 50 or row[2] != f"cập nhật {n}"):
                losses += 1
    finally:
        conn.close()
    return actions, losses, ok


def run_trials(
    db_path: Path, trials: int, *, seed: int = 8, min_delay: float = 0.0, max_delay: float = 1.2
) -> KillOutcome:
    """Kill the writer ``trials`` times on the same database file; count losses."""
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    total_actions = losses = corrupt = 0
    for _ in range(trials):
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "writer", str(db_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            proc.kill()
            raise RuntimeError("the writer did not start")
        time.sleep(rng.uniform(min_delay, max_delay))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        actions, lost, ok = _verify(db_path, out.splitlines())
        total_actions += actions
        losses += lost
        corrupt += 0 if ok else 1
    return KillOutcome(trials, total_actions, losses, corrupt)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "writer":
        writer(sys.argv[2])
