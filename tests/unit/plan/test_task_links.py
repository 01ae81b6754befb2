"""Task-side criterion links: the editor's choices, replacing a task's links, the plan's column."""

from __future__ import annotations

import pytest

from services.errors import NotFoundError


@pytest.fixture
def setup(services):
    services.frameworks.load_templates(2025)
    plan = services.plans.plan_for_year(2025)
    task = next(t for t in services.plans.tasks(plan.id) if t.criteria == ("PAR.1",))
    return plan, task


def _ids(services, year, *labels):
    by_label = {c.label: c.criterion_id for c in services.assessments.criteria_choices(year)}
    return [by_label[x] for x in labels]


def test_choices_are_the_years_par_papi_sipas_criteria_in_tree_order(services, setup):
    choices = services.assessments.criteria_choices(2025)
    keys = [c.index_key for c in choices]
    assert keys == sorted(keys, key=["PAR", "PAPI", "SIPAS"].index)
    par = [c.code for c in choices if c.index_key == "PAR"]
    assert par[:4] == ["PAR.1", "PAR.1.1", "PAR.1.1.1", "PAR.1.1.2"]
    assert {c.year for c in choices} == {2025}
    assert services.assessments.criteria_choices(2031) == []
    papi = next(c for c in choices if c.index_key == "PAPI")
    assert papi.label == f"PAPI {papi.code}" and not papi.code.startswith("PAPI")


def test_set_task_links_replaces_the_set_and_an_unknown_criterion_changes_nothing(services, setup):
    plan, task = setup
    a, b, c = _ids(services, 2025, "PAR.2.1", "PAR.3.4", "PAPI D1.1")
    services.assessments.set_task_links(task.id, [a, b])
    services.assessments.set_task_links(task.id, [b, c])
    assert [x.label for x in services.assessments.criteria_for_task(task.id)] == [
        "PAPI D1.1",
        "PAR.3.4",
    ]
    with pytest.raises(NotFoundError):
        services.assessments.set_task_links(task.id, [a, 999_999])
    assert len(services.assessments.criteria_for_task(task.id)) == 2
    row = services.plans.task(task.id)
    assert row.criteria == ("PAR.1",)
    assert row.linked_criteria == ("PAPI D1.1", "PAR.3.4")
    assert row.criteria_shown == ("PAR.1", "PAPI D1.1", "PAR.3.4")
    assert services.plans.linked_criteria(plan.id) == {task.id: ("PAPI D1.1", "PAR.3.4")}
    # A code typed and linked at once is shown once.
    services.assessments.set_task_links(task.id, _ids(services, 2025, "PAR.1"))
    assert services.plans.task(task.id).criteria_shown == ("PAR.1",)
    services.assessments.set_task_links(task.id, [])
    assert services.plans.linked_criteria(plan.id) == {}
