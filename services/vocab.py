"""Fixed vocabularies with their Vietnamese labels, shared by the UI, PDFs and Excel."""

from __future__ import annotations

TASK_STATUSES: dict[str, str] = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "paused": "Tạm dừng",
    "cancelled": "Hủy bỏ",
}

RECURRENCES: dict[str, str] = {
    "none": "Không lặp",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "semiannual": "6 tháng",
    "yearly": "Hằng năm",
}

SECTION_KINDS: dict[str, str] = {
    "part": "Phần",
    "roman": "Mục (I, II...)",
    "arabic": "Mục (1, 2...)",
    "alpha": "Điểm (a, b...)",
}

UNIT_KINDS: dict[str, str] = {
    "office": "Bộ phận chuyên môn",
    "police": "Công an",
    "school": "Trường học",
    "health": "Y tế",
    "mass_org": "Mặt trận, đoàn thể",
    "media": "Truyền thanh",
    "external": "Cơ quan ngoài",
}
