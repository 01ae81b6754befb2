"""Framework import from a province's Excel (good and bad files); scoring table export."""

from __future__ import annotations

import re

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from services.errors import UserError, ValidationError

GOOD_ROWS = [
    ("1", "Công tác chỉ đạo, điều hành", 6),
    ("1.1", "Kế hoạch CCHC", 4),
    ("1.1.1", "Ban hành đúng hạn", 2),
    ("1.1.2", "Đủ nội dung", 2),
    ("1.2", "Báo cáo đúng hạn", 2),
    ("2", "Cải cách thủ tục hành chính", 4),
    ("2.1", "Công khai TTHC", 1.5),
    ("2.2", "Tỷ lệ hồ sơ đúng hạn", "2,5"),
]


def _workbook(rows, *, title="PAR 2026", indent=False):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["PHỤ LỤC: BỘ CHỈ SỐ CCHC CẤP XÃ NĂM 2026"])
    ws.append([])
    ws.append(["STT", "Lĩnh vực, tiêu chí", "Điểm tối đa", "Hướng dẫn chấm"])
    for code, name, points in rows:
        ws.append([code, name, points, ""])
        if indent:
            level = code.count(".") if "." in str(code) else 0
            ws.cell(row=ws.max_row, column=2).alignment = Alignment(indent=level)
    return wb


def test_good_file_imports_the_tree_from_the_codes(services, tmp_path):
    path = tmp_path / "par-2026.xlsx"
    _workbook(GOOD_ROWS).save(path)
    dry = services.frameworks.import_excel("PAR", 2026, path, dry_run=True)
    assert (dry.criteria, dry.fields, dry.total_max, dry.written) == (8, 2, 10, False)
    assert services.frameworks.find("PAR", 2026) is None
    report = services.frameworks.import_excel("PAR", 2026, path)
    assert report.written and report.sheet == "PAR 2026"
    framework = services.frameworks.find("PAR", 2026)
    assert not framework.is_template
    rows = {r.code: r for r in services.frameworks.criteria(framework.id)}
    assert rows["1.1.2"].parent_id == rows["1.1"].id and rows["1.1"].parent_id == rows["1"].id
    assert rows["2.2"].max_points == 2.5 and rows["2.2"].depth == 1
    assert services.assessments.scoreboard(framework.id).total_max == 10


def test_hierarchy_from_indentation_when_codes_have_no_dots(services, tmp_path):
    rows = [
        ("I", "Chỉ đạo", 3),
        ("a", "Kế hoạch", 1),
        ("b", "Báo cáo", 2),
        ("II", "Thể chế", 2),
        ("c", "Rà soát", 2),
    ]
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã", "Tên tiêu chí", "Điểm tối đa"])
    for code, name, points in rows:
        ws.append([code, name, points])
        if code.islower():
            ws.cell(row=ws.max_row, column=2).alignment = Alignment(indent=1)
    path = tmp_path / "indent.xlsx"
    wb.save(path)
    services.frameworks.import_excel("PAPI", 2026, path)
    tree = {
        r.code: r for r in services.frameworks.criteria(services.frameworks.find("PAPI", 2026).id)
    }
    assert tree["b"].parent_id == tree["I"].id and tree["c"].parent_id == tree["II"].id


def test_bad_file_reports_every_problem_by_sheet_row_column_and_writes_nothing(services, tmp_path):
    rows = [
        ("1", "Công tác chỉ đạo", 6),
        ("1.1", "Kế hoạch", 3),
        ("1.2", "", 2),  # empty name; children add up to 5, not 6
        ("1.2", "Báo cáo trùng mã", 1),  # duplicate code
        ("2", "Thủ tục", "bốn"),  # not a number
        ("2.1", "Công khai", 1),
    ]
    path = tmp_path / "bad.xlsx"
    _workbook(rows, title="Phụ lục").save(path)
    with pytest.raises(ValidationError) as caught:
        services.frameworks.import_excel("PAR", 2026, path)
    messages = [str(p) for p in caught.value.problems]
    assert "Trang “Phụ lục”, dòng 8, cột C: “bốn” không phải là số điểm." in messages
    assert "Trang “Phụ lục”, dòng 6, cột B: tên tiêu chí không được để trống." in messages
    assert "Trang “Phụ lục”, dòng 7, cột A: mã “1.2” trùng với dòng trước." in messages
    assert len(messages) == 3
    assert services.frameworks.find("PAR", 2026) is None


def test_children_not_adding_up_to_their_parent_are_reported(services, tmp_path):
    rows = [("1", "Chỉ đạo", 6), ("1.1", "Kế hoạch", 3), ("1.2", "Báo cáo", 2)]
    path = tmp_path / "sum.xlsx"
    _workbook(rows, title="PL").save(path)
    with pytest.raises(ValidationError) as caught:
        services.frameworks.import_excel("PAR", 2026, path)
    assert [str(p) for p in caught.value.problems] == [
        "Trang “PL”, dòng 4, cột C: các tiêu chí con cộng lại 5 điểm, khác điểm tối đa 6 của “1”."
    ]
    assert services.frameworks.find("PAR", 2026) is None


def test_import_refuses_to_replace_a_framework_that_has_scores(services, tmp_path):
    path = tmp_path / "par.xlsx"
    _workbook(GOOD_ROWS).save(path)
    services.frameworks.import_excel("PAR", 2026, path)
    framework = services.frameworks.find("PAR", 2026)
    services.frameworks.import_excel("PAR", 2026, path)  # no scores yet: replaced
    framework = services.frameworks.find("PAR", 2026)
    task = services.plans.tasks(services.plans.plan_for_year(2025).id)[3]
    services.assessments.link(
        next(r.id for r in services.frameworks.criteria(framework.id) if r.code == "1.2"), task.id
    )
    with pytest.raises(UserError, match="đã có liên kết nhiệm vụ; không thay thế"):
        services.frameworks.import_excel("PAR", 2026, path)
    services.assessments.set_scores(framework.id, "self", {"1.2": 2})
    with pytest.raises(UserError, match="đã có điểm đã nhập, liên kết nhiệm vụ"):
        services.frameworks.import_excel("PAR", 2026, path)


_REF = re.compile(r"([A-Z]+)(\d+)")


def _evaluate(ws, ref: str, seen=()):
    """A tiny evaluator for the formulas the export writes: SUM, AVERAGE, MAX, ROUND, IF."""
    value = ws[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    body = value[1:]
    match = re.fullmatch(r"(SUM|AVERAGE|MAX)\(([A-Z0-9,]+)\)", body)
    assert match, body
    values = [_evaluate(ws, r) for r in match.group(2).split(",")]
    numbers = [v for v in values if v is not None]
    if match.group(1) == "SUM":
        return sum(numbers)
    if match.group(1) == "MAX":
        return max(numbers) if numbers else 0
    return sum(numbers) / len(numbers) if numbers else None


def test_exported_scoring_table_has_live_formulas_that_recompute(services, tmp_path):
    framework = services.frameworks.load_template("PAR", 2025)
    rows = services.frameworks.criteria(framework.id)
    leaves = [r for r in rows if r.is_leaf and not r.adjustment]
    services.assessments.set_scores(
        framework.id, "self", {r.code: r.max_points / 2 for r in leaves}
    )
    services.assessments.set_scores(framework.id, "appraised", {"PAR.2.1": 1.5, "PAR.3.4": 3})
    na = next(r for r in rows if r.code == "PAR.7.1")
    from services.scores.dto import CriterionEdit

    services.frameworks.update_criterion(
        na.id, CriterionEdit(na.name, na.max_points, na.method, "", False)
    )
    target = services.assessments.export_scores(
        framework.id, tmp_path / "bang-diem.xlsx", "UBND PHƯỜNG DỊ SỬ"
    )
    board = services.assessments.scoreboard(framework.id)
    ws = load_workbook(target).active
    row_of = {
        ws.cell(row=r, column=1).value: r
        for r in range(6, ws.max_row + 1)
        if ws.cell(row=r, column=1).value
    }
    by_id = {line.criterion.id: line for line in board.lines}
    for line in board.lines:
        r = row_of[line.criterion.code]
        kids = [
            row_of[x.criterion.code]
            for x in board.lines
            if x.criterion.parent_id == line.criterion.id
        ]
        for col in "CDE":
            cell = ws[f"{col}{r}"].value
            if kids:
                # Each parent formula references exactly its children's cells.
                assert cell == f"=SUM({','.join(f'{col}{k}' for k in kids)})", (
                    line.criterion.code,
                    cell,
                )
            else:
                assert not (isinstance(cell, str) and cell.startswith("="))
        assert (_evaluate(ws, f"C{r}") or 0) == pytest.approx(line.max)
        assert (_evaluate(ws, f"D{r}") or 0) == pytest.approx(line.self_score or 0)
        assert (_evaluate(ws, f"E{r}") or 0) == pytest.approx(line.appraised or 0)
    assert by_id  # the table is not empty
    total = max(row_of.values()) + 1
    assert ws[f"B{total}"].value == "TỔNG ĐIỂM"
    assert _evaluate(ws, f"C{total}") == pytest.approx(board.total_max) == 98
    assert _evaluate(ws, f"D{total}") == pytest.approx(board.total_self) == 49
    assert _evaluate(ws, f"E{total}") == pytest.approx(board.total_appraised) == 4.5
    assert ws[f"D{total + 1}"].value == f'=IF(C{total}>0,ROUND(D{total}/C{total}*100,2),"")'
    # Editing a leaf in Excel changes the recomputed totals (the sheet is live, not frozen).
    ws[f"D{row_of['PAR.2.1']}"] = 2
    assert _evaluate(ws, f"D{total}") == pytest.approx(50)  # PAR.2.1: 1 → 2


def _split_args(text: str) -> list[str]:
    args, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            args.append(current)
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    return [*args, current]


def _to_python(expr: str) -> str:
    """Excel → Python with a lazy IF (so a guarded I/H never divides by zero)."""
    start = expr.find("IF(")
    while start >= 0 and start > 0 and (expr[start - 1].isalpha()):
        start = expr.find("IF(", start + 1)
    if start < 0:
        return re.sub(r"(?<![<>!=])=(?!=)", "==", expr.replace('""', "None"))
    depth, end = 0, start + 2
    for end in range(start + 2, len(expr)):
        depth += expr[end] == "("
        depth -= expr[end] == ")"
        if depth == 0:
            break
    cond, yes, no = (_to_python(a) for a in _split_args(expr[start + 3 : end]))
    return (
        _to_python(expr[:start])
        + f"(({yes}) if ({cond}) else ({no}))"
        + _to_python(expr[end + 1 :])
    )


def _eval_cell(ws, ref: str):
    value = ws[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    numbers = lambda *a: [x for x in a if x is not None]  # noqa: E731
    names = {
        "SUM": lambda *a: sum(numbers(*a)),
        "AVERAGE": lambda *a: sum(numbers(*a)) / len(numbers(*a)) if numbers(*a) else None,
        "MAX": lambda *a: max(numbers(*a), default=0),
        "ROUND": round,
        "V": lambda r: _eval_cell(ws, r),
    }
    expr = _REF.sub(lambda m: f'V("{m.group(0)}")', _to_python(value[1:]))
    return eval(expr, names)  # noqa: S307 - formulas written by our own exporter


def test_sipas_export_keeps_counts_and_live_pooled_percentages(services, tmp_path):
    sipas = services.frameworks.load_template("SIPAS", 2025)
    services.sipas.save_response(sipas.id, {"S1.1": 5, "S1.2": 1, "S2.1": 4})
    services.sipas.save_response(sipas.id, {"S1.1": 4, "S2.1": 2})
    target = services.assessments.export_scores(sipas.id, tmp_path / "sipas.xlsx")
    ws = load_workbook(target).active
    row_of = {
        ws.cell(row=r, column=1).value: r
        for r in range(6, ws.max_row + 1)
        if ws.cell(row=r, column=1).value
    }
    assert ws[f"H{row_of['S1.1']}"].value == 2 and ws[f"I{row_of['S1.1']}"].value == 2
    assert ws[f"H{row_of['S1']}"].value.startswith("=SUM(H")
    board = services.assessments.scoreboard(sipas.id)
    for code in ("S1", "S1.1", "S1.2", "S2", "S3"):
        value = _eval_cell(ws, f"D{row_of[code]}")
        expected = board.line(code).self_score
        assert (value is None and expected is None) or round(value, 2) == expected, code
    total = max(row_of.values()) + 1
    # Overall: S1 pooled 2/3 = 66.67, S2 1/2 = 50 → mean 58.33 (other elements unanswered).
    assert round(_eval_cell(ws, f"D{total}"), 2) == board.total_self == 58.33
    ws[f"I{row_of['S1.2']}"] = 1  # a correction typed in Excel recomputes everything
    assert round(_eval_cell(ws, f"D{total}"), 2) == 75.0


DATA = __import__("pathlib").Path(__file__).resolve().parents[2] / "data"


def test_a_provincial_style_workbook_imports(services, tmp_path):
    """Title rows, a notes sheet first, Vietnamese methods, "2,5" as text and a total line."""
    report = services.frameworks.import_excel("PAR", 2026, DATA / "bo-tieu-chi-cchc-xa-2026.xlsx")
    assert (report.sheet, report.criteria, report.fields, report.total_max) == (
        "Phụ lục I",
        10,
        2,
        20,
    )
    framework = services.frameworks.find("PAR", 2026)
    rows = {r.code: r for r in services.frameworks.criteria(framework.id)}
    assert rows["1.2"].max_points == 2.5 and rows["1.2"].method == "data"
    assert rows["1.3"].method == "survey" and rows["2.3"].guidance == "SIPAS% × 4"
    assert rows["1.1.2"].parent_id == rows["1.1"].id
    # A wrong total line is reported where it stands.
    from openpyxl import load_workbook

    wb = load_workbook(DATA / "bo-tieu-chi-cchc-xa-2026.xlsx")
    ws = wb["Phụ lục I"]
    ws.cell(row=ws.max_row, column=3, value=21)
    bad = tmp_path / "tong-sai.xlsx"
    wb.save(bad)
    with pytest.raises(ValidationError) as caught:
        services.frameworks.import_excel("PAR", 2027, bad)
    assert [str(p) for p in caught.value.problems] == [
        f"Trang “Phụ lục I”, dòng {ws.max_row}, cột C: dòng tổng ghi 21 điểm, các lĩnh vực cộng lại 20."
    ]


def test_scoring_table_prints_like_the_task_export_and_lists_the_evidence(services, tmp_path):
    """The council reads the printed table beside the pack: every page has the header, the
    sheet is one page wide, and each criterion names the files that prove it."""
    from datetime import date

    framework = services.frameworks.load_template("PAR", 2025)
    rows = {r.code: r for r in services.frameworks.criteria(framework.id)}
    scan = tmp_path / "quyet-dinh.pdf"
    scan.write_bytes(b"%PDF-1.4 minh chung")
    services.evidence.add_file(
        scan,
        title="Quyết định ban hành Kế hoạch CCHC năm 2025",
        doc_number="12/QĐ-UBND",
        doc_date=date(2025, 1, 15),
        criterion_ids=[rows["PAR.1.1"].id],
    )
    target = services.assessments.export_scores(framework.id, tmp_path / "bang-diem.xlsx")
    ws = load_workbook(target).active
    setup = ws.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == ws.PAPERSIZE_A4
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "5:5"
    row = next(r for r in range(6, ws.max_row + 1) if ws.cell(row=r, column=1).value == "PAR.1.1")
    note = ws.cell(row=row, column=7).value
    assert "Tài liệu kiểm chứng:" in note
    assert "Quyết định ban hành Kế hoạch CCHC năm 2025, số 12/QĐ-UBND, ngày 15/01/2025" in note
    assert "[PAR/PAR.1.1/01 - " in note
    assert ws.cell(row=row, column=7).alignment.wrap_text
    # The row is as tall as its wrapped lines, so printed lines never overlap the next row.
    assert ws.row_dimensions[row].height >= 3 * 15
    other = next(r for r in range(6, ws.max_row + 1) if ws.cell(row=r, column=1).value == "PAR.1.2")
    assert "Tài liệu kiểm chứng" not in (ws.cell(row=other, column=7).value or "")
