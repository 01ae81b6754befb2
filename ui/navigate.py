"""Open what a Tổng quan line or a reminder points at: the right area, filtered to the record.

Targets come from ``services.overview_items``; the main window is found from the clicked
widget (``widget.window()``), so no area needs to be handed the window.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.overview_items import DISCLOSURE, LEGAL, PLAN, SCORES, Target
from ui import strings

AREAS = {
    PLAN: strings.AREA_PLAN,
    DISCLOSURE: strings.AREA_DISCLOSURE,
    LEGAL: strings.AREA_LEGAL,
    SCORES: strings.AREA_SCORES,
}


def open_target(window: QWidget, target: Target) -> QWidget | None:
    """Show the area of ``target`` in ``window`` (a MainWindow) and select its record."""
    show_area = getattr(window, "show_area", None)
    if show_area is None:
        return None
    area = show_area(AREAS[target.area])
    if target.area == PLAN:
        from ui.plan.task_table_model import TaskFilter

        ids = frozenset({target.record_id}) if target.record_id else None
        area.apply_filter(TaskFilter(task_ids=ids), year=target.year)
    elif target.area == DISCLOSURE:
        if target.record_id is not None:
            area.show_disclosure(target.record_id, target.year)
        else:
            area.show_calendar(target.year)
    elif target.area == LEGAL:
        if target.kind == "annual_list" and target.year is not None:
            area.show_annual_list(target.year)
        elif target.record_id is not None:
            area.show_document(target.record_id)
    elif target.area == SCORES and target.year is not None:
        area.show_criterion(target.index_key, target.year, target.code)
    return area
