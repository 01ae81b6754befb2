"""A clerk keys the province's appraisal, explains the criteria that lost points, numbers and
prints the explanation; bonus and penalty points show apart; the screen fits a 1366×768 PC."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui import strings
from ui.scores.score_tree_model import COL_SELF


@pytest.fixture
def area(main_window, services):
    framework = services.frameworks.load_template("PAR", 2025)
    rows = {r.code: r for r in services.frameworks.criteria(framework.id)}
    services.frameworks.update_criterion(
        rows["PAR.3.8"].id,
        _edit(rows["PAR.3.8"], province_scored=True),
    )
    services.assessments.set_scores(
        framework.id,
        "self",
        {"PAR.2.1": 2, "PAR.2.2": 1.5, "PAR.3.2": 2, "PAR.T.1": 1, "PAR.TR.1": -1},
    )
    main_window.resize(1366, 768)
    area = main_window.show_area(strings.AREA_SCORES)
    area.select("PAR", 2025)
    return area


def _edit(row, **changes):
    from services.scores.dto import CriterionEdit

    values = dict(
        name=row.name,
        max_points=row.max_points,
        method=row.method,
        guidance=row.guidance,
        applicable=row.applicable,
        province_scored=row.province_scored,
    )
    values.update(changes)
    return CriterionEdit(**values)


def test_bonus_penalty_and_province_criteria_show_apart_in_the_table(area):
    assert "gồm thưởng +1, trừ -1" in area.summary.text()
    index = area.tree_model.index_of(area.board.line("PAR.TR.1").criterion.id, COL_SELF)
    assert index.data() == "-1"
    province = area.tree_model.index_of(area.board.line("PAR.3.8").criterion.id, COL_SELF)
    assert province.data() == "Tỉnh chấm"
    assert not (area.tree_model.flags(province) & province.flags().ItemIsEditable)
    area.tree.setCurrentIndex(province)
    assert area.panel.province_row.isVisible()
    area.panel.province_box.setText("1,5")
    area.panel.save_province.click()
    assert area.board.line("PAR.3.8").criterion.province_score == 1.5
    assert area.tree_model.index_of(area.board.line("PAR.3.8").criterion.id, COL_SELF).data() == (
        "Tỉnh: 1,5"
    )


def test_story_first_appraisal_explanation_numbered_report_then_final(
    qtbot, area, services, tmp_path, main_window
):
    area.tabs.setCurrentWidget(area.rounds)
    panel = area.rounds
    assert "Chưa có lần thẩm định nào" in panel.heading.text()
    assert panel.add_round(date(2026, 1, 15), reference="Thông báo số 12/TB-SNV")
    model = panel.model
    row = next(i for i, x in enumerate(model.table.lines) if x.code == "PAR.2.1")
    assert model.setData(model.index(row, 4), "1")  # the province gave 1 of 2
    assert area.board.line("PAR.2.1").appraised == 1  # the table's appraised column follows
    panel.view.setCurrentIndex(model.index(row, 0))
    dialog = panel.explain_current()
    dialog.text.setPlainText("Văn bản ban hành đúng thẩm quyền, có sổ theo dõi")
    dialog.proposed.setText("2")
    dialog.accept()
    assert model.index(row, 5).data() == "Văn bản ban hành đúng thẩm quyền, có sổ theo dõi"
    assert model.index(row, 6).data() == "2"
    assert panel.number_explanation(date(2026, 1, 20))
    assert "văn bản số 01/BC-UBND" in panel.heading.text()
    target = tmp_path / "giai-trinh.pdf"
    assert panel.print_explanation(target)
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as pdf:
        text = unicodedata.normalize("NFC", " ".join(p.extract_text() or "" for p in pdf.pages))
    text = re.sub(r"\s+", " ", text)
    assert "Số: 01/BC-UBND" in text and "Kính gửi: Sở Nội vụ" in text
    assert "Tiêu chí PAR.2.1" in text and "Đề nghị xem xét 2 điểm" in text
    assert panel.add_round(date(2026, 2, 10), is_final=True)
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Cuối cùng\n10/02/2026"
    assert model.setData(model.index(row, 5), "2")
    assert area.board.line("PAR.2.1").appraised == 2
    assert not panel.buttons["add"].isEnabled()  # the final result closes the rounds
    # A round keyed by mistake is deleted: the table falls back on the first round's points.
    panel.round_box.setCurrentIndex(1)
    panel.delete_round()
    assert area.board.line("PAR.2.1").appraised == 1 and panel.buttons["add"].isEnabled()
    assert panel.add_round(date(2026, 2, 10), is_final=True)
    assert model.setData(model.index(row, 5), "2")
    # The screen fits the wards' 1366×768 PCs and keeps the 1280 minimum width.
    assert main_window.minimumSizeHint().width() <= 1280
    assert main_window.width() <= 1366 and main_window.height() <= 768
    QApplication.processEvents()
    # Only the criteria scored so far, the first round's explanation beside its points.
    panel.only_scored.setChecked(True)
    panel.round_box.setCurrentIndex(0)
    assert [x.code for x in model.lines] == ["PAR.2.1", "PAR.2.2", "PAR.3.2", "PAR.T.1", "PAR.TR.1"]
    assert model.index(0, 6).data() == "Văn bản ban hành đúng thẩm quyền, có sổ theo dõi"
    QApplication.processEvents()
    shots = os.environ.get("PARDESK_SHOTS")
    if shots:
        panel.view.selectRow(0)
        main_window.grab().save(str(Path(shots) / "15-scores.png"))
        area.tabs.setCurrentIndex(0)
        QApplication.processEvents()
        line = area.board.line("PAR.TR.1")
        area.tree.expandAll()
        area.tree.scrollTo(area.tree_model.index_of(line.criterion.id))
        main_window.grab().save(str(Path(shots) / "15-scores-table.png"))


def test_band_presets_of_the_template_fill_the_bands_dialog(qtbot, services):
    from ui.scores.dialogs import BandsDialog

    framework = services.frameworks.load_template("PAR", 2025)
    dialog = BandsDialog(framework)
    qtbot.addWidget(dialog)
    assert [dialog.presets.itemText(i) for i in range(1, dialog.presets.count())] == [
        name for name, _bands in framework.band_presets
    ]
    dialog.presets.setCurrentIndex(2)  # Tốt/Khá/Trung bình/Yếu
    services.frameworks.set_bands(framework.id, dialog.bands())
    services.assessments.set_scores(framework.id, "self", {"PAR.2.1": 2})
    assert [b.label for b in services.frameworks.get(framework.id).bands][0] == "Tốt"


def test_the_provinces_rules_dialog_saves_period_decision_and_addressee(qtbot, area):
    dialog = area.edit_rules()
    dialog.start.setText("1/7/2025")
    dialog.end.setText("31/02/2025")
    dialog.accept()
    assert dialog.isVisible() and "Không có ngày 31/02/2025" in dialog.error.text()
    dialog.end.setText("31122025")
    dialog.decision.setPlainText("Quyết định số 1234/QĐ-UBND ngày 08/9/2025 của UBND tỉnh")
    dialog.addressee.setText("Sở Nội vụ tỉnh Hưng Yên")
    dialog.link.setCurrentIndex(dialog.link.findData("PAR.7.4"))
    dialog.rule.setCurrentIndex(dialog.rule.findData("cap"))
    dialog.accept()
    info = area.framework
    assert (info.period_start, info.period_end) == (date(2025, 7, 1), date(2025, 12, 31))
    assert info.addressee == "Sở Nội vụ tỉnh Hưng Yên" and info.sipas_link == "PAR.7.4"
    assert info.adjustment_rule == "cap" and "1234/QĐ-UBND" in info.decision
    assert "Đã lưu quy định của tỉnh" in area.notice.text()
    area.tabs.setCurrentIndex(2)
    assert "từ ngày 01/07/2025 đến ngày 31/12/2025" in area.mock_label.text()
