"""The guide's pages, their titles, and which page each area opens with F1."""

from __future__ import annotations

from ui import strings

HELP_PROPERTY = "helpPage"
INDEX_PAGE = "index"

# (page, title), in the order of the clerk's year; the file is resources/help/<page>.html.
PAGES = (
    (INDEX_PAGE, "Bắt đầu"),
    ("ke-hoach", "Kế hoạch năm"),
    ("nhiem-vu", "Nhiệm vụ"),
    ("tien-do", "Theo dõi tiến độ"),
    ("bao-cao", "Báo cáo"),
    ("chi-so", "Chỉ số"),
    ("ra-soat-van-ban", "Rà soát văn bản"),
    ("cong-khai", "Công khai"),
    ("sao-luu", "Sao lưu và khôi phục"),
)
PAGE_TITLES = dict(PAGES)

AREA_PAGES = {
    strings.AREA_OVERVIEW: INDEX_PAGE,
    strings.AREA_PLAN: "ke-hoach",
    strings.AREA_SCORES: "chi-so",
    strings.AREA_LEGAL: "ra-soat-van-ban",
    strings.AREA_DISCLOSURE: "cong-khai",
    strings.AREA_REPORTS: "bao-cao",
    strings.AREA_SETTINGS: "sao-luu",
}
