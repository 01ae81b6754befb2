"""A period report states the tasks as they stood at the period's end, however late it is printed.

The clerk prints the Q3 report in October, units report more progress in December, and in
January the province asks for the Q3 report again: it must say exactly what it said.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest

import main
from services.documents.periods import period
from services.documents.render import document_pdf
from services.errors import UserError
from services.plan.as_of import History, RecordedPeriod, Update, task_as_of
from services.plan.progress import ProgressDraft

LATE_DECEMBER = date(2025, 12, 20)


def _text(document) -> str:
    pdf, _info = document_pdf(document)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join((p.extract_text() or "") for p in doc.pages)


def _one_offs(services, count=2):
    plan = services.plans.plan_for_year(2025)
    tasks = [t for t in services.plans.tasks(plan.id) if t.actionable and t.recurrence == "none"]
    return tasks[:count]


def _figures(services, code, today=LATE_DECEMBER):
    from services.documents.report_document import figures

    plan = services.documents.plan(2025)
    chosen = period(code, 2025)
    rows = services.documents.tasks_as_of(plan, chosen, today)
    return figures([t for t in rows if t.actionable], min(chosen.end, today)), rows


def test_a_task_finished_on_25_09_is_not_done_in_the_q2_report_but_is_in_q3(services):
    first, _second = _one_offs(services)
    services.progress.record(
        first.id, ProgressDraft(date(2025, 5, 10), 40, "in_progress", "Đã họp")
    )
    services.progress.record(
        first.id, ProgressDraft(date(2025, 9, 25), 100, "done", "Đã ban hành quyết định")
    )
    q2, rows_q2 = _figures(services, "Q2")
    q3, rows_q3 = _figures(services, "Q3")
    as_q2 = next(t for t in rows_q2 if t.id == first.id)
    as_q3 = next(t for t in rows_q3 if t.id == first.id)
    assert (as_q2.status, as_q2.percent, as_q2.result_notes) == ("in_progress", 40, "Đã họp")
    assert (as_q3.status, as_q3.percent) == ("done", 100)
    assert as_q3.result_notes == "Đã ban hành quyết định"
    assert q3.done == q2.done + 1
    # The printed Q2 report says so too: in its counts and in its annex.
    text = _text(services.documents.report_document(2025, "Q2", today=LATE_DECEMBER))
    assert f"đến ngày 30/06/2025 đã hoàn thành {q2.done} nhiệm vụ" in text
    assert "Đã ban hành quyết định" not in text


def test_regenerating_q3_after_q4_progress_gives_the_same_report(services):
    first, second = _one_offs(services)
    services.progress.record(first.id, ProgressDraft(date(2025, 9, 25), 100, "done", "Xong"))
    before = _text(services.documents.report_document(2025, "Q3", today=date(2025, 10, 5)))
    # December: both tasks move on, one of them back-dated to November.
    services.progress.record(second.id, ProgressDraft(date(2025, 11, 20), 100, "done", "Q4 xong"))
    services.progress.record(first.id, ProgressDraft(date(2025, 12, 1), 100, "done", "Bổ sung"))
    again = _text(services.documents.report_document(2025, "Q3", today=date(2026, 1, 10)))
    # Only the signing line's month differs (the day it is printed); every figure is the same.
    strip = lambda text: [x for x in text.splitlines() if "tháng" not in x or "năm 20" not in x]  # noqa: E731
    assert strip(again) == strip(before)
    assert "Q4 xong" not in again and "Bổ sung" not in again
    year = _text(services.documents.report_document(2025, "Y", today=date(2026, 1, 10)))
    assert "Q4 xong" in year and "Bổ sung" in year


def test_a_recurring_task_counts_the_occurrences_done_by_the_period_end():
    from services.plan.records import TaskRow

    task = TaskRow(
        id=1, plan_id=1, section_id=1, position=1, label="a)", text="Báo cáo quý",
        actionable=True, lead_unit_id=None, lead_code="VP", lead_name="Văn phòng",
        partner_ids=(), partner_codes=(), start_on=None, deadline=None,
        deadline_is_default=False, recurrence="quarterly", status="in_progress", percent=75,
        result_notes="", criteria=(), search_key="", version=1,
    )  # fmt: skip
    history = History(
        updates=(
            Update(1, date(2025, 3, 28), "done", 100, "Gửi báo cáo quý I", period=1),
            Update(2, date(2025, 7, 5), "done", 100, "Gửi báo cáo quý II (muộn)", period=2),
            Update(3, date(2025, 9, 29), "done", 100, "Gửi báo cáo quý III", period=3),
        ),
        occurrences=(
            RecordedPeriod(1, "done", date(2025, 3, 28)),
            RecordedPeriod(2, "done", date(2025, 7, 5)),
            RecordedPeriod(3, "done", date(2025, 9, 29)),
        ),
    )
    june = task_as_of(task, history, date(2025, 6, 30), 2025)
    assert (june.status, june.percent, june.periods_done) == ("in_progress", 25, 1)
    assert june.result_notes == "Gửi báo cáo quý I"
    assert june.next_due == date(2025, 6, 30)  # quý II was due and not yet sent
    september = task_as_of(task, history, date(2025, 9, 30), 2025)
    assert (september.percent, september.periods_done) == (75, 3)
    assert september.result_notes == "Gửi báo cáo quý III"
    january = task_as_of(task, history, date(2025, 1, 31), 2025)
    assert (january.status, january.percent) == ("not_started", 0)


def test_a_report_for_a_period_not_begun_is_refused_and_nothing_is_numbered(services):
    before = services.documents.register.entries(2025)
    with pytest.raises(UserError, match="Kỳ báo cáo quý IV năm 2025 chưa bắt đầu"):
        services.documents.report_document(2025, "Q4", today=date(2025, 8, 1))
    with pytest.raises(UserError, match="chưa bắt đầu"):
        services.documents.number_report(2025, "Q4", date(2025, 8, 1))
    assert services.documents.register.entries(2025) == before


def test_no_signer_or_no_task_refuses_with_a_message_and_writes_nothing(
    services, db_path, tmp_path, capsys
):
    org = services.organisation.get()
    services.organisation.save(replace(org, signer_name=""))
    target = tmp_path / "bao-cao.pdf"
    argv = ["pdf", "report", "--year", "2025", "--period", "Q3", "--db", str(db_path)]
    assert main.main([*argv, "-o", str(target)]) != 0
    assert "Báo cáo trình ký chưa có họ tên người ký" in capsys.readouterr().err
    assert not target.exists()
    with pytest.raises(UserError, match="Kế hoạch trình ký chưa có họ tên người ký"):
        services.documents.number_plan(2025, date(2025, 1, 7))
    assert services.documents.register.entries(2025) == []
    # The draft (dự thảo) can still be read before the signer is known.
    assert main.main([*argv, "--draft", "-o", str(target)]) == 0 and target.exists()

    services.organisation.save(org)
    plan = services.plans.plan_for_year(2025)
    for task in services.plans.tasks(plan.id):
        if task.actionable:
            services.plans.update_task(task.id, replace(task.draft(), actionable=False))
    with pytest.raises(UserError, match="chưa có nhiệm vụ nào cần giao và theo dõi"):
        services.documents.report_document(2025, "Q3", today=LATE_DECEMBER)
