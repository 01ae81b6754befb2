"""Every table model of the plan workspace passes Qt's model checks, with real data in it."""

from __future__ import annotations

from datetime import date

from services.plan.progress import ProgressDraft
from ui.plan.progress_models import OccurrenceModel, ProgressHistoryModel
from ui.plan.task_table_model import TaskFilter, TaskFilterProxy, TaskTableModel


def _monthly(services):
    plan = services.plans.plan_for_year(2025)
    return next(t for t in services.plans.tasks(plan.id) if t.recurrence == "monthly")


def test_task_model_and_its_filter_proxy(qtmodeltester, services):
    plan = services.plans.plan_for_year(2025)
    model = TaskTableModel()
    model.set_tasks(services.plans.tasks(plan.id), date(2025, 7, 1))
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(TaskFilter(query="van ban", due="overdue"))
    qtmodeltester.check(proxy, force_py=True)
    proxy.sort(4)
    proxy.set_filter(TaskFilter(status="not_started"))
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 43


def test_progress_history_model(qtmodeltester, services):
    task = _monthly(services)
    services.progress.record(
        task.id, ProgressDraft(date(2025, 1, 31), 100, "done", "Báo cáo T1", 1)
    )
    services.progress.record(task.id, ProgressDraft(date(2025, 2, 5), 10, "in_progress", "x"))
    model = ProgressHistoryModel()
    labels = {o.period: o.label for o in services.progress.occurrences(task.id)}
    model.set_history(services.progress.history(task.id), labels)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 1).data() for r in range(2)] == ["Cả nhiệm vụ", "Tháng 1/2025"]


def test_occurrence_model(qtmodeltester, services):
    model = OccurrenceModel()
    model.set_rows(services.progress.occurrences(_monthly(services).id))
    qtmodeltester.check(model, force_py=True)
    assert model.index(11, 1).data() == "31/12/2025"
