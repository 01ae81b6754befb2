"""Frameworks, scores, gaps, links and the mock appraisal on a real migrated database."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import UserError, ValidationError
from services.plan.plans import TaskDraft
from services.scores.arithmetic import Band
from services.scores.dto import CriterionEdit


@pytest.fixture
def par(services):
    """PAR 2024 from the template with a published result, and 2025 copied from it."""
    last = services.frameworks.load_template("PAR", 2024)
    leaves = [r for r in services.frameworks.criteria(last.id) if r.is_leaf and not r.adjustment]
    values = {r.code: r.max_points for r in leaves}
    values.update({"PAR.2.1": 1.0, "PAR.3.4": 1.5, "PAR.6.2": 2.5})  # lost 1, 2.5, 0.5
    services.assessments.set_scores(last.id, "appraised", values)
    services.frameworks.set_result(last.id, 7, 20, "Khá")
    this = services.frameworks.copy_to_year(last.id, 2025)
    return last, this


def _row(services, framework_id, code):
    return next(r for r in services.frameworks.criteria(framework_id) if r.code == code)


def test_templates_load_as_templates_to_check_with_sums_that_add_up(services):
    loaded = services.frameworks.load_templates(2025)
    assert [f.index_key for f in loaded] == ["PAR", "PAPI", "SIPAS"]
    assert all(f.is_template for f in loaded)
    par = services.frameworks.find("PAR", 2025)
    board = services.assessments.scoreboard(par.id)
    assert board.total_max == 100
    assert board.line("PAR.3").max == 23
    assert services.frameworks.load_templates(2025) == []  # already there: nothing doubled


def test_published_result_gives_total_percent_band_and_rank(services, par):
    last, this = par
    board = services.assessments.scoreboard(last.id)
    assert board.total_appraised == 96.0
    assert board.percent_appraised == 96.0 and board.band_appraised == "Nhóm A"
    assert board.line("PAR.2").appraised == 8.0  # computed: 9 − 1
    info = services.frameworks.get(last.id)
    assert (info.result_rank, info.result_of, info.result_class) == (7, 20, "Khá")
    board25 = services.assessments.scoreboard(this.id)
    assert board25.line("PAR.2").last_appraised == 8.0
    assert board25.last_total == 96.0
    assert board25.line("PAR.2.1").gap == 1.0


def test_scores_above_maximum_below_zero_or_on_parents_are_refused(services, par):
    _last, this = par
    leaf = _row(services, this.id, "PAR.2.1")
    with pytest.raises(ValidationError, match="vượt điểm tối đa 2"):
        services.assessments.set_score(leaf.id, "self", 2.5)
    with pytest.raises(ValidationError, match="âm"):
        services.assessments.set_score(leaf.id, "self", -0.5)
    parent = _row(services, this.id, "PAR.2")
    with pytest.raises(ValidationError, match="tính tự động"):
        services.assessments.set_score(parent.id, "self", 5)
    with pytest.raises(ValidationError, match="PAR.9"):
        services.assessments.set_scores(this.id, "self", {"PAR.2.1": 1, "PAR.9": 1})
    assert _row(services, this.id, "PAR.2.1").self_score is None  # nothing written


def test_not_applicable_criterion_lowers_the_maximum_and_clears_its_score(services, par):
    _last, this = par
    leaf = _row(services, this.id, "PAR.5.4")
    services.assessments.set_score(leaf.id, "self", 1.5, "Đã giải ngân 100%")
    services.frameworks.update_criterion(
        leaf.id, CriterionEdit(leaf.name, leaf.max_points, leaf.method, "", applicable=False)
    )
    board = services.assessments.scoreboard(this.id)
    assert board.line("PAR.5").max == 6.5
    assert board.total_max == 98.5
    assert board.line("PAR.5.4").self_score is None
    # Still "MẪU CẦN KIỂM TRA": only the province's own file lifts the mark (issue 15).
    assert services.frameworks.get(this.id).is_template


def test_editing_a_leaf_maximum_changes_the_computed_parent(services, par):
    _last, this = par
    leaf = _row(services, this.id, "PAR.2.2")
    services.frameworks.update_criterion(leaf.id, CriterionEdit("Rà soát văn bản", 2.5))
    assert services.assessments.scoreboard(this.id).line("PAR.2").max == 10
    services.assessments.set_score(leaf.id, "self", 2.5)
    with pytest.raises(ValidationError, match="nhỏ hơn điểm tự đánh giá"):
        services.frameworks.update_criterion(leaf.id, CriterionEdit("Rà soát văn bản", 2))


def test_bands_are_configurable(services, par):
    last, _this = par
    services.frameworks.set_bands(last.id, [Band("Xuất sắc", 95), Band("Đạt", 0)])
    assert services.assessments.scoreboard(last.id).band_appraised == "Xuất sắc"
    with pytest.raises(ValidationError):
        services.frameworks.set_bands(last.id, [Band("", 50)])


def test_gap_list_is_largest_first_and_flags_criteria_without_tasks(services, par):
    _last, this = par
    gaps = services.assessments.gaps(this.id)
    assert [(g.code, g.lost) for g in gaps] == [
        ("PAR.3.4", 2.5),
        ("PAR.2.1", 1.0),
        ("PAR.6.2", 0.5),
    ]
    assert all(g.flagged for g in gaps)
    task = services.plans.tasks(services.plans.plan_for_year(2025).id)[5]
    services.assessments.link(_row(services, this.id, "PAR.2.1").id, task.id)
    gaps = {g.code: g for g in services.assessments.gaps(this.id)}
    assert gaps["PAR.2.1"].task_ids == (task.id,) and not gaps["PAR.2.1"].flagged
    assert gaps["PAR.3.4"].flagged
    linked = services.assessments.criteria_for_task(task.id)
    assert [(c.index_key, c.year, c.code) for c in linked] == [("PAR", 2025, "PAR.2.1")]
    assert [t.id for t in services.assessments.tasks_for_criterion(linked[0].criterion_id)] == [
        task.id
    ]


def test_link_by_code_uses_the_plan_tasks_criteria_field_and_aliases(services, par):
    _last, this = par
    made = services.assessments.link_by_code(this.id)
    assert made > 0
    assert services.assessments.link_by_code(this.id) == 0  # idempotent
    plan = services.plans.plan_for_year(2025)
    tagged = [t for t in services.plans.tasks(plan.id) if "PAR.3" in t.criteria]
    codes = {c.code for c in services.assessments.criteria_for_task(tagged[0].id)}
    assert "PAR.3" in codes
    # A task tagged on the field covers every criterion under it.
    assert not {g.code: g for g in services.assessments.gaps(this.id)}["PAR.3.4"].flagged
    papi = services.frameworks.copy_to_year(
        services.frameworks.load_template("PAPI", 2024).id, 2025
    )
    services.assessments.link_by_code(papi.id)
    papi_tasks = [t for t in services.plans.tasks(plan.id) if "PAPI.5" in t.criteria]
    assert "D6" in {c.code for c in services.assessments.criteria_for_task(papi_tasks[0].id)}


def test_mock_appraisal_counts_expected_points_and_points_at_risk(services, par, tmp_path):
    _last, this = par
    plan = services.plans.plan_for_year(2025)
    task = services.plans.tasks(plan.id)[5]
    leaf = _row(services, this.id, "PAR.2.1")
    other = _row(services, this.id, "PAR.2.2")
    services.assessments.link(leaf.id, task.id)
    services.assessments.set_score(leaf.id, "self", 2)
    services.assessments.set_score(other.id, "self", 1.5)
    doc = tmp_path / "bao-cao.pdf"
    doc.write_bytes(b"%PDF-1.4 bao cao")
    services.evidence.add_file(
        doc, title="Báo cáo", doc_date=date(2025, 3, 1), criterion_ids=[leaf.id, other.id]
    )
    services.plans.update_task(
        task.id,
        TaskDraft(
            **{**task.draft().__dict__, "status": "in_progress", "deadline": date(2025, 12, 31)}
        ),
    )
    mock = services.assessments.mock_appraisal(this.id, today=date(2025, 10, 1))
    lines = {m.code: m for m in mock.lines}
    assert lines["PAR.2.1"].expected == 2 and lines["PAR.2.1"].risks == ()
    assert lines["PAR.2.2"].expected == 1.5
    # No evidence: last year's appraised points (full here) are at risk.
    assert lines["PAR.2.3"].at_risk == 1.5 and lines["PAR.2.3"].risks == (
        "Chưa có tài liệu kiểm chứng",
    )
    # Survey criteria need no evidence.
    assert lines["PAR.2.5"].risks == () and lines["PAR.2.5"].expected == 2
    late = services.assessments.mock_appraisal(this.id, today=date(2026, 1, 15))
    assert any(
        "quá hạn (31/12/2025)" in r for r in {m.code: m for m in late.lines}["PAR.2.1"].risks
    )
    old = tmp_path / "cu.pdf"
    old.write_bytes(b"%PDF-1.4 cu")
    leaf3 = _row(services, this.id, "PAR.2.4")
    services.evidence.add_file(old, title="Cũ", doc_date=date(2024, 5, 2), criterion_ids=[leaf3.id])
    lines = {
        m.code: m
        for m in services.assessments.mock_appraisal(this.id, today=date(2025, 10, 1)).lines
    }
    assert lines["PAR.2.4"].risks == ("Tài liệu kiểm chứng ngày 02/05/2024 ngoài năm 2025",)


def test_copy_to_an_existing_year_is_refused(services, par):
    last, _this = par
    with pytest.raises(UserError, match="Đã có bộ tiêu chí"):
        services.frameworks.copy_to_year(last.id, 2025)


def test_history_of_a_criterion_across_years(services, par):
    _last, this = par
    services.assessments.set_score(_row(services, this.id, "PAR.3.4").id, "self", 3)
    history = services.assessments.history("PAR", "PAR.3.4")
    assert [(h.year, h.appraised, h.self_score) for h in history] == [
        (2024, 1.5, None),
        (2025, None, 3),
    ]
