"""Every year opens in Công khai: a clerk back-fills last year and the CLI's advice works.

In December 2026 the commune is asked for its 2025 disclosure report. ``pdf disclosure
--year 2025`` says there is no 2025 plan and tells the clerk where to make it; following
those words in the Công khai screen (Năm 2025, Lập kế hoạch năm, record a posting) must be
possible, after which the same command writes the PDF.
"""

from __future__ import annotations

from datetime import date

from main import main
from services.disclosure.service import PostingDraft
from ui import strings


def _years(area) -> list[int]:
    return [area.year_box.itemData(i) for i in range(area.year_box.count())]


def test_the_year_list_runs_from_the_first_year_with_data_to_next_year(main_window, services):
    this_year = date.today().year
    services.frameworks.load_template("PAR", 2022)  # an old score year typed in
    area = main_window.show_area(strings.AREA_DISCLOSURE)
    assert _years(area) == list(range(2022, this_year + 2))
    assert services.disclosure.open_years() == _years(area)


def test_an_empty_ward_can_still_plan_last_year(empty_services):
    this_year = empty_services.disclosure.today().year
    assert empty_services.disclosure.open_years() == [this_year - 1, this_year, this_year + 1]


def test_the_cli_advice_for_a_year_without_a_plan_can_be_followed(
    main_window, services, db_path, tmp_path, capsys
):
    year = date.today().year - 1
    out = tmp_path / "danh-sach.pdf"
    argv = ["pdf", "disclosure", "--year", str(year), "--quarter", "3", "-o", str(out)]
    assert main([*argv, "--db", str(db_path)]) == 1
    advice = capsys.readouterr().err
    assert f"Năm {year} chưa có kế hoạch công khai" in advice
    assert f"chọn Năm {year} rồi bấm “Lập kế hoạch năm”" in advice
    assert not out.exists()

    area = main_window.show_area(strings.AREA_DISCLOSURE)
    area.year_box.setCurrentIndex(area.year_box.findData(year))  # the year is offered
    assert area.year == year
    assert area.generate_button.text().replace("&", "") == "Lập kế hoạch năm"
    main_window.raise_()
    area.generate_button.click()
    assert f"công khai năm {year}" in area.notice.text()
    half = next(
        r
        for r in services.disclosure.disclosures(year)
        if r.item_code == "CK02C" and r.period == "06 tháng"
    )
    services.disclosure.add_posting(
        PostingDraft(half.id, "TRANG_TTDT", date(year, 7, 8), evidence_note="Ảnh chụp trang")
    )
    assert main([*argv, "--db", str(db_path)]) == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")


def test_a_year_beyond_next_year_names_the_years_that_can_be_planned(services):
    years = services.disclosure.open_years()
    message = services.disclosure.no_plan_message(years[-1] + 3)
    assert f"các năm từ {years[0]} đến {years[-1]}" in message
