"""Hide what the signed-in role may not do; the services refuse it anyway.

One ``apply_to_*`` function per area, called by the main window when the area is built and
again whenever the account changes (``apply_to_area``). Buttons are hidden rather than
disabled because the areas themselves enable and disable them as the selection changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget


def account_of(services):
    return services.accounts.current() if services.accounts is not None else None


def may(services, permission: str) -> bool:
    account = account_of(services)
    return account is None or account.may(permission)


def may_any(services, *permissions: str) -> bool:
    return any(may(services, p) for p in permissions)


def is_administrator(services) -> bool:
    """Backups, restore and the server setting: the administrator (or nobody signed in)."""
    account = account_of(services)
    return account is None or account.local or account.role == "administrator"


def _show(widgets: Iterable, allowed: bool) -> None:
    for widget in widgets:
        widget.setVisible(allowed)


def apply_to_plan_area(area: QWidget, services) -> None:
    """Without the plan permission: no task or section editing, no import, no roll-over."""
    a = area.actions_
    editing = may(services, "plan")
    for action in (a.new_task, a.edit_task, a.delete_task, a.move_up, a.move_down, a.rollover):
        action.setVisible(editing)
        action.setEnabled(editing)
    a.sections_menu.menuAction().setVisible(editing)
    for action in a.sections_menu.actions():
        action.setEnabled(editing)
    progress = editing or may(services, "progress") or may(services, "own_progress")
    a.record.setVisible(progress)
    a.record.setEnabled(progress)
    button = area.findChild(QWidget, "recordProgress")
    if button is not None:
        button.setVisible(progress)


def status_text(services) -> str:
    account = account_of(services)
    if account is None or account.local:
        return ""
    return f"Người dùng: {account.full_name} ({account.role_label})"


def apply_to_scores_area(area: QWidget, services) -> None:
    """Frameworks: the administrator; scores: the office; evidence: also unit officers."""
    frameworks = may(services, "frameworks")
    assessments = may(services, "assessments")
    linking = may_any(services, "evidence", "assessments")
    b, panel = area.buttons, area.panel
    framework_buttons = ("templates", "template1187", "copy", "import", "result", "bands", "rules")
    _show((b[k] for k in framework_buttons), frameworks)
    _show((panel.edit_button,), frameworks)
    area.tree.setContextMenuPolicy(
        Qt.ContextMenuPolicy.CustomContextMenu if frameworks else Qt.ContextMenuPolicy.NoContextMenu
    )
    triggers = QAbstractItemView.EditTrigger
    area.tree.setEditTriggers(
        triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        if assessments
        else triggers.NoEditTriggers
    )
    _show((panel.save_explanation, area.sipas.import_button, area.sipas.apply_button), assessments)
    rounds = area.rounds
    _show(
        (
            panel.save_province,
            *(rounds.buttons[k] for k in ("add", "import", "explain", "number", "delete")),
        ),
        assessments,
    )
    rounds.view.setEditTriggers(
        triggers.DoubleClicked | triggers.EditKeyPressed if assessments else triggers.NoEditTriggers
    )
    panel.explanation.setReadOnly(not assessments)
    linkers = (b["codes"], panel.link_button, panel.unlink_button, panel.add_evidence)
    _show((*linkers, panel.remove_evidence), linking)


def _apply_to_legal_panel(panel: QWidget, services) -> None:
    allowed = may(services, "legal")
    names = (
        "add_button",  # register: a document; surveys: a survey round
        "add_external_button",
        "edit_button",
        "event_button",
        "review_button",
        "publish_button",
        "add_cycle_button",
    )
    _show((getattr(panel, n) for n in names if hasattr(panel, n)), allowed)
    _show(getattr(panel, "write_actions", ()), allowed)


def apply_to_legal_area(area: QWidget, services) -> None:
    """Legal review is the office's; the lists, surveys tabs are covered when first opened."""
    for panel in area._built.values():
        _apply_to_legal_panel(panel, services)
    area.on_tab_built = lambda panel: _apply_to_legal_panel(panel, services)


def apply_to_disclosure_area(area: QWidget, services) -> None:
    names = (
        "generate_button",
        "add_button",
        "groups_button",
        "holidays_button",
        "checklist_button",
        "edit_button",
        "delete_button",
        "post_button",
        "edit_posting_button",
        "delete_posting_button",
    )
    _show((getattr(area, n) for n in names), may(services, "disclosure"))


def apply_to_reports_area(area: QWidget, services) -> None:
    """The office writes reports; the leader approves (saves) and numbers them."""
    writing = may_any(services, "documents", "sign")
    _show((area.save_text_button,), writing)
    for edit in area.text_edits.values():
        edit.setReadOnly(not writing)
    register = area.register_group
    numbering = may_any(services, "numbering", "sign")
    _show((register.issue_button,), numbering)
    register.may_cancel = numbering  # "Hủy số..." in the register dialog
    options = may_any(services, "documents", "profile")
    for widget in (register.margin_box, register.shared_check):
        widget.setEnabled(options)


def apply_to_settings_area(area: QWidget, services) -> None:
    """With accounts on, the account names the user; backups are the administrator's."""
    account = account_of(services)
    named_by_account = account is not None and not account.local
    area.user_name.setReadOnly(named_by_account)
    if named_by_account:
        area.user_name.setText(account.full_name)
    _show((area.findChild(QPushButton, "saveUserName"),), not named_by_account)
    admin = is_administrator(services)
    _show((area.findChild(QPushButton, n) for n in ("backupNow", "backupTo", "restoreFrom")), admin)


def area_appliers() -> dict[str, Callable[[QWidget, object], None]]:
    from ui import strings

    return {
        strings.AREA_PLAN: apply_to_plan_area,
        strings.AREA_SCORES: apply_to_scores_area,
        strings.AREA_LEGAL: apply_to_legal_area,
        strings.AREA_DISCLOSURE: apply_to_disclosure_area,
        strings.AREA_REPORTS: apply_to_reports_area,
        strings.AREA_SETTINGS: apply_to_settings_area,
    }


def apply_to_area(title: str, area: QWidget, services) -> None:
    """Hide in the area called ``title`` what the current account may not do (if it has rules)."""
    apply = area_appliers().get(title)
    if apply is not None and services is not None:
        apply(area, services)
