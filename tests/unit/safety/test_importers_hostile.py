"""Every importer (plan progress, criteria framework, SIPAS forms, legal register) survives hostile
and damaged files — a clear Vietnamese message and nothing written — and converts TCVN3/VNI
text with a note the user sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from services.errors import ValidationError
from tests.hostile_files import (
    assert_import_refuses_cleanly,
    assert_import_survives,
    build_hostile_files,
    damaged_xlsx,
)
from tests.pg import copy_database, discard_database

DATA = Path(__file__).resolve().parents[2] / "data"
LEGAL_SAMPLE = DATA / "so-van-ban-phuong.xlsx"
FRAMEWORK_SAMPLE = DATA / "bo-tieu-chi-cchc-xa-2026.xlsx"
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# "Thực hiện cải cách hành chính" and "Uỷ ban nhân dân" as old .VnTime files hold them
TCVN3_TASK = "Thùc hiÖn c¶i c¸ch hµnh chÝnh"
TCVN3_BODY = "Uû ban nh©n d©n ph\u00adêng"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile_files(tmp_path_factory.mktemp("hostile"))


# ----- one way to run each importer, end to end ----------------------------------------------
def _progress(services):
    def run(path: Path):
        check = services.progress_import.check(path)
        if check.problems:
            raise ValidationError(list(check.problems))
        return services.progress_import.apply(check)

    return run


def _framework(services):
    return lambda path: services.frameworks.import_excel("PAR", 2031, path)


def _sipas(services):
    framework = services.frameworks.load_template("SIPAS", 2025)
    return lambda path: services.sipas.import_excel(framework.id, path)


def _legal(services):
    return lambda path: services.legal.import_excel(path)


IMPORTERS = {"tien do": _progress, "bo tieu chi": _framework, "sipas": _sipas, "so van ban": _legal}


def _importer(name: str, services):
    """The import, then every connection closed: SQLite folds its WAL into the file, so the
    file's digest shows any write."""
    run = IMPORTERS[name](services)

    def closing(path: Path):
        try:
            return run(path)
        finally:
            services.database.dispose()

    services.database.dispose()
    return closing


@pytest.mark.parametrize("importer", IMPORTERS)
def test_every_hostile_file_is_refused_in_plain_words(importer, services, db_path, hostile):
    run = _importer(importer, services)
    messages = {kind: assert_import_refuses_cleanly(run, db_path, f) for kind, f in hostile.items()}
    assert "đổi đuôi" in messages["pdf doi ten"] and ".xls" in messages["xls doi ten"]
    assert "độc hại" in messages["bom zip"] and "độc hại" in messages["bom xml"]
    assert "dòng" in messages["100000 dong"]


def _progress_form(services, folder: Path) -> Path:
    plan = services.plans.list_plans()[0]
    return services.excel.export_unit_forms(plan.id, folder / "phieu.xlsx").path


def _sipas_form(folder: Path) -> Path:
    book = Workbook()
    book.active.title = "Phiếu"
    book.active.append(["Phiếu số", "S1.1", "S1.2", "S2.1"])
    for number in range(1, 6):
        book.active.append([number, 5, 4, 3])
    book.save(folder / "sipas.xlsx")
    return folder / "sipas.xlsx"


@pytest.fixture(scope="module")
def templates(tmp_path_factory, sample_template):
    """One real, importable workbook per importer, to damage byte by byte."""
    from services.bundle import build_services
    from services.store.db import open_database

    folder = tmp_path_factory.mktemp("mau")
    copy = copy_database(sample_template, folder)
    database = open_database(copy)
    try:
        progress = _progress_form(build_services(database), folder)
    finally:
        database.dispose()
        discard_database(copy)
    return {
        "tien do": progress.read_bytes(),
        "bo tieu chi": FRAMEWORK_SAMPLE.read_bytes(),
        "sipas": _sipas_form(folder).read_bytes(),
        "so van ban": LEGAL_SAMPLE.read_bytes(),
    }


@pytest.mark.parametrize("importer", IMPORTERS)
def test_damaged_real_workbooks_never_crash_nor_half_write(
    importer, services, db_path, templates, tmp_path
):
    run = _importer(importer, services)
    template = templates[importer]

    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        path = tmp_path / "hong.xlsx"
        path.write_bytes(data.draw(damaged_xlsx(template)))
        assert_import_survives(run, db_path, path)

    fuzz()


# ----- legacy text in the importers --------------------------------------------------------------
def test_progress_import_converts_tcvn3_results_and_says_so(services, tmp_path):
    path = _progress_form(services, tmp_path)
    book = load_workbook(path)
    task_id = book["TP"]["A5"].value
    book["TP"]["G5"] = TCVN3_TASK
    book["TP"]["G6"] = TCVN3_BODY
    book.save(path)
    check = services.progress_import.check(path)
    assert check.ok
    (note,) = check.notes
    assert "TCVN3 (ABC)" in str(note) and str(note).startswith("Trang “TP”")
    services.progress_import.apply(check)
    assert services.plans.task(task_id).result_notes == "Thực hiện cải cách hành chính"


def test_legal_import_converts_a_pasted_tcvn3_column(empty_services, tmp_path):
    path = tmp_path / "so.xlsx"
    shutil.copyfile(LEGAL_SAMPLE, path)
    book = load_workbook(path)
    sheet = book["Văn bản"]
    sheet["K2"] = TCVN3_BODY  # Ghi chú, pasted from an old file into a Unicode sheet
    sheet["K3"] = "Hoà giải"  # Unicode, no letter beyond Latin-1: must not be taken for VNI
    book.save(path)
    report = empty_services.legal.import_excel(path)
    assert report.written and "TCVN3 (ABC)" in report.summary()
    notes = {d.notes for d in empty_services.legal.documents()}
    assert {"Uỷ ban nhân dân phường", "Hoà giải"} <= notes


def test_framework_import_converts_a_vni_sheet(services, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Tieu chi"
    sheet.append(["Maõ", "Teân tieâu chí", "Ñieåm toái ña"])
    sheet.append(["1", "Coâng taùc chæ ñaïo ñieàu haønh", 10])
    sheet.append(["1.1", "Keá hoaïch caûi caùch haønh chính", 10])
    book.save(tmp_path / "vni.xlsx")
    report = services.frameworks.import_excel("PAR", 2031, tmp_path / "vni.xlsx")
    assert report.criteria == 2 and "VNI-Windows" in report.notes[0]
    framework = services.frameworks.find("PAR", 2031)
    names = [c.name for c in services.frameworks.criteria(framework.id)]
    assert names == ["Công tác chỉ đạo điều hành", "Kế hoạch cải cách hành chính"]
