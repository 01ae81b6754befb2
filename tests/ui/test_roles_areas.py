"""Each area hides the edit, import and numbering actions the signed-in role may not do."""

from __future__ import annotations

import pytest

from services.accounts.users import AccountDraft
from ui import strings

PASSWORD = "mat-khau-1"


@pytest.fixture
def with_accounts(services):
    unit = next(iter(services.units.by_code().values()))
    services.accounts.enable(AccountDraft("quantri", "Nguyễn Văn Quản", "administrator", PASSWORD))
    services.accounts.create(AccountDraft("lanhdao", "Trần Thị Lãnh", "leader", PASSWORD))
    services.accounts.create(AccountDraft("vanphong", "Lê Văn Phòng", "office", PASSWORD))
    services.accounts.create(
        AccountDraft("canbo", "Phạm Thị Cán", "unit_officer", PASSWORD, unit_id=unit.id)
    )
    return services


def _window(qtbot, services, data_folder):
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    window = MainWindow(services, open_settings(data_folder), data_folder)
    qtbot.addWidget(window)
    return window


def _shown(widget) -> bool:
    """Not hidden by the role (the window itself is not put on screen in these tests)."""
    return not widget.isHidden()


def _areas(window):
    scores = window.area(strings.AREA_SCORES)
    legal = window.area(strings.AREA_LEGAL)
    return {
        "scores": scores,
        "legal": legal,
        "disclosure": window.area(strings.AREA_DISCLOSURE),
        "reports": window.area(strings.AREA_REPORTS),
        "settings": window.area(strings.AREA_SETTINGS),
    }


def _framework_buttons(scores):
    b = scores.buttons
    return [
        b["templates"],
        b["copy"],
        b["import"],
        b["result"],
        b["bands"],
        scores.panel.edit_button,
    ]


def _legal_writes(legal):
    panel = legal.register_panel
    return [panel.add_button, panel.add_external_button, panel.edit_button, panel.event_button]


def _disclosure_writes(area):
    return [area.generate_button, area.add_button, area.edit_button, area.post_button]


def test_unit_officer_attaches_evidence_and_edits_nothing_else(qtbot, with_accounts, data_folder):
    with_accounts.accounts.sign_in("canbo", PASSWORD)
    a = _areas(_window(qtbot, with_accounts, data_folder))
    scores = a["scores"]
    assert not any(_shown(w) for w in _framework_buttons(scores))
    assert not _shown(scores.panel.save_explanation) and scores.panel.explanation.isReadOnly()
    assert not _shown(scores.sipas.import_button)
    assert scores.tree.editTriggers() == scores.tree.EditTrigger.NoEditTriggers
    assert _shown(scores.panel.add_evidence) and _shown(scores.panel.link_button)
    assert _shown(scores.buttons["export"]) and _shown(scores.buttons["report"])
    assert not any(_shown(w) for w in _legal_writes(a["legal"]))
    assert not any(a.isVisible() for a in a["legal"].register_panel.write_actions)
    lists = a["legal"].show_lists()  # a tab built after the role was applied
    assert not _shown(lists.add_cycle_button) and not _shown(lists.publish_button)
    assert _shown(lists.export_button)
    assert not any(_shown(w) for w in _disclosure_writes(a["disclosure"]))
    assert _shown(a["disclosure"].export_button)
    reports = a["reports"]
    assert not _shown(reports.save_text_button)
    assert not _shown(reports.register_group.issue_button)
    assert not reports.register_group.margin_box.isEnabled()
    assert _shown(reports.save_pdf_button)
    settings = a["settings"]
    assert settings.user_name.isReadOnly() and settings.user_name.text() == "Phạm Thị Cán"
    assert not _shown(settings.findChild(type(reports.save_pdf_button), "restoreFrom"))


def test_leader_approves_and_numbers_reports_and_edits_nothing_else(
    qtbot, with_accounts, data_folder
):
    with_accounts.accounts.sign_in("lanhdao", PASSWORD)
    a = _areas(_window(qtbot, with_accounts, data_folder))
    reports = a["reports"]
    assert _shown(reports.save_text_button) and _shown(reports.register_group.issue_button)
    assert not any(e.isReadOnly() for e in reports.text_edits.values())
    assert not reports.register_group.margin_box.isEnabled()  # a page setting, not a report
    scores = a["scores"]
    assert not any(_shown(w) for w in _framework_buttons(scores))
    assert not _shown(scores.panel.add_evidence) and not _shown(scores.buttons["codes"])
    assert _shown(scores.buttons["export"]) and _shown(scores.buttons["pack"])
    assert not any(_shown(w) for w in _legal_writes(a["legal"]))
    surveys = a["legal"].show_surveys()
    assert not _shown(surveys.add_button)
    assert not any(_shown(w) for w in _disclosure_writes(a["disclosure"]))


def test_office_keeps_documents_numbering_legal_and_disclosure(qtbot, with_accounts, data_folder):
    with_accounts.accounts.sign_in("vanphong", PASSWORD)
    a = _areas(_window(qtbot, with_accounts, data_folder))
    assert all(_shown(w) for w in _legal_writes(a["legal"]))
    assert all(_shown(w) for w in _disclosure_writes(a["disclosure"]))
    reports = a["reports"]
    assert (
        _shown(reports.register_group.issue_button)
        and reports.register_group.margin_box.isEnabled()
    )
    scores = a["scores"]
    assert _shown(scores.panel.save_explanation) and _shown(scores.sipas.import_button)
    assert not any(_shown(w) for w in _framework_buttons(scores))  # the administrator's


def test_local_administrator_sees_everything_until_an_officer_signs_in(
    qtbot, services, data_folder, monkeypatch
):
    window = _window(qtbot, services, data_folder)
    a = _areas(window)
    scores = a["scores"]
    assert all(_shown(w) for w in _framework_buttons(scores))
    assert _shown(scores.panel.save_explanation) and _shown(scores.panel.add_evidence)
    assert all(_shown(w) for w in _legal_writes(a["legal"]))
    assert all(_shown(w) for w in _disclosure_writes(a["disclosure"]))
    assert _shown(a["reports"].save_text_button)
    assert _shown(a["reports"].register_group.issue_button)
    settings = a["settings"]
    assert not settings.user_name.isReadOnly()
    assert _shown(settings.findChild(type(a["reports"].save_pdf_button), "restoreFrom"))

    # The account changes (accounts turned on in the accounts dialog): built areas follow.
    from ui.accounts.accounts_dialog import AccountsDialog

    def turn_on(dialog):
        unit = next(iter(services.units.by_code().values()))
        services.accounts.enable(
            AccountDraft("quantri", "Nguyễn Văn Quản", "administrator", PASSWORD)
        )
        services.accounts.create(
            AccountDraft("canbo", "Phạm Thị Cán", "unit_officer", PASSWORD, unit_id=unit.id)
        )
        services.accounts.sign_in("canbo", PASSWORD)
        return 1

    monkeypatch.setattr(AccountsDialog, "exec", turn_on)
    window.edit_accounts()
    assert not any(_shown(w) for w in _framework_buttons(scores))
    assert not _shown(a["reports"].register_group.issue_button)
    assert not any(_shown(w) for w in _legal_writes(a["legal"]))
    assert settings.user_name.isReadOnly()


def test_signed_in_administrator_edits_frameworks(qtbot, with_accounts, data_folder):
    with_accounts.accounts.sign_in("quantri", PASSWORD)
    window = _window(qtbot, with_accounts, data_folder)
    scores = window.area(strings.AREA_SCORES)
    assert all(_shown(w) for w in _framework_buttons(scores))
    settings = window.area(strings.AREA_SETTINGS)
    assert _shown(settings.findChild(type(scores.buttons["copy"]), "backupNow"))


def test_the_first_start_name_is_not_asked_when_accounts_are_on(
    with_accounts, data_folder, monkeypatch
):
    from ui.app import ask_name_unless_signed_in
    from ui.dialogs.user_name_dialog import UserNameDialog
    from ui.settings import open_settings

    asked = []

    def answer(dialog):
        asked.append(True)
        dialog.name.setText("Vũ Minh Tâm")
        return 1

    monkeypatch.setattr(UserNameDialog, "exec", answer)
    assert ask_name_unless_signed_in(with_accounts, open_settings(data_folder)) == ""
    assert asked == []


def test_the_first_start_name_is_asked_while_accounts_are_off(services, data_folder, monkeypatch):
    from ui.app import ask_name_unless_signed_in
    from ui.dialogs.user_name_dialog import UserNameDialog
    from ui.settings import open_settings

    def answer(dialog):
        dialog.name.setText("Vũ Minh Tâm")
        return 1

    monkeypatch.setattr(UserNameDialog, "exec", answer)
    assert ask_name_unless_signed_in(services, open_settings(data_folder)) == "Vũ Minh Tâm"
