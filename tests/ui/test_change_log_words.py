"""Cài đặt → Nhật ký thay đổi as a clerk reads it: names, not ids, and no "Mã" column."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from services.plan.progress import ProgressDraft
from ui import strings


def _morning(services):
    """Moves a task from Tư pháp to Văn phòng, records progress, numbers a report, deletes a task."""
    services.audit.set_actor("Nguyễn Thị Lan")
    units = {u.name: u for u in services.units.list()}
    plan = services.plans.plan_for_year(2025)
    tasks = [t for t in services.plans.tasks(plan.id) if t.actionable]
    task = next(t for t in tasks if t.lead_unit_id == units["Tư pháp"].id)
    draft = replace(
        task.draft(),
        lead_unit_id=units["Văn phòng"].id,
        deadline=date(2025, 9, 30),
        partner_ids=(units["Địa chính"].id,),
    )
    services.plans.update_task(task.id, draft, expected_version=task.version)
    services.progress.record(
        task.id, ProgressDraft(date(2025, 6, 15), 40, "in_progress", "Đã họp triển khai")
    )
    services.documents.number_report(2025, "Q2", date(2025, 7, 5))
    services.plans.delete_task(tasks[-1].id)
    return task, tasks[-1]


def _cells(table) -> list[list[str]]:
    model = table.model()
    return [
        [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_change_log_reads_in_names_and_exports_the_same_words(main_window, qtbot, tmp_path):
    task, deleted = _morning(main_window.services)
    area = main_window.show_area(strings.AREA_SETTINGS)
    area.tabs.setCurrentIndex(2)
    table = area.audit_table
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Thời điểm", "Người thực hiện", "Thao tác", "Loại", "Bản ghi", "Thay đổi"]

    rows = _cells(table)
    moved = next(r for r in rows if "Chủ trì: Tư pháp → Văn phòng" in r[5])
    assert moved[3] == "Nhiệm vụ" and moved[4].startswith(f"{task.outline} {task.text[:30]}")
    assert "Phối hợp: (trống) → Địa chính" in moved[5] and "30/09/2025" in moved[5]
    kinds = {r[4] for r in rows}
    assert {"Báo cáo quý II năm 2025", "Báo cáo số 01/BC-UBND ngày 05/07/2025"} <= kinds
    gone = next(r for r in rows if r[2] == "Xóa")
    assert gone[4].startswith(f"{deleted.outline} {deleted.text[:30]}")
    assert not any("lead_unit_id" in cell or "plan_tasks" in cell for r in rows for cell in r)

    # The search box finds the words shown, typed without accents.
    qtbot.keyClicks(area.audit_search, "chu tri tu phap")
    found = _cells(table)
    assert found and found[0][4] == moved[4] and "Chủ trì: Tư pháp → Văn phòng" in found[0][5]
    table.selectRow(0)
    detail = area.audit_detail.toPlainText()
    assert detail.startswith(f"Sửa nhiệm vụ “{task.outline} ")
    assert "Chủ trì: Tư pháp → Văn phòng" in detail and "cán bộ hỗ trợ kỹ thuật" in detail

    path = area.export_audit(tmp_path / "nhat-ky.xlsx")
    sheet = list(load_workbook(path).active.iter_rows(values_only=True))
    assert list(sheet[0]) == headers  # no "Mã" column in the file either
    assert [(r[3], r[4]) for r in sheet[1:]] == [(r[3], r[4]) for r in found]
    assert "Chủ trì: Tư pháp → Văn phòng" in sheet[1][5]

    for size in ((1366, 768), (1024, 700)):
        area.audit_search.clear()
        main_window.resize(*size)
        qtbot.wait(20)
        table.selectRow(0)
        header = table.horizontalHeader()
        changes_left = header.sectionViewportPosition(5)
        # "Thay đổi" starts in view with room to read, also at 1024 px.
        assert changes_left + 180 < table.viewport().width(), (size, changes_left)
        main_window.grab().save(str(tmp_path / f"nhat-ky-{size[0]}.png"))
