"""Presentation: Qt widgets (ui.*) and the command line (ui.cli, Qt-free). No SQL here."""
