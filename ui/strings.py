"""Visible Vietnamese labels used in more than one place, gathered so wording stays one."""

APP_TITLE = "ParDesk – Cải cách hành chính phường/xã"

AREA_OVERVIEW = "Tổng quan"
AREA_PLAN = "Kế hoạch"
AREA_SCORES = "Chỉ số"
AREA_LEGAL = "Rà soát văn bản"
AREA_DISCLOSURE = "Công khai"
AREA_REPORTS = "Báo cáo"
AREA_SETTINGS = "Cài đặt"

TASK_COLUMNS = (
    "STT",
    "Nội dung",
    "Chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Trạng thái",
    "Tiến độ",
    "Kết quả",
    "Tiêu chí",
)

SEARCH_PLACEHOLDER = "Tìm nhiệm vụ (gõ không dấu cũng được), Ctrl+F"
ALL_SECTIONS = "Toàn bộ kế hoạch"
DEFAULT_DEADLINE_TIP = "Thời hạn mặc định (văn bản kế hoạch không ghi thời hạn)"
ERROR_TITLE = "ParDesk – Lỗi"
OPEN_ERROR_TITLE = "ParDesk – Không mở được dữ liệu"
