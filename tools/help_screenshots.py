"""Make the guide's screenshots from the program itself.

    uv run python tools/help_screenshots.py [--out resources/help/img] [--width 1024]

Opens the main window offscreen on a new database holding the built-in sample plan (in a
temporary folder: the clerk's own data is never touched), adds the PAR criteria template and
the sample register so those screens are not empty, shows each area and the two plan
dialogs, and saves each as a PNG scaled to ``--width`` pixels, compressed. Run it again after
a screen changes and commit the PNGs with the change.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WINDOW_SIZE = (1280, 760)  # a common ward laptop is 1366×768: the window without the taskbar
SAMPLE_REGISTER = ROOT / "tests" / "data" / "so-van-ban-phuong.xlsx"


def _settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget, path: Path, width: int) -> Path:
    """The widget as a PNG ``width`` pixels wide, reduced to a 256-colour palette.

    Screens are flat colours and text: a palette without dithering keeps them sharp at about
    a third of the size (Pillow comes with ReportLab).
    """
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt

    image = widget.grab().toImage()
    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    with Image.open(io.BytesIO(bytes(buffer.data()))) as shot:
        palette = shot.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        palette.save(path, optimize=True)
    return path


def make_screenshots(out: Path, width: int) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from services.bundle import build_services
    from services.store.startup import prepare_database
    from ui import strings
    from ui.app import configure_application
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    configure_application(app)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PARDESK_DATA_DIR"] = str(folder)
        database, _outcome = prepare_database(folder / "pardesk.sqlite", sample=True)
        services = build_services(database)
        services.frameworks.load_template("PAR", 2025)
        if SAMPLE_REGISTER.is_file():
            services.legal.import_excel(SAMPLE_REGISTER)
        window = MainWindow(services, open_settings(folder), folder)
        window.resize(*WINDOW_SIZE)
        window.show()
        _settle(app)

        for title, name in (
            (strings.AREA_OVERVIEW, "tong-quan"),
            (strings.AREA_PLAN, "ke-hoach"),
            (strings.AREA_SCORES, "chi-so"),
            (strings.AREA_LEGAL, "ra-soat-van-ban"),
            (strings.AREA_DISCLOSURE, "cong-khai"),
            (strings.AREA_REPORTS, "bao-cao"),
            (strings.AREA_SETTINGS, "sao-luu"),
        ):
            area = window.show_area(title)
            _settle(app)
            _prepare(app, title, area)
            made.append(_save(window, out / f"{name}.png", width))

        plan = window.show_area(strings.AREA_PLAN)
        actionable = next(
            (r for r, t in enumerate(plan.visible_tasks()) if t.actionable and t.lead_unit_id), 0
        )
        plan.table.selectRow(actionable)
        _settle(app)
        editor = plan.actions_.edit_current()
        if editor is not None:
            editor.show()
            _settle(app)
            made.append(_save(editor, out / "nhiem-vu.png", width))
            editor.reject()
        progress = plan.actions_.record_progress()
        if progress is not None:
            _settle(app)
            made.append(_save(progress, out / "tien-do.png", width))
            progress.reject()
        window.close()
        _settle(app)
        database.dispose()
    return made


def _prepare(app, title: str, area) -> None:
    """Bring an area to the state its page describes."""
    import time

    from ui import strings

    if title == strings.AREA_PLAN:
        area.today = date(2025, 7, 1)
        area.table.selectRow(8)
    elif title == strings.AREA_DISCLOSURE:
        index = area.year_box.findData(2025)
        if index >= 0:
            area.year_box.setCurrentIndex(index)
        if not area.visible_rows():
            area.generate_plan()
        area.table.selectRow(0)
    elif title == strings.AREA_REPORTS:
        area.preview_button.click()
        deadline = time.monotonic() + 60
        while area.pdf_bytes is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.05)
        rendered = time.monotonic() + 2  # the PDF view draws its pages on a thread of its own
        while time.monotonic() < rendered:
            app.processEvents()
            time.sleep(0.05)
    elif title == strings.AREA_SETTINGS:
        area.tabs.setCurrentIndex(1)  # Sao lưu
    _settle(app, 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chụp ảnh màn hình cho phần Hướng dẫn sử dụng.")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "help" / "img")
    parser.add_argument("--width", type=int, default=1024)
    args = parser.parse_args(argv)
    for path in make_screenshots(args.out, args.width):
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
            f"{path.stat().st_size // 1024} KiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
