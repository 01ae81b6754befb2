"""Codes and Vietnamese labels of the review regime (NĐ 79/2025; legacy NĐ 34/2016 labels).

The codes follow the design note's ``legal_review_model.v1`` so that records stay comparable
when the labels change again.
"""

from __future__ import annotations

from datetime import date

# The 2025 regime (Luật 64/2025/QH15, NĐ 79/2025/NĐ-CP) applies from this date; records of
# earlier dates keep the NĐ 34/2016 wording ("ngưng hiệu lực").
REGIME_2025 = date(2025, 4, 1)

# The issuing bodies; the unit's own are named with its level ("HĐND xã", "UBND phường").
ISSUERS: dict[str, str] = {
    "hdnd": "HĐND",
    "ubnd": "UBND",
    "external": "Cơ quan cấp trên",
}


def issuer_labels(level: str) -> dict[str, str]:
    """ISSUERS with the unit's level: {"hdnd": "HĐND xã", "ubnd": "UBND xã", …}."""
    return {
        code: label if code == "external" else f"{label} {level}" for code, label in ISSUERS.items()
    }


WARD_DOC_TYPES = ("Nghị quyết", "Quyết định", "Chỉ thị")
# The forms a ward body may issue as VBQPPL (Chỉ thị only before Luật 80/2015 took effect).
WARD_TYPE_BY_ISSUER: dict[str, tuple[str, ...]] = {
    "hdnd": ("Nghị quyết",),
    "ubnd": ("Quyết định", "Chỉ thị"),
}
EXTERNAL_DOC_TYPES = (
    "Luật",
    "Nghị quyết",
    "Pháp lệnh",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Thông tư liên tịch",
    "Chỉ thị",
)

# Status of a document at a date.
CHUA_CO_HIEU_LUC = "CHUA_CO_HIEU_LUC"
CON_HIEU_LUC = "CON_HIEU_LUC"
HET_HIEU_LUC_MOT_PHAN = "HET_HIEU_LUC_MOT_PHAN"
HET_HIEU_LUC_TOAN_BO = "HET_HIEU_LUC_TOAN_BO"
TAM_NGUNG_MOT_PHAN = "TAM_NGUNG_HIEU_LUC_MOT_PHAN"
TAM_NGUNG_TOAN_BO = "TAM_NGUNG_HIEU_LUC_TOAN_BO"

STATUSES: dict[str, str] = {
    CHUA_CO_HIEU_LUC: "Chưa có hiệu lực",
    CON_HIEU_LUC: "Còn hiệu lực",
    HET_HIEU_LUC_MOT_PHAN: "Hết hiệu lực một phần",
    HET_HIEU_LUC_TOAN_BO: "Hết hiệu lực toàn bộ",
    TAM_NGUNG_MOT_PHAN: "Tạm ngưng hiệu lực một phần",
    TAM_NGUNG_TOAN_BO: "Tạm ngưng hiệu lực toàn bộ",
}
LEGACY_STATUSES: dict[str, str] = {
    TAM_NGUNG_MOT_PHAN: "Ngưng hiệu lực một phần",
    TAM_NGUNG_TOAN_BO: "Ngưng hiệu lực toàn bộ",
}
# A document in one of these states is (at least partly) in force.
IN_FORCE = frozenset({CON_HIEU_LUC, HET_HIEU_LUC_MOT_PHAN, TAM_NGUNG_MOT_PHAN})


def status_label(code: str, on: date | None = None) -> str:
    """The label of a status, in the wording of the regime in force on ``on``."""
    if on is not None and on < REGIME_2025 and code in LEGACY_STATUSES:
        return LEGACY_STATUSES[code]
    return STATUSES.get(code, code)


# Effect events. "expires" events end the effect of the whole document or of some articles.
EVENT_KINDS: dict[str, str] = {
    "replaced": "Bị thay thế",
    "repealed": "Bị bãi bỏ",
    "term_ended": "Hết thời hạn có hiệu lực",
    "announced": "Được công bố hết hiệu lực",
    "suspended": "Bị tạm ngưng hiệu lực",
    "restored": "Tiếp tục có hiệu lực (hết tạm ngưng)",
    "amended": "Được sửa đổi, bổ sung",
}
EXPIRING_KINDS = frozenset({"replaced", "repealed", "term_ended", "announced"})
LEGACY_EVENT_LABELS = {"suspended": "Bị ngưng hiệu lực"}

SCOPES: dict[str, str] = {"whole": "Toàn bộ", "part": "Một phần"}

# Reviews
REVIEW_MODES: dict[str, str] = {
    "THUONG_XUYEN": "Rà soát thường xuyên",
    "THEO_CHUYEN_DE": "Rà soát theo chuyên đề, lĩnh vực",
    "HE_THONG_HOA_DINH_KY": "Rà soát khi hệ thống hóa định kỳ",
}
TRIGGER_TYPES: dict[str, str] = {
    "VBQPPL_HIEU_LUC_CAO_HON": "Văn bản có hiệu lực pháp lý cao hơn",
    "VBQPPL_CUNG_CO_QUAN_BAN_HANH": "Văn bản của cùng cơ quan ban hành",
    "VAN_BAN_HANH_CHINH_BAI_BO": "Văn bản hành chính bãi bỏ do sắp xếp bộ máy, hết đối tượng",
    "VAN_BAN_CONG_BO_HET_HIEU_LUC": "Văn bản công bố hết hiệu lực",
    "DIEU_UOC_QUOC_TE": "Điều ước quốc tế",
    "TINH_HINH_KINH_TE_XA_HOI": "Tình hình phát triển kinh tế – xã hội",
    "Y_KIEN_NHAN_DAN": "Ý kiến của người dân (khảo sát)",
}
FINDINGS: dict[str, str] = {
    "PHU_HOP": "Còn phù hợp, không cần xử lý",
    "HET_HIEU_LUC": "Hết hiệu lực",
    "MAU_THUAN_CHONG_CHEO": "Mâu thuẫn, chồng chéo với văn bản là căn cứ rà soát",
    "KHONG_CON_PHU_HOP_KTXH": "Không còn phù hợp với tình hình phát triển KT-XH",
    "DOI_TUONG_DIEU_CHINH_KHONG_CON": "Đối tượng điều chỉnh không còn",
    "KHONG_CON_DUOC_AP_DUNG": "Văn bản không còn được áp dụng",
    "CO_DAU_HIEU_TRAI_PHAP_LUAT": "Có dấu hiệu trái pháp luật (chuyển kiểm tra, xử lý)",
}
HANDLINGS: dict[str, str] = {
    "SUA_DOI_BO_SUNG": "Sửa đổi, bổ sung",
    "THAY_THE": "Thay thế",
    "BAI_BO_TOAN_BO": "Bãi bỏ toàn bộ",
    "BAI_BO_MOT_PHAN": "Bãi bỏ một phần",
    "BAN_HANH_MOI": "Ban hành mới",
    "TAM_NGUNG_HIEU_LUC": "Tạm ngưng hiệu lực (toàn bộ/một phần)",
    "CONG_BO_HET_HIEU_LUC": "Công bố hết hiệu lực",
    "DINH_CHI_THI_HANH": "Đình chỉ việc thi hành (NĐ 34, trước 01/04/2025)",
    "KHONG_XU_LY": "Chưa cần xử lý / giữ nguyên",
}
# The handling a review outcome normally calls for: offered as the default when the outcome
# is chosen and used when a result is saved without one, so outcome and handling agree.
# "Có dấu hiệu trái pháp luật" goes to the checking procedure; the reviewer chooses.
DEFAULT_HANDLING: dict[str, str] = {
    "PHU_HOP": "KHONG_XU_LY",
    "HET_HIEU_LUC": "CONG_BO_HET_HIEU_LUC",
    "MAU_THUAN_CHONG_CHEO": "SUA_DOI_BO_SUNG",
    "KHONG_CON_PHU_HOP_KTXH": "SUA_DOI_BO_SUNG",
    "DOI_TUONG_DIEU_CHINH_KHONG_CON": "BAI_BO_TOAN_BO",
    "KHONG_CON_DUOC_AP_DUNG": "BAI_BO_TOAN_BO",
}
# Handlings that put a document on list (d) "needing suspension, amendment, ... or a new one".
ACTION_HANDLINGS = frozenset(
    {
        "SUA_DOI_BO_SUNG",
        "THAY_THE",
        "BAI_BO_TOAN_BO",
        "BAI_BO_MOT_PHAN",
        "BAN_HANH_MOI",
        "TAM_NGUNG_HIEU_LUC",
        "CONG_BO_HET_HIEU_LUC",
        "DINH_CHI_THI_HANH",
    }
)
HANDLING_STATUSES: dict[str, str] = {
    "not_needed": "Không cần xử lý",
    "pending": "Chưa xử lý",
    "in_progress": "Đang xử lý",
    "done": "Đã xử lý",
}
