"""Hostile and untidy .xlsx files, and a check that an importer survives them.

For every importer (plan, scores, evidence...): ``assert_import_refuses_cleanly`` feeds it a
file, expects a ``UserError`` with a Vietnamese message, and checks that the database file did
not change by a byte. Build the files once per module with ``build_hostile_files(folder)``.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from services.errors import UserError

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_VIETNAMESE = set("àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ")


def _template(path: Path) -> Path:
    book = Workbook()
    book.active.title = "Nhiệm vụ"
    book.active.append(["STT", "Nội dung", "Thời hạn"])
    book.save(path)
    return path


def _with_member(source: Path, target: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, data if item.filename == member else src.read(item))
    return target


def _many_rows(rows: int) -> bytes:
    parts = [f'<worksheet xmlns="{SHEET_NS}"><sheetData>']
    for r in range(1, rows + 1):
        parts.append(
            f'<row r="{r}"><c r="A{r}"><v>{r}</v></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>Nhiệm vụ {r}</t></is></c></row>'
        )
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def build_hostile_files(folder: Path) -> dict[str, Path]:
    """Files that must be refused with a clear message and nothing written."""
    folder.mkdir(parents=True, exist_ok=True)
    template = _template(folder / "mau.xlsx")
    files: dict[str, Path] = {}
    files["pdf doi ten"] = folder / "pdf.xlsx"
    files["pdf doi ten"].write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    files["xls doi ten"] = folder / "cu.xlsx"
    files["xls doi ten"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    files["tep rong"] = folder / "rong.xlsx"
    files["tep rong"].write_bytes(b"")
    files["zip thuong"] = folder / "zip.xlsx"
    with zipfile.ZipFile(files["zip thuong"], "w") as archive:
        archive.writestr("tai-lieu.txt", "xin chào")
    files["cat ngang"] = folder / "cat.xlsx"
    files["cat ngang"].write_bytes(template.read_bytes()[:1500])
    files["bom zip"] = _with_member(
        template, folder / "bom-zip.xlsx", "docProps/app.xml", b"<!--" + b"0" * 60_000_000 + b"-->"
    )
    files["bom xml"] = _with_member(
        template,
        folder / "bom-xml.xlsx",
        "xl/worksheets/sheet1.xml",
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            f'<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            "<is><t>&b;</t></is></c></row></sheetData></worksheet>"
        ).encode(),
    )
    files["100000 dong"] = _with_member(
        template, folder / "100000-dong.xlsx", "xl/worksheets/sheet1.xml", _many_rows(100_000)
    )
    return files


def file_digest(path: Path | str) -> str:
    """The bytes of a SQLite file; for a PostgreSQL test database, every row of every table."""
    if isinstance(path, str):
        from tests.pg import database_digest

        return database_digest(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_import_refuses_cleanly(run_import: Callable[[Path], object], db_path: Path, file: Path):
    """``run_import(file)`` raises a Vietnamese ``UserError`` and leaves the database as it was."""
    before = file_digest(db_path)
    try:
        run_import(file)
    except UserError as exc:
        message = exc.message
    else:
        raise AssertionError(f"{file.name}: the importer accepted a hostile file")
    assert any(ch in _VIETNAMESE for ch in message.lower()), message
    assert file_digest(db_path) == before, f"{file.name}: the database changed"
    return message


# ----- hypothesis: damaged variants of a real workbook, for fuzzing any importer ---------------
def damaged_xlsx(template: bytes):
    """A hypothesis strategy of byte strings: ``template`` with bytes changed or cut off.

    Use with ``assert_import_survives``: an importer must either import or refuse cleanly.
    """
    from hypothesis import strategies as st

    @st.composite
    def build(draw):
        buffer = bytearray(template)
        for _ in range(draw(st.integers(1, 8))):
            buffer[draw(st.integers(0, len(buffer) - 1))] = draw(st.integers(0, 255))
        if draw(st.booleans()):
            del buffer[draw(st.integers(1, len(buffer))) :]
        return bytes(buffer)

    return build()


def assert_import_survives(run_import: Callable[[Path], object], db_path: Path, file: Path):
    """Either the import works, or it raises a Vietnamese ``UserError`` and wrote nothing."""
    before = file_digest(db_path)
    try:
        run_import(file)
    except UserError as exc:
        assert any(ch in _VIETNAMESE for ch in exc.message.lower()), exc.message
        assert file_digest(db_path) == before, f"{file.name}: refused but the database changed"
