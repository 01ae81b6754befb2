"""Fixed vocabularies of disclosure (Luật 10/2022/QH15 Đ12–13), with their Vietnamese labels."""

from __future__ import annotations

# Forms of disclosure (Đ12.1), the enum of the design note's checklist (A5).
FORMS: dict[str, str] = {
    "NIEM_YET_TRU_SO": "Niêm yết tại trụ sở HĐND, UBND",
    "NIEM_YET_NVH_TDP": "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng ở thôn, tổ dân phố",
    "TRANG_TTDT": "Đăng trên trang thông tin điện tử của UBND",
    "LOA_TRUYEN_THANH": "Phát trên hệ thống loa truyền thanh",
    "QUA_TO_TRUONG_TDP": "Thông qua Trưởng thôn, Tổ trưởng tổ dân phố",
    "VAN_BAN_GUI": "Gửi văn bản",
    "HOI_NGHI_DOI_THOAI": "Hội nghị trao đổi, đối thoại với Nhân dân",
    "TIEP_CONG_DAN": "Tiếp công dân, tiếp xúc cử tri, họp báo",
    "THONG_BAO_DOAN_THE": "Thông báo cho tổ chức Đảng, MTTQ, đoàn thể",
    "MANG_XA_HOI": "Mạng viễn thông, mạng xã hội",
    "CONG_BO_KY_HOP": "Công bố tại kỳ họp HĐND",
    "PHUONG_TIEN_TTDC": "Phương tiện thông tin đại chúng",
    "CUNG_CAP_THEO_YEU_CAU": "Cung cấp thông tin theo yêu cầu",
}

# Short labels for narrow table columns and spreadsheet cells.
FORM_SHORT: dict[str, str] = {
    "NIEM_YET_TRU_SO": "Niêm yết trụ sở",
    "NIEM_YET_NVH_TDP": "Niêm yết thôn, tổ dân phố",
    "TRANG_TTDT": "Trang TTĐT",
    "LOA_TRUYEN_THANH": "Loa truyền thanh",
    "QUA_TO_TRUONG_TDP": "Qua Trưởng thôn, Tổ trưởng",
    "VAN_BAN_GUI": "Gửi văn bản",
    "HOI_NGHI_DOI_THOAI": "Hội nghị đối thoại",
    "TIEP_CONG_DAN": "Tiếp công dân",
    "THONG_BAO_DOAN_THE": "Thông báo đoàn thể",
    "MANG_XA_HOI": "Mạng xã hội",
    "CONG_BO_KY_HOP": "Công bố tại kỳ họp",
    "PHUONG_TIEN_TTDC": "Thông tin đại chúng",
    "CUNG_CAP_THEO_YEU_CAU": "Cung cấp theo yêu cầu",
}

# Forms done once per residential group (tổ dân phố): every group is a required place.
PER_GROUP_FORMS = frozenset({"NIEM_YET_NVH_TDP", "QUA_TO_TRUONG_TDP"})
# Forms the minimum posting duration applies to (Đ13.2 "niêm yết ... ít nhất 30 ngày").
POSTED_FORMS = frozenset({"NIEM_YET_TRU_SO", "NIEM_YET_NVH_TDP"})
BROADCAST_FORM = "LOA_TRUYEN_THANH"

DURATION_TYPES: dict[str, str] = {
    "consecutive_calendar": "ngày liên tục",
    "working_days": "ngày làm việc",
    "permanent": "thường xuyên",
    "whole_planning_period": "suốt kỳ quy hoạch",
    "until_replaced": "đến khi có văn bản thay thế",
    "until_next_quarter": "đến quý sau",
    "publication": "đăng tải",
    "report": "báo cáo",
    "internal_plan": "kế hoạch nội bộ",
    "event": "sự kiện",
}
# Durations measured in days; the "continuous" ones forbid taking the posting down at all.
COUNTED_DURATIONS = frozenset({"consecutive_calendar", "working_days"})
CONTINUOUS_DURATIONS = frozenset({"permanent", "whole_planning_period", "until_replaced"})

DEADLINE_UNITS: dict[str, str] = {
    "working_days": "ngày làm việc",
    "calendar_days": "ngày",
}

RECURRENCES: dict[str, str] = {
    "yearly": "Hằng năm",
    "quarterly": "Hằng quý",
    "event": "Khi phát sinh",
    "continuous": "Thường xuyên",
    "yearly_or_event": "Hằng năm hoặc khi phát sinh",
    "per_hdnd_session": "Mỗi kỳ họp HĐND",
}
# How many disclosures the yearly plan opens for each recurrence, and their period names.
PLAN_PERIODS: dict[str, tuple[str, ...]] = {
    "yearly": ("",),
    "yearly_or_event": ("",),
    "continuous": ("",),
    "quarterly": ("Quý I", "Quý II", "Quý III", "Quý IV"),
    "per_hdnd_session": ("Kỳ họp giữa năm", "Kỳ họp cuối năm"),
    "event": (),
}

VERSION_BY: dict[str, str] = {
    "trigger_date": "theo ngày văn bản căn cứ",
    "budget_year": "theo năm ngân sách",
}

CONFIDENCE: dict[str, str] = {"sourced": "Đã đối chiếu", "uncertain": "Cần xác minh"}

# Compliance of one required place (form, group) of one disclosure.
MET = "met"
ON_TRACK = "on_track"
DUE = "due"
WAITING = "waiting"
MISSING = "missing"
LATE = "late"
REMOVED_EARLY = "removed_early"
NO_RULE = "no_rule"
# A yearly or recurring item whose trigger document never came by its expected date, and
# one the clerk declared did not arise this year (with a reason): Luật 10/2022 Đ11, Đ14.
OVERDUE_NO_TRIGGER = "overdue_no_trigger"
NOT_ARISEN = "not_arisen"
STATUSES: dict[str, str] = {
    MET: "Đạt",
    ON_TRACK: "Đang công khai (đúng hạn)",
    DUE: "Chưa đến hạn",
    WAITING: "Chờ văn bản căn cứ",
    MISSING: "Quá hạn, chưa công khai",
    LATE: "Công khai trễ hạn",
    REMOVED_EARLY: "Gỡ trước thời hạn",
    NO_RULE: "Chưa có quy định áp dụng",
    OVERDUE_NO_TRIGGER: "Quá hạn, chưa có văn bản căn cứ",
    NOT_ARISEN: "Không phát sinh trong năm",
}
PASSING = frozenset({MET, ON_TRACK})
FAILING = frozenset({MISSING, LATE, REMOVED_EARLY, OVERDUE_NO_TRIGGER})
# Recurrences whose disclosures are opened when their document arises ("khi phát sinh"):
# land prices (yearly_or_event) also arise between yearly tables, when the province adjusts.
EVENT_RECURRENCES = frozenset({"event", "yearly_or_event"})

# Calendar entries.
CAL_OVERDUE = "overdue"
CAL_MUST_POST = "must_post"
CAL_MAY_TAKE_DOWN = "may_take_down"
CALENDAR_KINDS: dict[str, str] = {
    CAL_OVERDUE: "Quá hạn",
    CAL_MUST_POST: "Phải công khai",
    CAL_MAY_TAKE_DOWN: "Có thể gỡ",
}
