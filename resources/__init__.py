"""Files shipped with ParDesk (fonts, sample data, templates), reached through one helper.

Plain files next to the code, no Qt resource compiler: the same font file is registered once
with Qt and once with ReportLab, and a test checks that every referenced resource exists.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. ``resource_path("fonts", "x.ttf")``."""
    return ROOT.joinpath(*parts)


UI_FONT_FILES = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
)
DOCUMENT_FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


def font_path(file_name: str) -> Path:
    return resource_path("fonts", file_name)
