"""A clerk opens ParDesk and finds the ward's plan; nothing in the window speaks English."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QMessageBox

from ui import strings
from ui.plan.section_tree_model import SECTION_ID_ROLE
from ui.plan.task_table_model import TaskTableModel


def _tree_texts(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    texts = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        texts.append(index.data())
        texts.extend(_tree_texts(model, index))
    return texts


def test_window_opens_on_the_sample_plan_headings(main_window):
    plan = main_window.show_area(strings.AREA_PLAN)
    headings = _tree_texts(plan.tree_model)
    assert "Phần I MỤC ĐÍCH, YÊU CẦU" in headings
    assert "II. CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX)" in headings
    assert "IV. TỔ CHỨC THỰC HIỆN" in headings
    assert plan.year_box.currentText() == "2025"
    assert plan.proxy.rowCount() == 48
    assert "Khắc phục những tồn tại" in plan.title.text()


def test_typing_without_accents_filters_the_task_table(main_window, qtbot):
    plan = main_window.show_area(strings.AREA_PLAN)
    qtbot.keyClicks(plan.search, "ho ngheo")
    visible = plan.visible_tasks()
    assert visible and all("hộ nghèo" in t.text for t in visible)
    assert plan.count_label.text().startswith(f"{len(visible)}/48 dòng · ")
    plan.search.clear()
    assert plan.proxy.rowCount() == 48


def test_choosing_a_section_shows_only_its_tasks(main_window):
    plan = main_window.show_area(strings.AREA_PLAN)
    model = plan.tree_model
    root = model.index(0, 0)
    part_two = model.index(1, 0, root)
    par_index = model.index(1, 0, part_two)
    assert par_index.data() == "II. CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX)"
    plan.tree.setCurrentIndex(par_index)
    outlines = [t.outline for t in plan.visible_tasks()]
    assert outlines and all(o.startswith("II.") for o in outlines)
    assert par_index.data(SECTION_ID_ROLE) is not None


def test_selected_task_is_shown_in_full_below_the_table(main_window):
    plan = main_window.show_area(strings.AREA_PLAN)
    plan.table.selectRow(0)
    assert "Tiếp tục phát huy những kết quả đạt được" in plan.detail.toPlainText()
    assert "Chủ trì: Văn phòng" in plan.detail.toPlainText()


def test_every_area_of_the_navigation_opens_on_real_data(main_window, qtbot):
    """Each navigation entry builds its area on first view; none is a stand-in."""
    for row in range(main_window.navigation.count()):
        main_window.navigation.setCurrentRow(row)
        title = main_window.navigation.item(row).text()
        assert main_window.stack.currentWidget() is main_window.areas[title]
        assert main_window.areas[title].findChildren(QLabel) or main_window.areas[title].children()
    assert len(main_window.areas) == 7


def test_task_table_model_passes_the_qt_model_checks(qtmodeltester, services):
    model = TaskTableModel()
    plan = services.plans.plan_for_year(2025)
    model.set_tasks(services.plans.tasks(plan.id))
    qtmodeltester.check(model, force_py=True)


def test_window_size_and_area_are_remembered(qtbot, services, data_folder):
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    first = MainWindow(services, open_settings(data_folder), data_folder)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)
    first.show_area(strings.AREA_OVERVIEW)
    first.close()
    second = MainWindow(services, open_settings(data_folder), data_folder)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (760, 540)
    assert second.navigation.currentRow() == 0


def test_dialogs_show_vietnamese_buttons_only(main_window, qtbot):
    from ui.dialogs.about_dialog import AboutDialog
    from ui.dialogs.organisation_dialog import OrganisationDialog

    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Hỏi",
        "Xóa?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    bare = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    dialogs = [
        OrganisationDialog(main_window.services.organisation, main_window),
        AboutDialog(main_window.data_folder, "x", main_window),
        box,
        bare,
    ]
    texts = [b.text().replace("&", "") for d in dialogs for b in d.findChildren(QAbstractButton)]
    assert {"Đồng ý", "Hủy", "Có", "Không", "Đóng"} <= set(texts)
    assert not {"OK", "Cancel", "Yes", "No", "Close"} & set(texts)
    for d in dialogs:
        d.deleteLater()


def test_about_dialog_names_the_version_and_data_folder(main_window):
    from services.version import APP_VERSION
    from ui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog(main_window.data_folder, main_window.services.database.url, main_window)
    text = dialog.findChild(QLabel, "aboutText").text()
    assert APP_VERSION in text and str(main_window.data_folder) in text


def test_organisation_dialog_saves_the_signer_and_refuses_blanks(main_window, qtbot, monkeypatch):
    from ui.dialogs.organisation_dialog import OrganisationDialog

    dialog = OrganisationDialog(main_window.services.organisation, main_window)
    qtbot.addWidget(dialog)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog.editors["place_name"].clear()
    dialog.accept()
    assert warnings and "Địa danh" in warnings[0]
    assert main_window.services.organisation.get().place_name == "Dị Sử"
    dialog.editors["place_name"].setText("Dị Sử")
    dialog.editors["signer_name"].setText("Trần Văn An")
    dialog.accept()
    assert main_window.services.organisation.get().signer_name == "Trần Văn An"


def test_the_profile_says_whether_the_unit_is_a_phuong_or_a_xa_and_names_its_hamlets(
    main_window, qtbot
):
    from ui.dialogs.organisation_dialog import OrganisationDialog

    service = main_window.services.organisation
    dialog = OrganisationDialog(service, main_window)
    qtbot.addWidget(dialog)
    # Never set: read from the body's name "PHƯỜNG DỊ SỬ".
    assert dialog.level.currentData() == "phường"
    assert dialog.resident.currentText() == "tổ dân phố"
    dialog.editors["body_line2"].setText("XÃ TÂN HÒA")
    dialog.level.setCurrentIndex(dialog.level.findData("xã"))
    dialog.resident.setCurrentText("Ấp")
    dialog.grab().save("/tmp/l14-organisation-dialog.png")
    dialog.accept()
    saved = service.get()
    assert (saved.level, saved.resident_unit, saved.resident_leader) == ("xã", "ấp", "Trưởng ấp")
    assert main_window.services.legal.level() == "xã"


def test_status_bar_and_about_show_where_the_data_is_not_a_technical_address(
    main_window, monkeypatch
):
    from PySide6.QtWidgets import QDialog

    database = main_window.services.database
    status = main_window.statusBar().currentMessage()
    assert "sqlite:" not in status and "://" not in status
    if database.path is not None:
        assert str(database.path) in status
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or 0)
    main_window.show_about()
    text = shown[0].findChild(QLabel, "aboutText").text()
    assert "://" not in text and database.location in text
