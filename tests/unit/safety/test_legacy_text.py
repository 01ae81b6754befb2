"""TCVN3 (ABC) and VNI-Windows text recognised and converted; NFD made NFC; names made safe."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.safety.legacy_text import (
    _TCVN3_ROWS,
    detect_legacy,
    detect_many,
    preview,
    tcvn3_to_unicode,
    to_unicode,
    vni_to_unicode,
)
from services.safety.safe_names import MAX_NAME, safe_attachment_name, unique_path

PHRASES = [
    # (VNI-Windows, TCVN3, Unicode) as old ward documents hold them
    ("Ñoàng yù", "§ång ý", "Đồng ý"),
    ("Uûy ban nhaân daân", "Uû ban nh©n d©n", None),
    (
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
        None,
    ),
    (
        "Ñoäc laäp - Töï do - Haïnh phuùc",
        "§éc lËp - Tù do - H¹nh phóc",
        "Độc lập - Tự do - Hạnh phúc",
    ),
    (
        "Thöïc hieän caûi caùch haønh chính, naâng cao chæ soá PAR INDEX naêm 2025",
        "Thùc hiÖn c¶i c¸ch hµnh chÝnh, n©ng cao chØ sè PAR INDEX n¨m 2025",
        "Thực hiện cải cách hành chính, nâng cao chỉ số PAR INDEX năm 2025",
    ),
    ("Ngöôøi daân, tröôøng hoïc", "Ng\u00adêi d©n, tr\u00adêng häc", "Người dân, trường học"),
]


@pytest.mark.parametrize(("vni", "tcvn3", "expected"), PHRASES)
def test_real_phrases_are_recognised_and_converted(vni, tcvn3, expected):
    assert detect_legacy(vni) == "vni"
    assert detect_legacy(tcvn3) == "tcvn3"
    from_vni, from_tcvn3 = to_unicode(vni).text, to_unicode(tcvn3).text
    if expected is not None:
        assert from_vni == from_tcvn3 == expected
    assert unicodedata.is_normalized("NFC", from_vni)


def test_the_two_spellings_of_uy_ban_and_hoa_come_out_as_typed():
    assert vni_to_unicode("Uûy ban nhaân daân") == "Ủy ban nhân dân"
    assert tcvn3_to_unicode("Uû ban nh©n d©n") == "Uỷ ban nhân dân"
    assert vni_to_unicode("Coäng hoøa") == "Cộng hòa"
    assert tcvn3_to_unicode("Céng hoµ") == "Cộng hoà"


def test_capitals_in_vni():
    assert vni_to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM") == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert vni_to_unicode("ÑAÛNG UÛY PHÖÔØNG") == "ĐẢNG ỦY PHƯỜNG"


def test_unicode_and_plain_text_are_left_alone_but_nfd_becomes_nfc():
    for text in ("Ủy ban nhân dân phường Dị Sử", "PAR INDEX 2025", "café crème", ""):
        assert detect_legacy(text) == "unicode"
        assert to_unicode(text).text == unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", "Kế hoạch cải cách hành chính")
    result = to_unicode(decomposed)
    assert result.encoding == "unicode" and result.changed
    assert result.text == "Kế hoạch cải cách hành chính"


def test_every_tcvn3_code_maps_to_one_vietnamese_letter():
    assert len(_TCVN3_ROWS) == 7 * 2 + 5 * 12
    letters = set(_TCVN3_ROWS.values())
    assert len(letters) == len(_TCVN3_ROWS)
    assert all(len(v) == 1 and unicodedata.name(v).startswith("LATIN") for v in letters)


def test_a_column_is_judged_as_a_whole_and_previewed():
    column = ["STT", "1", "Uûy ban nhaân daân", "Coâng an phöôøng", "Toå daân phoá soá 3"]
    assert detect_many(column) == "vni"
    assert preview(column) == [
        ("Uûy ban nhaân daân", "Ủy ban nhân dân"),
        ("Coâng an phöôøng", "Công an phường"),
        ("Toå daân phoá soá 3", "Tổ dân phố số 3"),
    ]
    assert detect_many(["Ủy ban", "Kế hoạch"]) == "unicode"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_any_text_converts_without_crashing_and_comes_out_nfc(text):
    for encoding in (None, "tcvn3", "vni", "unicode"):
        result = to_unicode(text, encoding)
        assert unicodedata.is_normalized("NFC", result.text)
        assert result.encoding in ("tcvn3", "vni", "unicode")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưă abc", max_size=80))
def test_fuzz_real_unicode_vietnamese_is_never_touched(text):
    assert detect_legacy(text) in ("unicode",) or not any(ord(c) > 0x7F for c in text)
    assert to_unicode(text).text == unicodedata.normalize("NFC", text)


# ----- attachment names ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Biên bản họp.pdf", "Biên bản họp.pdf"),
        ("../../pardesk.sqlite", "pardesk.sqlite"),
        ("C:\\Windows\\System32\\evil.PDF", "evil.pdf"),
        ("/etc/passwd", "passwd"),
        ("CON.pdf", "_CON.pdf"),
        ("lpt1", "_lpt1"),
        ('a<b>c:"d"|e?f*.docx', "a_b_c__d__e_f_.docx"),
        ("  ..tên   có\tkhoảng trắng..  ", "tên có khoảng trắng"),
        ("tệp\x00ẩn\u202e.pdf", "tệpẩn.pdf"),
        ("..", "tep-dinh-kem"),
        ("", "tep-dinh-kem"),
        (unicodedata.normalize("NFD", "Quyết định.pdf"), "Quyết định.pdf"),
    ],
)
def test_attachment_names_are_made_safe(name, expected):
    assert safe_attachment_name(name) == expected


def test_long_names_keep_their_extension_and_clashes_get_a_number(tmp_path):
    long = safe_attachment_name("Báo cáo " * 60 + ".pdf")
    assert len(long) <= MAX_NAME and long.endswith(".pdf")
    (tmp_path / "a.pdf").write_text("x")
    assert unique_path(tmp_path, "../a.pdf").name == "a (2).pdf"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_any_name_gives_one_safe_component(name):
    safe = safe_attachment_name(name)
    assert safe and len(safe) <= MAX_NAME
    assert "/" not in safe and "\\" not in safe and safe not in (".", "..")
    assert not any(ch in safe for ch in '<>:"|?*') and not safe.endswith((" ", "."))
    assert all(ord(ch) >= 32 for ch in safe)
