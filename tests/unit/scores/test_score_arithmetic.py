"""Score arithmetic on small trees checked by hand: computed parents, not applicable, bands."""

from __future__ import annotations

import time

import pytest

from services.scores.arithmetic import (
    Band,
    Node,
    ScoreTree,
    band_for,
    band_problems,
    fmt,
    parse_points,
    percentage,
    score_problems,
)

# Field 1 (max 10) = 1.1 (4) + 1.2 (6, split 1.2.1 = 2.5 + 1.2.2 = 3.5); field 2 (max 5) = 2.1 (2) + 2.2 (3)
TREE = [
    Node(1, None, 10),
    Node(11, 1, 4),
    Node(12, 1, 6),
    Node(121, 12, 2.5),
    Node(122, 12, 3.5),
    Node(2, None, 5),
    Node(21, 2, 2),
    Node(22, 2, 3),
]
BANDS = [Band("Tốt", 80), Band("Khá", 70), Band("Trung bình", 60), Band("Yếu", 0)]


def test_parents_are_the_sums_of_their_children():
    tree = ScoreTree(TREE)
    figures = tree.compute({11: 3, 121: 2.5, 122: 1, 21: 2, 22: 0.5})
    assert figures[12].value == 3.5 and figures[12].max == 6
    assert figures[1].value == 6.5 and figures[1].max == 10
    assert figures[2].value == 2.5
    total = tree.total(figures)
    assert (total.value, total.max) == (9.0, 15.0)
    assert percentage(total.value, total.max) == 60.0
    assert band_for(60.0, BANDS) == "Trung bình"


def test_a_typed_value_on_a_parent_is_ignored():
    figures = ScoreTree(TREE).compute({1: 99, 12: 99, 11: 4, 121: 1})
    assert figures[12].value == 1
    assert figures[1].value == 5


def test_unscored_subtree_has_no_value_but_keeps_its_maximum():
    figures = ScoreTree(TREE).compute({11: 4})
    assert figures[12].value is None and figures[12].max == 6
    assert figures[2].value is None
    assert figures[1].value == 4


def test_not_applicable_criterion_leaves_the_maximum():
    # 1.2.2 (3.5) does not apply: field 1's maximum is 6.5, the index's 11.5.
    nodes = [n if n.id != 122 else Node(122, 12, 3.5, applicable=False) for n in TREE]
    tree = ScoreTree(nodes)
    figures = tree.compute({11: 4, 121: 2.5, 122: 3.5, 21: 2, 22: 3})
    assert figures[122].max == 0 and figures[122].value is None
    assert figures[12].max == 2.5 and figures[1].max == 6.5
    total = tree.total(figures)
    assert (total.value, total.max) == (11.5, 11.5)
    assert percentage(total.value, total.max) == 100.0


def test_not_applicable_parent_removes_its_whole_subtree():
    nodes = [n if n.id != 12 else Node(12, 1, 6, applicable=False) for n in TREE]
    figures = ScoreTree(nodes).compute({11: 4, 121: 2.5})
    assert figures[121].max == 0 and figures[1].max == 4 and figures[1].value == 4


def test_percent_tree_averages_with_weights():
    nodes = [
        Node(1, None, 100, weight=3),
        Node(11, 1, 100),
        Node(12, 1, 100),
        Node(2, None, 100, weight=1),
        Node(21, 2, 100),
    ]
    tree = ScoreTree(nodes, unit="percent")
    figures = tree.compute({11: 80, 12: 90, 21: 50})
    assert figures[1].value == 85
    # (85 × 3 + 50 × 1) / 4 = 76.25
    assert tree.total(figures).value == 76.25


@pytest.mark.parametrize(
    ("percent", "label"),
    [
        (100, "Tốt"),
        (80, "Tốt"),
        (79.99, "Khá"),
        (70, "Khá"),
        (65, "Trung bình"),
        (59.9, "Yếu"),
        (0, "Yếu"),
        (None, ""),
    ],
)
def test_bands_by_threshold(percent, label):
    assert band_for(percent, BANDS) == label


def test_scores_out_of_range_are_refused_in_vietnamese():
    assert score_problems(2.5, 2.5, True) == []
    assert score_problems(None, 2, True) == []
    assert score_problems(2.6, 2.5, True) == ["điểm 2,6 vượt điểm tối đa 2,5."]
    assert score_problems(-1, 2.5, True) == ["điểm -1 âm; điểm phải từ 0 trở lên."]
    assert score_problems(1, 2.5, False) == ["tiêu chí không áp dụng thì không chấm điểm."]


def test_band_thresholds_are_checked():
    assert band_problems(BANDS) == []
    assert "ngưỡng 120% phải từ 0 đến 100." in band_problems([Band("A", 120)])
    assert "hai mức xếp loại trùng ngưỡng." in band_problems([Band("A", 50), Band("B", 50)])


def test_numbers_read_and_written_the_vietnamese_way():
    assert fmt(2.5) == "2,5" and fmt(10.0) == "10" and fmt(3.333) == "3,33"
    assert parse_points("2,5") == 2.5 and parse_points(" ") is None
    with pytest.raises(ValueError):
        parse_points("hai")


def _big_tree() -> list[Node]:
    nodes, next_id = [], 1
    for _f in range(10):
        fid = next_id
        nodes.append(Node(fid, None, 0))
        next_id += 1
        for _c in range(5):
            cid = next_id
            nodes.append(Node(cid, fid, 0))
            next_id += 1
            for _leaf in range(5):
                nodes.append(Node(next_id, cid, 0.4))
                next_id += 1
    return nodes  # 10 + 50 + 250 = 310 nodes


def test_recomputing_a_300_criterion_tree_after_one_edit_is_fast():
    nodes = _big_tree()
    tree = ScoreTree(nodes)
    values = {n.id: 0.2 for n in nodes if tree.is_leaf(n.id)}
    tree.compute(values)
    values[nodes[-1].id] = 0.4
    started = time.perf_counter()
    figures = tree.compute(values)
    elapsed = time.perf_counter() - started
    assert tree.total(figures).value == pytest.approx(250 * 0.2 + 0.2)
    assert elapsed < 0.020
