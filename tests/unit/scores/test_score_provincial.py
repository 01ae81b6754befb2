"""Index scoring as provinces run it: bonus and penalty points, criteria the province scores
itself, appraisal rounds with the ward's explanation, the evaluation period."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from services.errors import ValidationError
from services.scores.dto import CriterionEdit

PROVINCE_ROWS = [
    ("1", "Công tác chỉ đạo, điều hành CCHC", 6, ""),
    ("1.1", "Kế hoạch CCHC ban hành đúng hạn", 4, ""),
    ("1.2", "Báo cáo CCHC đúng hạn", 2, ""),
    ("2", "Cải cách thủ tục hành chính", 4, ""),
    ("2.1", "Công khai TTHC", 1.5, ""),
    ("2.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", 2.5, "Tỉnh chấm"),
    ("B", "ĐIỂM THƯỞNG", None, ""),
    ("B.1", "Sáng kiến CCHC được công nhận", 1, ""),
    ("C", "ĐIỂM TRỪ", None, ""),
    ("C.1", "Chậm báo cáo CCHC", -1, ""),
    ("C.2", "Sai phạm trong giải quyết TTHC", -2, ""),
    ("", "TỔNG ĐIỂM", 10, ""),
]


def _province_file(path, rows=PROVINCE_ROWS, bands=True):
    wb = Workbook()
    ws = wb.active
    ws.title = "Bộ chỉ số 2026"
    ws.append(["PHỤ LỤC: BỘ CHỈ SỐ CCHC CẤP XÃ NĂM 2026"])
    ws.append(["STT", "Lĩnh vực, tiêu chí", "Điểm tối đa", "Phương thức"])
    for row in rows:
        ws.append(list(row))
    if bands:
        sheet = wb.create_sheet("Xếp loại")
        sheet.append(["Xếp loại", "Từ (%)"])
        for label, low in (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 65), ("Trung bình", 50)):
            sheet.append([label, low])
    wb.save(path)
    return path


@pytest.fixture
def province(services, tmp_path):
    """The province's 2026 table: 10 points, a bonus group, a penalty group, one criterion it
    scores itself, its own grading bands."""
    report = services.frameworks.import_excel("PAR", 2026, _province_file(tmp_path / "tinh.xlsx"))
    assert (report.fields, report.total_max) == (2, 10)  # bonus, penalty: not fields
    framework = services.frameworks.find("PAR", 2026)
    return framework, {r.code: r for r in services.frameworks.criteria(framework.id)}


def test_bonus_and_penalty_stay_outside_the_maximum_and_enter_the_total(services, province):
    framework, rows = province
    assert rows["B.1"].adjustment == "bonus" and rows["C.2"].adjustment == "penalty"
    assert rows["C.1"].max_points == -1  # negative maxima accepted in a penalty group
    services.assessments.set_scores(framework.id, "self", {"1.1": 4, "1.2": 1, "2.1": 1.5})
    services.assessments.set_scores(framework.id, "self", {"B.1": 1, "C.1": -1})
    board = services.assessments.scoreboard(framework.id)
    assert board.total_max == 10  # the 100 (here 10) alone
    assert (board.core_self, board.bonus_self, board.penalty_self) == (6.5, 1.0, -1.0)
    assert board.total_self == 6.5  # 6,5 + 1 − 1
    assert board.line("C").max == -3 and board.line("C").gap is None
    # The province's own bands from its file, not the first preset.
    assert [b.label for b in board.framework.bands] == ["Xuất sắc", "Tốt", "Khá", "Trung bình"]
    assert board.percent_self == 65.0 and board.band_self == "Khá"


def test_penalty_points_are_entered_as_negatives_within_their_limit(services, province):
    framework, rows = province
    with pytest.raises(ValidationError, match="số âm"):
        services.assessments.set_score(rows["C.2"].id, "self", 2)
    with pytest.raises(ValidationError, match="vượt mức trừ tối đa -2"):
        services.assessments.set_score(rows["C.2"].id, "self", -3)
    with pytest.raises(ValidationError, match="âm"):
        services.assessments.set_score(rows["B.1"].id, "self", -1)
    services.assessments.set_score(rows["C.2"].id, "appraised", -2)
    assert services.assessments.scoreboard(framework.id).penalty_appraised == -2


def test_the_capped_rule_keeps_the_total_at_the_maximum(services, province):
    framework, _rows = province
    services.assessments.set_scores(
        framework.id, "self", {"1.1": 4, "1.2": 2, "2.1": 1.5, "B.1": 1}
    )
    info = services.frameworks.get(framework.id)
    assert services.assessments.scoreboard(framework.id).total_self == 8.5  # 7,5 + 1
    services.frameworks.set_settings(
        framework.id,
        period_start=None,
        period_end=None,
        decision=info.decision,
        addressee=info.addressee,
        sipas_link="",
        adjustment_rule="cap",
    )
    services.assessments.set_score(
        next(r.id for r in services.frameworks.criteria(framework.id) if r.code == "2.2"),
        "appraised",
        2.5,
    )
    board = services.assessments.scoreboard(framework.id)
    assert board.total_self == 8.5
    services.assessments.set_scores(framework.id, "appraised", {"1.1": 4, "1.2": 2, "2.1": 1.5})
    services.assessments.set_scores(framework.id, "appraised", {"B.1": 1})
    board = services.assessments.scoreboard(framework.id)
    assert board.core_appraised == 10 and board.total_appraised == 10  # capped, not 11


def test_template_reads_its_adjustments_block(services):
    framework = services.frameworks.load_template("PAR", 2026)
    board = services.assessments.scoreboard(framework.id)
    assert board.total_max == 100
    adjustments = {ln.criterion.code: ln.criterion.adjustment for ln in board.lines}
    assert adjustments["PAR.T.1"] == "bonus" and adjustments["PAR.TR.2"] == "penalty"
    assert board.line("PAR.TR").max == -3
    assert board.framework.sipas_link == "PAR.3.9"
    assert len(board.framework.band_presets) == 2  # both presets kept to choose from


def test_the_province_scores_its_own_criteria(services, province):
    framework, rows = province
    on_time = rows["2.2"]
    assert on_time.province_scored
    with pytest.raises(ValidationError, match="do tỉnh chấm"):
        services.assessments.set_score(on_time.id, "self", 2)
    with pytest.raises(ValidationError, match="vượt điểm tối đa 2,5"):
        services.assessments.set_province_score(on_time.id, 3)
    mock = services.assessments.mock_appraisal(framework.id, today=date(2026, 10, 1))
    line = next(m for m in mock.lines if m.code == "2.2")
    assert line.source == "Tỉnh chấm: chưa có" and line.expected == 0 and not line.risks
    services.assessments.set_province_score(on_time.id, 2)
    mock = services.assessments.mock_appraisal(framework.id, today=date(2026, 10, 1))
    line = next(m for m in mock.lines if m.code == "2.2")
    assert line.expected == 2 and line.source == "Tỉnh chấm: 2 (tỉnh công bố)"
    # A criterion marked later in the editor: the ward's own score must go first.
    services.assessments.set_score(rows["2.1"].id, "self", 1)
    with pytest.raises(ValidationError, match="xóa điểm đó"):
        services.frameworks.update_criterion(
            rows["2.1"].id,
            CriterionEdit(rows["2.1"].name, 1.5, "data", "", True, province_scored=True),
        )


def test_two_appraisal_rounds_with_the_wards_explanation(services, province):
    framework, rows = province
    services.assessments.set_scores(framework.id, "self", {"1.1": 4, "1.2": 2, "2.1": 1.5})
    rounds = services.appraisal_rounds
    first = rounds.add_round(framework.id, date(2027, 1, 20), reference="Thông báo 15/TB-SNV")
    rounds.set_scores(first.id, {"1.1": 3, "1.2": 2, "2.1": 1, "2.2": 2})
    assert services.assessments.scoreboard(framework.id).total_appraised == 8
    rounds.explain(
        first.id,
        rows["1.1"].id,
        "Kế hoạch ban hành ngày 05/01, đúng hạn; gửi kèm văn bản.",
        4,
        explained_on=date(2027, 1, 25),
    )
    with pytest.raises(ValidationError, match="chưa có điểm tự đánh giá"):
        rounds.explain(first.id, rows["B.1"].id, "Có sáng kiến")
    with pytest.raises(ValidationError, match="điểm đề nghị"):
        rounds.explain(first.id, rows["2.1"].id, "Đủ", 2)
    final = rounds.add_round(framework.id, date(2027, 2, 10), is_final=True)
    rounds.set_scores(final.id, {"1.1": 4})
    table = rounds.table(framework.id)
    assert [r.label for r in table.rounds] == ["Thẩm định lần 1", "Kết quả cuối cùng (lần 2)"]
    assert [r.held_on for r in table.rounds] == [date(2027, 1, 20), date(2027, 2, 10)]
    line = table.line("1.1")
    assert [c.score for c in line.cells] == [3, 4]
    assert line.cells[0].proposed == 4 and "đúng hạn" in line.cells[0].explanation
    assert [x.code for x in table.explained(first.id)] == ["1.1"]
    # The final round prevails; criteria it did not touch keep the first round's points.
    board = services.assessments.scoreboard(framework.id)
    assert board.line("1.1").appraised == 4 and board.line("2.1").appraised == 1
    assert board.total_appraised == 9
    with pytest.raises(ValidationError, match="đã có kết quả cuối cùng"):
        rounds.add_round(framework.id, date(2027, 3, 1))


def test_a_round_imported_from_the_provinces_table_is_checked_whole(services, province, tmp_path):
    framework, _rows = province
    services.assessments.set_scores(framework.id, "self", {"1.1": 4, "1.2": 2})
    wb = Workbook()
    ws = wb.active
    ws.title = "Thẩm định"
    ws.append(["Mã", "Tiêu chí", "Điểm thẩm định", "Giải trình"])
    ws.append(["1.1", "Kế hoạch", 3, "Đã ban hành đúng hạn"])
    ws.append(["2.2", "Tỷ lệ đúng hạn", 3, ""])  # the province's figure above its 2,5
    ws.append(["2.1", "Công khai TTHC", 1, "Đã công khai đủ"])  # never self-scored
    path = tmp_path / "tham-dinh.xlsx"
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.appraisal_rounds.import_excel(framework.id, path, date(2027, 1, 20))
    problems = {p.where: p.message for p in caught.value.problems}
    assert "ngoài khoảng 0–2,5" in problems["Trang “Thẩm định”, dòng 3, cột C"]
    assert "chưa có điểm tự đánh giá" in problems["Trang “Thẩm định”, dòng 4, cột D"]
    assert services.appraisal_rounds.rounds(framework.id) == []  # nothing written
    ws["C3"], ws["D4"] = 2, None
    wb.save(path)
    info, count = services.appraisal_rounds.import_excel(framework.id, path, date(2027, 1, 20))
    assert count == 3 and info.label == "Thẩm định lần 1"
    board = services.assessments.scoreboard(framework.id)
    assert board.line("2.2").appraised == 2 and board.line("1.1").appraised == 3
    mock = services.assessments.mock_appraisal(framework.id, today=date(2027, 1, 21))
    assert next(m for m in mock.lines if m.code == "2.2").source == (
        "Tỉnh chấm: 2 (thẩm định lần 1)"
    )
    services.appraisal_rounds.delete_round(info.id)  # keyed by mistake: the points go too
    assert services.assessments.scoreboard(framework.id).line("1.1").appraised is None


def test_a_penalty_group_with_positive_maxima_is_refused_with_its_cell(services, tmp_path):
    rows = [r for r in PROVINCE_ROWS if r[0] != "C.2"]
    rows = [("C.1", "Chậm báo cáo CCHC", 1, "") if r[0] == "C.1" else r for r in rows]
    path = _province_file(tmp_path / "sai.xlsx", rows, bands=False)
    with pytest.raises(ValidationError) as caught:
        services.frameworks.import_excel("PAR", 2026, path)
    problems = {p.where: p.message for p in caught.value.problems}
    assert "nhóm điểm trừ phải ghi điểm âm" in problems["Trang “Bộ chỉ số 2026”, dòng 12, cột C"]
    assert services.frameworks.find("PAR", 2026) is None


def test_evidence_outside_the_evaluation_period_is_flagged(services, province, tmp_path):
    framework, rows = province
    info = services.frameworks.get(framework.id)
    with pytest.raises(ValidationError, match="sau ngày kết thúc"):
        services.frameworks.set_settings(
            framework.id,
            period_start=date(2026, 12, 31),
            period_end=date(2026, 7, 1),
            decision="",
            addressee="",
            sipas_link="",
            adjustment_rule="add",
        )
    services.frameworks.set_settings(
        framework.id,
        period_start=date(2025, 7, 1),
        period_end=date(2026, 6, 30),
        decision=info.decision,
        addressee=info.addressee,
        sipas_link="",
        adjustment_rule="add",
    )
    scan = tmp_path / "ke-hoach.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach")
    services.evidence.add_file(
        scan, title="Kế hoạch CCHC", doc_date=date(2026, 8, 5), criterion_ids=[rows["1.1"].id]
    )
    scan2 = tmp_path / "bao-cao.pdf"
    scan2.write_bytes(b"%PDF-1.4 bao cao")
    services.evidence.add_file(
        scan2, title="Báo cáo quý", doc_date=date(2025, 9, 30), criterion_ids=[rows["1.2"].id]
    )
    mock = services.assessments.mock_appraisal(framework.id, today=date(2026, 7, 10))
    lines = {m.code: m for m in mock.lines}
    assert lines["1.1"].risks == (
        "Tài liệu kiểm chứng ngày 05/08/2026 ngoài kỳ đánh giá 01/07/2025–30/06/2026",
    )
    assert lines["1.2"].risks == ()  # 30/09/2025 lies inside the period
    # Criteria with neither evidence nor explanation are listed for the provincial software.
    assert "2.1" in {m.code for m in mock.unsupported} and "1.1" not in {
        m.code for m in mock.unsupported
    }


def test_export_for_the_provincial_software_reads_back_with_the_packs_file_names(
    services, province, tmp_path
):
    import zipfile

    from openpyxl import load_workbook

    framework, rows = province
    services.assessments.set_scores(framework.id, "self", {"1.1": 4, "1.2": 2, "2.1": 1})
    services.assessments.set_explanation(rows["1.2"].id, "Báo cáo gửi qua hệ thống, chưa in")
    scan = tmp_path / "ke-hoach.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach cchc")
    services.evidence.add_file(
        scan, title="Kế hoạch CCHC 2026", doc_date=date(2026, 1, 5), criterion_ids=[rows["1.1"].id]
    )
    report = services.assessments.export_submission(framework.id, tmp_path / "nop-tinh.xlsx")
    ws = load_workbook(report.path).active
    assert [c.value for c in ws[3]] == [
        "STT",
        "Mã tiêu chí",
        "Tiêu chí",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Giải trình",
        "Tài liệu kiểm chứng (tệp trong gói)",
        "Ghi chú",
    ]
    lines = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert lines["1.1"][3:5] == (4, 4)
    assert lines["1.2"][5] == "Báo cáo gửi qua hệ thống, chưa in" and lines["1.2"][7] is None
    assert lines["2.1"][7] == "Thiếu tài liệu kiểm chứng và giải trình"
    assert lines["2.2"][4] is None and lines["2.2"][7].startswith("Tỉnh chấm")
    assert "B.1" in lines and "1" not in lines  # leaves only; bonus rows too
    assert report.missing == ("2.1",)
    pack = services.evidence.pack(2026, tmp_path / "goi.zip")
    with zipfile.ZipFile(pack.path) as zf:
        assert lines["1.1"][6] in zf.namelist()
    assert lines["1.1"][6].startswith("PAR/1.1/")


def test_the_national_commune_set_of_2025_has_eight_fields_and_stays_to_check(services):
    framework = services.frameworks.load_template("PAR", 2026, "1187")
    board = services.assessments.scoreboard(framework.id)
    fields = [ln for ln in board.lines if ln.criterion.parent_id is None]
    core = [ln for ln in fields if not ln.criterion.adjustment]
    assert len(core) == 8 and board.total_max == 100
    names = [ln.criterion.name for ln in core]
    assert "Cải cách tổ chức bộ máy hành chính" in names and "Cải cách chế độ công vụ" in names
    assert [ln.criterion.adjustment for ln in fields if ln.criterion.adjustment] == [
        "bonus",
        "penalty",
    ]
    assert "1187/QĐ-BNV" in board.framework.decision and board.framework.is_template
    province = {ln.criterion.code for ln in board.lines if ln.criterion.province_scored}
    assert {"PAR.3.4", "PAR.3.5", "PAR.7.3", "PAR.8.1"} <= province
    assert board.framework.sipas_link == ""  # the official SIPAS is the province's survey
    # A few edits keep the mark: only the province's own file lifts it.
    row = board.line("PAR.1.1").criterion
    services.frameworks.update_criterion(row.id, CriterionEdit(row.name, 2.5, row.method, "", True))
    assert services.frameworks.get(framework.id).is_template
    sipas = services.frameworks.load_template("SIPAS", 2026)
    assert sipas.version_label == "QĐ 1001/QĐ-BNV (2023–2026)"


def test_the_sipas_link_is_the_frameworks_own_and_refuses_a_parent(services):
    sipas = services.frameworks.load_template("SIPAS", 2025)
    services.sipas.save_response(sipas.id, {"S1.1": 5, "S1.2": 4})
    par = services.frameworks.load_template("PAR", 2025)
    info = services.frameworks.get(par.id)

    def link(code):
        return services.frameworks.set_settings(
            par.id,
            period_start=None,
            period_end=None,
            decision=info.decision,
            addressee=info.addressee,
            sipas_link=code,
            adjustment_rule="add",
        )

    with pytest.raises(ValidationError, match="có tiêu chí con"):
        link("PAR.7")
    with pytest.raises(ValidationError, match="không có tiêu chí “PAR.9.9”"):
        link("PAR.9.9")
    link("PAR.7.4")  # the province puts satisfaction under its impact field
    assert services.sipas.par_link(sipas.id) == "PAR.7.4"
    assert services.sipas.apply_to_par(sipas.id) == 5.0  # 100 % × 5
    board = services.assessments.scoreboard(par.id)
    assert board.line("PAR.7.4").self_score == 5.0 and board.line("PAR.3.9").self_score is None
    link("")
    assert services.sipas.apply_to_par(sipas.id) is None
