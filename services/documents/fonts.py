"""The document typeface: Times New Roman when the PC has it, else bundled Liberation Serif.

Decree 30 requires Times New Roman; clerks check the font name in the PDF's properties, so
Microsoft's font comes first when installed (Windows Fonts folder). Liberation Serif has the
same advance widths, so the layout is identical either way. All four faces are registered so
that bold, italic and bold-italic text use real faces, and ReportLab embeds them as subsets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resources import DOCUMENT_FONT_FILES, font_path

TIMES_FILES = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")


@dataclass(frozen=True)
class FontFamily:
    family: str  # the name documents use ("Times New Roman" in .docx)
    regular: str  # ReportLab face names
    bold: str
    italic: str
    bold_italic: str
    files: tuple[Path, Path, Path, Path]


def windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _times_files() -> tuple[Path, ...] | None:
    override = os.environ.get("PARDESK_TIMES_DIR")
    candidates = ([Path(override)] if override else []) + [windows_fonts_dir()]
    for candidate in candidates:
        files = tuple(candidate / name for name in TIMES_FILES)
        if all(f.is_file() for f in files):
            return files
    return None


@cache
def document_fonts() -> FontFamily:
    """Register the four faces with ReportLab once per process and return their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    times = _times_files()
    if times:
        family, stem, files = "Times New Roman", "TimesNewRoman", times
    else:
        family, stem = "Liberation Serif", "LiberationSerif"
        files = tuple(font_path(name) for name in DOCUMENT_FONT_FILES)
    names = (stem, f"{stem}-Bold", f"{stem}-Italic", f"{stem}-BoldItalic")
    for name, path in zip(names, files, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        stem, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    for bold, italic, name in (
        (0, 0, names[0]),
        (1, 0, names[1]),
        (0, 1, names[2]),
        (1, 1, names[3]),
    ):
        addMapping(stem, bold, italic, name)
    return FontFamily(family, *names, files=files)  # type: ignore[arg-type]
