"""Qt fixtures: the application configured as the program does, windows on temp data."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.app import configure_application


@pytest.fixture(scope="session", autouse=True)
def _configured_qapp(qapp):
    configure_application(qapp)
    return qapp


@pytest.fixture
def main_window(qtbot, services, data_folder: Path):
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    window = MainWindow(services, open_settings(data_folder), data_folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
