"""SIPAS computation on a hand-computed sample; questionnaire entry and Excel import."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from services.errors import ValidationError
from services.scores.sipas import Element, compute_sipas

ELEMENTS = [
    Element("S1", "Tiếp cận", None, (("S1.1", "Chỗ ngồi"), ("S1.2", "Thiết bị"))),
    Element("S2", "Thủ tục", None, (("S2.1", "Niêm yết"),)),
]
# Four questionnaires; None = no answer.
FORMS = [
    {"S1.1": 5, "S1.2": 4, "S2.1": 3},
    {"S1.1": 4, "S1.2": 2, "S2.1": 5},
    {"S1.1": 3, "S1.2": None, "S2.1": 4},
    {"S1.1": 5, "S2.1": 1},
]


def test_hand_computed_sample():
    result = compute_sipas(ELEMENTS, FORMS)
    assert result.sample_size == 4
    s1, s2 = result.elements
    # S1: S1.1 answered 4, satisfied 3 (5, 4, 5); S1.2 answered 2, satisfied 1 → 4 of 6 = 66.67 %
    assert (s1.items[0].answered, s1.items[0].satisfied) == (4, 3)
    assert (s1.items[1].answered, s1.items[1].satisfied) == (2, 1)
    assert (s1.answered, s1.satisfied, s1.percent) == (6, 4, 66.67)
    # S2: 4 answers, satisfied 2 (5, 4) → 50 %
    assert s2.percent == 50.0
    # Overall: unweighted mean of 66.666… and 50 = 58.33
    assert result.overall == 58.33
    assert [e.code for e in result.weakest] == ["S2", "S1"]
    assert [i.code for i in result.weakest_items(2)] == ["S1.2", "S2.1"]


def test_weights_change_the_overall():
    weighted = [Element("S1", "a", 3, ELEMENTS[0].items), Element("S2", "b", 1, ELEMENTS[1].items)]
    # (66.67 × 3 + 50 × 1) / 4 = 62.5
    assert compute_sipas(weighted, FORMS).overall == 62.5


def test_entry_validation_and_apply_to_self_assessment(services):
    sipas = services.frameworks.load_template("SIPAS", 2025)
    assert len(services.sipas.question_codes(sipas.id)) == 22
    services.sipas.save_response(sipas.id, {"S1.1": 5, "S1.2": 4, "S3.1": None})
    second = services.sipas.save_response(sipas.id, {"S1.1": 2})
    assert [r.number for r in services.sipas.responses(sipas.id)] == [1, 2]
    with pytest.raises(ValidationError, match="chỉ nhập 1–5"):
        services.sipas.save_response(sipas.id, {"S1.1": 6})
    services.sipas.save_response(sipas.id, {"S1.1": 4}, response_id=second.id)
    result = services.sipas.compute(sipas.id)
    assert result.sample_size == 2 and result.elements[0].percent == 100.0
    # With questionnaires entered, the scoring table's self column is the survey itself.
    board = services.assessments.scoreboard(sipas.id)
    assert board.line("S1").self_score == 100.0 and board.total_self == 100.0
    assert services.sipas.apply_to_self_assessment(sipas.id) == 22
    board = services.assessments.scoreboard(sipas.id)
    assert board.line("S1.1").self_score == 100.0
    assert board.line("S1").self_score == 100.0
    # PAR.3.9 (max 6) of the same year takes SIPAS % × 6; S1 is the only answered element.
    assert services.sipas.apply_to_par(sipas.id) is None  # no PAR framework in 2025 yet
    par = services.frameworks.load_template("PAR", 2025)
    assert services.sipas.apply_to_par(sipas.id) == 6.0
    assert services.assessments.scoreboard(par.id).line("PAR.3.9").self_score == 6.0


def test_excel_import_checks_every_cell_first(services, tmp_path):
    sipas = services.frameworks.load_template("SIPAS", 2025)
    wb = Workbook()
    ws = wb.active
    ws.title = "Phiếu"
    ws.append(["Phiếu khảo sát SIPAS"])
    ws.append(["Số phiếu", "S1.1", "S1.2", "S2.1"])
    ws.append([1, 5, 4, None])
    ws.append([2, 3, "x", 7])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    with pytest.raises(ValidationError) as caught:
        services.sipas.import_excel(sipas.id, bad)
    assert [str(p) for p in caught.value.problems] == [
        "Trang “Phiếu”, dòng 4, cột C: “x” không hợp lệ; chỉ nhập 1–5 hoặc để trống.",
        "Trang “Phiếu”, dòng 4, cột D: “7” không hợp lệ; chỉ nhập 1–5 hoặc để trống.",
    ]
    assert services.sipas.responses(sipas.id) == []
    ws["C4"], ws["D4"] = 2, None
    good = tmp_path / "good.xlsx"
    wb.save(good)
    assert services.sipas.import_excel(sipas.id, good, dry_run=True) == 2
    assert services.sipas.responses(sipas.id) == []
    assert services.sipas.import_excel(sipas.id, good) == 2
    assert [r.answers for r in services.sipas.responses(sipas.id)] == [
        {"S1.1": 5, "S1.2": 4},
        {"S1.1": 3, "S1.2": 2},
    ]


def test_scoring_table_pools_answers_per_element_like_the_survey(services):
    sipas = services.frameworks.load_template("SIPAS", 2025)
    # S1.1 answered twice (both satisfied), S1.2 once (not): pooled 2 of 3 = 66.67 %,
    # where a mean of the question %s would give (100 + 0) / 2 = 50 %.
    services.sipas.save_response(sipas.id, {"S1.1": 5, "S1.2": 1})
    services.sipas.save_response(sipas.id, {"S1.1": 4})
    board = services.assessments.scoreboard(sipas.id)
    assert board.line("S1").self_score == 66.67
    assert board.line("S1.2").self_score == 0.0
    assert board.total_self == services.sipas.compute(sipas.id).overall == 66.67


def test_the_minimum_sample_follows_the_level_and_the_rule_data(services, tmp_path, monkeypatch):
    from dataclasses import replace

    import services.scores.templates as templates
    from services.scores.sipas import sample_minimum

    sipas = services.frameworks.load_template("SIPAS", 2025)
    for answer in (4, 5):
        services.sipas.save_response(sipas.id, {"S1.1": answer})
    org = services.organisation.get()
    services.organisation.save(replace(org, unit_level="phường"))
    assert services.sipas.sample_check(sipas.id).minimum == 200
    services.organisation.save(replace(org, unit_level="xã"))
    check = services.sipas.sample_check(sipas.id)
    assert (check.count, check.minimum, check.level) == (2, 150, "xã") and check.short
    assert "cho một xã" in check.message
    # The figure is data: a province's own plan typed into the rule changes the verdict.
    edited = tmp_path / "sipas-xa.yaml"
    text = templates.template_path("SIPAS").read_text(encoding="utf-8")
    edited.write_text(text.replace("xã: 150", "xã: 2"), encoding="utf-8")
    monkeypatch.setattr(templates, "template_path", lambda key, variant="": edited)
    assert sample_minimum("xã")[0] == 2
    assert not services.sipas.sample_check(sipas.id).short
