"""Hide what the signed-in role may not do; the services refuse it anyway."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def account_of(services):
    return services.accounts.current() if services.accounts is not None else None


def may(services, permission: str) -> bool:
    account = account_of(services)
    return account is None or account.may(permission)


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
