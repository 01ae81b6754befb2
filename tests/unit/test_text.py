"""Vietnamese text rules: NFC, accent-free search, Decree 30 dates, dd/mm/yyyy."""

import unicodedata
from datetime import date

import pytest

from services.text import (
    DateInputError,
    decree_date_line,
    format_date,
    matches,
    nfc,
    parse_date,
    search_key,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Khắc phục", "khac phuc"),
        ("ĐỊA CHÍNH  Đất đai", "dia chinh dat dai"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        (unicodedata.normalize("NFD", "Tư pháp"), "tu phap"),
    ],
)
def test_search_key_folds_accents_case_and_d(text, key):
    assert search_key(text) == key


def test_search_without_accents_finds_accented_text():
    key = search_key("Khắc phục những tồn tại, hạn chế")
    assert matches(key, "khac phuc")
    assert matches(key, "TON TAI han")
    assert not matches(key, "khac phuc dat")


def test_nfc_recomposes_pasted_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn Đức Thắng ")
    assert nfc(decomposed) == "Nguyễn Đức Thắng"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


@pytest.mark.parametrize(
    ("day", "month", "expected"),
    [
        (5, 2, "Dị Sử, ngày 05 tháng 02 năm 2025"),
        (5, 1, "Dị Sử, ngày 05 tháng 01 năm 2025"),
        (5, 3, "Dị Sử, ngày 05 tháng 3 năm 2025"),
        (15, 9, "Dị Sử, ngày 15 tháng 9 năm 2025"),
        (25, 12, "Dị Sử, ngày 25 tháng 12 năm 2025"),
    ],
)
def test_decree_date_line_pads_days_and_only_january_february(day, month, expected):
    assert decree_date_line("Dị Sử", day, month, 2025) == expected


def test_unknown_day_is_left_blank_for_the_records_office():
    line = decree_date_line("Dị Sử", None, 12, 2024)
    assert line.startswith("Dị Sử, ngày ")
    assert line.endswith(" tháng 12 năm 2024")
    assert "None" not in line


def test_dates_are_shown_and_read_as_dd_mm_yyyy():
    assert format_date(date(2025, 3, 5)) == "05/03/2025"
    assert parse_date("5/3/2025") == date(2025, 3, 5)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="ngày/tháng/năm"):
        parse_date("2025-03-05")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30092025", date(2025, 9, 30)),
        ("300925", date(2025, 9, 30)),
        ("30/9/2025", date(2025, 9, 30)),
        ("30-09-25", date(2025, 9, 30)),
        ("30.09.2025", date(2025, 9, 30)),
        (" 30 / 9 / 2025 ", date(2025, 9, 30)),
        ("30/9", date(2026, 9, 30)),
    ],
)
def test_dates_are_read_as_clerks_type_them(typed, expected):
    assert parse_date(typed, today=date(2026, 12, 3)) == expected


def test_a_date_that_does_not_exist_is_named_not_called_a_wrong_format():
    with pytest.raises(DateInputError) as caught:
        parse_date("31/02/2025")
    assert str(caught.value) == "Không có ngày 31/02/2025."
    with pytest.raises(DateInputError, match="Không có ngày 29/02/2026"):
        parse_date("29022026")
    with pytest.raises(DateInputError, match="không phải một ngày"):
        parse_date("hôm qua")
