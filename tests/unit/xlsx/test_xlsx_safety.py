"""The safe .xlsx reader on hostile and untidy files; fuzzed with hypothesis."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from services.errors import UserError, ValidationError
from services.xlsx.reader import cell_date, cell_text, read_xlsx

VIETNAMESE = set("àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ")


def _vietnamese(message: str) -> bool:
    return any(ch in VIETNAMESE for ch in message.lower())


def _tidy_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(["STT", "Nội dung", "Thời hạn", "Tiến độ"])
    sheet.append([1, "Rà soát thủ tục", "30/06/2025", 40])
    sheet.append([2, "Công khai kết quả", datetime(2025, 12, 31), "=D2*2"])
    sheet.merge_cells("A5:D5")
    sheet["A5"] = "Ghi chú chung"
    book.create_sheet("Đơn vị").append(["VP", "Văn phòng"])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def tidy(tmp_path_factory) -> Path:
    return _tidy_workbook(tmp_path_factory.mktemp("x") / "ke-hoach.xlsx")


def test_values_formulas_merged_cells_and_dates_typed_as_text(tidy):
    book = read_xlsx(tidy)
    assert book.sheet_names == ["Nhiệm vụ", "Đơn vị"]
    sheet = book.sheet("nhiem vu")  # accents and case forgiven
    assert sheet.rows[1][:3] == (1, "Rà soát thủ tục", "30/06/2025")
    assert sheet.formulas == ("D3",)
    assert sheet.rows[2][3] is None  # never computed by Excel: no cached value to use
    assert sheet.merged == ("A5:D5",)
    messages = [str(p) for p in book.problems]
    assert any("công thức (D3)" in m for m in messages)
    assert any("ô gộp (A5:D5)" in m for m in messages)
    assert cell_date(sheet.rows[1][2], "Thời hạn, dòng 2") == date(2025, 6, 30)
    assert cell_date(sheet.rows[2][2], "Thời hạn, dòng 3") == date(2025, 12, 31)
    with pytest.raises(ValidationError, match="dòng 9: Không có ngày 31/02/2025"):
        cell_date("31/02/2025", "Thời hạn, dòng 9")
    assert cell_text(40.0) == "40" and cell_text(date(2025, 1, 2)) == "02/01/2025"


def test_a_missing_sheet_names_the_sheets_that_exist(tidy):
    with pytest.raises(ValidationError, match="thiếu trang tính “Chỉ số”.*Nhiệm vụ, Đơn vị"):
        read_xlsx(tidy).sheet("Chỉ số")


def test_renamed_files_are_refused_plainly(tmp_path):
    xls = tmp_path / "cu.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UserError, match=r"Excel đời cũ \(.xls\)"):
        read_xlsx(xls)
    pdf = tmp_path / "bao-cao.xlsx"
    pdf.write_bytes(b"%PDF-1.7 ...")
    with pytest.raises(UserError, match="không phải tệp Excel .xlsx"):
        read_xlsx(pdf)
    plain_zip = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("a.txt", "xin chào")
    with pytest.raises(UserError, match="tệp nén"):
        read_xlsx(plain_zip)


def _rewrite_member(source: Path, target: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, data if item.filename == member else src.read(item))
    return target


def test_an_xml_bomb_is_refused_by_defusedxml(tidy, tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    path = _rewrite_member(tidy, tmp_path / "bom.xlsx", "xl/worksheets/sheet1.xml", bomb)
    with pytest.raises(UserError, match="XML nguy hiểm"):
        read_xlsx(path)


def test_a_zip_bomb_is_refused_before_parsing(tidy, tmp_path):
    zeros = b"<!-- " + b"0" * 60_000_000 + b" -->"
    path = _rewrite_member(tidy, tmp_path / "zip-bom.xlsx", "docProps/app.xml", zeros)
    with pytest.raises(UserError, match="nén bất thường"):
        read_xlsx(path)


def test_too_many_rows_and_too_large_files_are_refused(tmp_path):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu")
    for i in range(1_200):
        sheet.append([i, f"dòng {i}"])
    path = tmp_path / "lon.xlsx"
    book.save(path)
    with pytest.raises(UserError, match="trang “Dữ liệu” có hơn 1.000 dòng"):
        read_xlsx(path, max_rows=1_000)
    with pytest.raises(UserError, match="quá lớn"):
        read_xlsx(path, max_bytes=1_000)
    assert len(read_xlsx(path).sheet("Dữ liệu").rows) == 1_200


# ----- fuzzing ---------------------------------------------------------------------------------
def _assert_clean_outcome(path: Path) -> None:
    try:
        read_xlsx(path)
    except UserError as exc:
        assert _vietnamese(exc.message), exc.message


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000))
def test_fuzz_arbitrary_bytes_never_crash(tmp_path, data):
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(data)
    _assert_clean_outcome(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fuzz_corrupted_real_workbooks_never_crash(tidy, tmp_path, db_path, data):
    from tests.hostile_files import assert_import_survives, damaged_xlsx

    path = tmp_path / "hong.xlsx"
    path.write_bytes(data.draw(damaged_xlsx(tidy.read_bytes())))
    assert_import_survives(read_xlsx, db_path, path)


_TOKENS = [*'<>/="abcrtv 1&;!x', '<c r="A1">', "<row>", "</row>", "<sheetData>", "<?xml ?>"]
_member_text = st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    xml=_member_text,
    member=st.sampled_from(
        ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"]
    ),
)
def test_fuzz_garbage_xml_inside_a_real_workbook_never_crashes(tidy, tmp_path, xml, member):
    path = _rewrite_member(tidy, tmp_path / "rac.xlsx", member, xml.encode())
    _assert_clean_outcome(path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.text(max_size=30).filter(lambda t: not t.startswith("=")),
                st.integers(-(10**9), 10**9),
                st.floats(allow_nan=False, allow_infinity=False),
                st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
            ),
            max_size=6,
        ),
        max_size=20,
    )
)
def test_fuzz_any_cell_values_round_trip_or_give_a_clear_message(tmp_path, cells):
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    try:
        for row in cells:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
    except IllegalCharacterError:
        return  # openpyxl itself refuses control characters; not a file a user could have
    path = tmp_path / "o.xlsx"
    path.write_bytes(buffer.getvalue())
    sheet = read_xlsx(path).sheets[0]
    for row in sheet.rows:
        for value in row:
            try:
                cell_date(value, "ô")
            except ValidationError as exc:
                # The one parser's Vietnamese messages, never Python's English.
                assert "không phải một ngày" in exc.message or "Không có ngày" in exc.message
            cell_text(value)


# ----- the shared hostile-file kit, as every importer will use it ---------------------------------
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from tests.hostile_files import build_hostile_files

    return build_hostile_files(tmp_path_factory.mktemp("hostile"))


EXPECTED = {
    "pdf doi ten": "không phải tệp Excel .xlsx",
    "xls doi ten": "Excel đời cũ",
    "tep rong": "không phải tệp Excel .xlsx",
    "zip thuong": "tệp nén",
    "cat ngang": "bị hỏng",
    "bom zip": "nén bất thường",
    "bom xml": "XML nguy hiểm",
    "100000 dong": "có hơn 20.000 dòng",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_hostile_file_is_refused_with_a_clear_message_and_nothing_written(
    hostile, db_path, kind
):
    from tests.hostile_files import assert_import_refuses_cleanly

    message = assert_import_refuses_cleanly(read_xlsx, db_path, hostile[kind])
    assert EXPECTED[kind] in message


def test_openpyxl_parses_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
