"""A clerk searches "ky so" and means "ký số": phrase matches come first, then all-word rows."""

from __future__ import annotations

from services.search import ALL_WORDS, NO_MATCH, PHRASE, highlight_spans, query_words, rank, ranked
from services.text import search_key

TASKS = [
    "Bồi dưỡng kỹ năng cho cán bộ cơ sở",  # both words, far apart
    "Triển khai chữ ký số cho văn bản đi",  # the phrase
    "Đào tạo sử dụng ký số, chứng thư số",  # the phrase
    "Cải cách thủ tục hành chính",  # neither
    "Số hóa hồ sơ, ký kết",  # both words, wrong order
]


def test_rank_puts_the_phrase_before_rows_that_only_hold_the_words():
    words = query_words("Ký  Số")
    assert words == ["ky", "so"]
    keys = [search_key(t) for t in TASKS]
    assert [rank(k, words) for k in keys] == [ALL_WORDS, PHRASE, PHRASE, NO_MATCH, ALL_WORDS]
    assert ranked(keys, "ky so") == [1, 2, 0, 4]


def test_the_phrase_is_whole_words_in_order_but_the_last_word_may_still_be_typed():
    assert rank(search_key("ký số"), ["ky", "s"]) == PHRASE  # still typing "số"
    assert rank(search_key("kỹ sổ sách"), ["ky", "so"]) == PHRASE  # accent-free
    assert rank(search_key("bảo ký sở"), ["ky", "so"]) == PHRASE
    assert rank(search_key("sky số"), ["ky", "so"]) == ALL_WORDS  # "ky" inside "sky"
    assert rank(search_key("kỹ năng số"), ["ky", "so"]) == ALL_WORDS
    assert ranked([search_key(t) for t in TASKS], "") == [0, 1, 2, 3, 4]


def test_highlight_spans_point_at_the_original_words_with_their_diacritics():
    text = "Triển khai chữ ký số cho văn bản đi"
    spans = highlight_spans(text, "ky so")
    assert [text[a:b] for a, b in spans] == ["ký số"]
    far = "Bồi dưỡng kỹ năng cho cán bộ cơ sở"
    assert [far[a:b] for a, b in highlight_spans(far, "KY SO")] == ["kỹ", "sở"]
    assert [t[a:b] for t in ["Đường Đông"] for a, b in highlight_spans(t, "duong")] == ["Đường"]
    assert highlight_spans("Cải cách hành chính", "ky so") == []
    assert highlight_spans("anything", "  ") == []
