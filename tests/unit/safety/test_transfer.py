"""`main.py transfer`: a ward's data moved to another database and back, equal row for row.

On the PostgreSQL run the source is a server database, so the trip is PostgreSQL → SQLite file
→ a new PostgreSQL database; on the SQLite run both ends are files.
"""

from __future__ import annotations

import dataclasses

from main import main
from services.bundle import build_services
from services.safety.transfer import compare
from services.store.db import open_database
from tests.pg import ON_PG, discard_database, new_pg_database


def _compare(a, b) -> list[str]:
    first, second = open_database(a), open_database(b)
    try:
        with first.engine.connect() as left, second.engine.connect() as right:
            return compare(left, right)
    finally:
        first.dispose()
        second.dispose()


def test_round_trip_keeps_every_row_and_the_target_stays_usable(
    services, db_path, tmp_path, capsys
):
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban")
    services.evidence.add_file(scan, title="Biên bản kiểm tra")
    middle = tmp_path / "chuyen" / "phuong.sqlite"
    back = new_pg_database() if ON_PG else tmp_path / "ve" / "phuong.sqlite"
    try:
        assert main(["transfer", "--from", str(db_path), "--to", str(middle)]) == 0
        out = capsys.readouterr().out
        assert "Đối chiếu từng dòng: KHỚP" in out
        assert "plan_tasks" in out and "evidence_files" in out
        assert main(["transfer", "--from", str(middle), "--to", str(back)]) == 0
        assert _compare(db_path, middle) == []
        assert _compare(db_path, back) == []
        db = open_database(back)
        try:  # new rows get fresh ids after the copied ones (server sequences moved on)
            moved = build_services(db)
            plan = moved.plans.plan_for_year(2025)
            task = moved.plans.tasks(plan.id)[0]
            created = moved.plans.create_task(dataclasses.replace(task.draft(), text="Mới"))
            assert created.id > max(t.id for t in services.plans.tasks(plan.id))
            assert [e.title for e in moved.evidence.list_files()] == ["Biên bản kiểm tra"]
        finally:
            db.dispose()
    finally:
        discard_database(back)


def test_a_target_that_already_holds_data_is_refused(db_path, tmp_path, capsys):
    other = tmp_path / "khac.sqlite"
    assert main(["init", "--db", str(other)]) == 0  # has the sample plan
    capsys.readouterr()
    assert main(["transfer", "--from", str(db_path), "--to", str(other)]) == 1
    err = capsys.readouterr().err
    assert "đã có dữ liệu" in err and "một cơ sở dữ liệu mới, trống" in err
