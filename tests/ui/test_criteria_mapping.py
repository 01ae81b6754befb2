"""Last year's lost points reach this year's plan when the province renumbers its annex.

2025 used the shipped criteria ("PAR.1.2", "PAR.3.4"); the 2026 annex arrives as "1.2",
"2.2". After the import the clerk sees the proposed links, corrects one and saves; the gap
tab then lists 1.2 and 2.2 with last year's losses, names the loss with no counterpart
(PAR.1.3), and a criterion's history follows the link across the renumbering.
"""

from __future__ import annotations

from pathlib import Path

from ui import strings

DATA = Path(__file__).resolve().parents[1] / "data"


def _appraise(services, framework, values):
    ids = {c.code: c.id for c in services.frameworks.criteria(framework.id)}
    for code, value in values.items():
        services.assessments.set_score(ids[code], "appraised", value)


def test_import_with_new_codes_asks_for_the_mapping_and_gaps_follow_it(main_window, services):
    f25 = services.frameworks.load_template("PAR", 2025)
    _appraise(services, f25, {"PAR.1.2": 1, "PAR.3.4": 2, "PAR.1.3": 0})
    area = main_window.show_area(strings.AREA_SCORES)
    area.select("PAR", 2026)
    assert area.import_framework(DATA / "bo-tieu-chi-cchc-xa-2026.xlsx")
    dialog = area.mapping_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Đối chiếu tiêu chí năm 2025 với năm 2026"
    chosen = {
        x.previous.code: dialog.boxes[x.previous.id].currentText().strip()
        for x in dialog.mapping.lines
    }
    assert chosen["PAR.1.2"] == "1.2 Mức độ hoàn thành kế hoạch CCHC"
    assert chosen["PAR.3.4"] == "2.2 Tỷ lệ hồ sơ giải quyết đúng hạn"
    assert "PAR.1.3 Báo cáo CCHC định kỳ đầy đủ, đúng hạn (mất 1 điểm)" in dialog.warning.text()
    dialog.grab().save("/tmp/18-mapping.png")
    dialog.choose("PAR.1.7", None)  # the clerk: the survey criterion has no counterpart
    dialog.accept()
    assert not dialog.isVisible()
    assert "Đã lưu đối chiếu tiêu chí năm 2025 – 2026" in area.notice.text()

    framework = services.frameworks.find("PAR", 2026)
    gaps = {g.code: g.lost for g in services.assessments.gaps(framework.id)}
    assert gaps == {"1.2": 1, "2.2": 2}
    lost = [x.code for x in services.criterion_mappings.unmapped_losses(framework.id)]
    assert lost == ["PAR.1.3"]
    area.tabs.setCurrentIndex(1)
    text = area.gap_label.text()
    assert "theo kết quả thẩm định năm 2025" in text and "PAR.1.3" in text
    history = services.assessments.history("PAR", "2.2", 2026)
    assert [(p.year, p.appraised) for p in history] == [(2025, 2), (2026, None)]
    board = services.assessments.scoreboard(framework.id)
    assert board.line("2.2").last_appraised == 2  # the comparison reads the link too
    # Stored: reopening shows the clerk's choice, not a new proposal.
    again = services.criterion_mappings.mapping(framework.id)
    assert again.confirmed
    assert next(x for x in again.lines if x.previous.code == "PAR.1.7").criterion_id is None


def test_gap_label_names_the_year_its_figures_come_from(main_window, services):
    f25 = services.frameworks.load_template("PAR", 2025)
    _appraise(services, f25, {"PAR.1.2": 1})
    area = main_window.show_area(strings.AREA_SCORES)
    area.select("PAR", 2025)  # no 2024 framework: the figures are 2025's own appraisal
    area.tabs.setCurrentIndex(1)
    assert "theo kết quả thẩm định năm 2025" in area.gap_label.text()
    assert "năm 2024 chưa có bộ tiêu chí" in area.gap_label.text().lower()
