"""A small hand-made legal register shared by the unit and UI tests: two laws replaced in 2025, a provincial decision, ward documents.

Hand-checked facts the tests rely on:
- QĐ 01/2020 (Tư pháp) is replaced by QĐ 12/2025 from 01/07/2025.
- NQ 02/2021 (Tài chính) loses Điều 3 and Khoản 2 Điều 5 from 01/01/2024 (repealed in part).
- QĐ 05/2022 (Đất đai) is suspended in whole from 01/03/2023 and restored from 01/09/2023.
- QĐ 12/2025 is not yet in force before 01/07/2025.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.legal.dto import DocumentDraft, DocumentRow, EventDraft


@dataclass
class Register:
    luat_2015: DocumentRow
    luat_2025: DocumentRow
    nd_34: DocumentRow
    nd_79: DocumentRow
    qd_tinh: DocumentRow
    qd_01: DocumentRow
    nq_02: DocumentRow
    qd_05: DocumentRow
    qd_12: DocumentRow


def _doc(legal, doc_type, symbol, issued, effective, issuer, summary, field="", bases=(), name=""):
    return legal.create_document(
        DocumentDraft(
            doc_type=doc_type,
            number_symbol=symbol,
            issued_on=issued,
            effective_on=effective,
            issuer=issuer,
            issuer_name=name,
            summary=summary,
            field=field,
            basis_ids=tuple(b.id for b in bases),
        )
    )


def build_register(legal) -> Register:
    luat_2015 = _doc(
        legal,
        "Luật",
        "80/2015/QH13",
        date(2015, 6, 22),
        date(2016, 7, 1),
        "external",
        "Ban hành văn bản quy phạm pháp luật",
        "Tư pháp",
        name="Quốc hội",
    )
    luat_2025 = _doc(
        legal,
        "Luật",
        "64/2025/QH15",
        date(2025, 2, 19),
        date(2025, 4, 1),
        "external",
        "Ban hành văn bản quy phạm pháp luật",
        "Tư pháp",
        name="Quốc hội",
    )
    nd_34 = _doc(
        legal,
        "Nghị định",
        "34/2016/NĐ-CP",
        date(2016, 5, 14),
        date(2016, 7, 1),
        "external",
        "Quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành "
        "văn bản quy phạm pháp luật",
        "Tư pháp",
        name="Chính phủ",
    )
    nd_79 = _doc(
        legal,
        "Nghị định",
        "79/2025/NĐ-CP",
        date(2025, 4, 1),
        date(2025, 4, 1),
        "external",
        "Kiểm tra, rà soát, hệ thống hóa và xử lý văn bản quy phạm pháp luật",
        "Tư pháp",
        name="Chính phủ",
    )
    qd_tinh = _doc(
        legal,
        "Quyết định",
        "20/2020/QĐ-UBND",
        date(2020, 8, 1),
        date(2020, 8, 15),
        "external",
        "Bảng giá đất giai đoạn 2020–2024",
        "Đất đai",
        name="UBND tỉnh Hải Dương",
    )
    qd_01 = _doc(
        legal,
        "Quyết định",
        "01/2020/QĐ-UBND",
        date(2020, 3, 10),
        date(2020, 3, 20),
        "ubnd",
        "Quy chế phối hợp rà soát văn bản trên địa bàn phường",
        "Tư pháp",
        bases=(luat_2015, nd_34),
    )
    nq_02 = _doc(
        legal,
        "Nghị quyết",
        "02/2021/NQ-HĐND",
        date(2021, 1, 15),
        date(2021, 2, 1),
        "hdnd",
        "Mức chi hỗ trợ hoạt động tổ dân phố",
        "Tài chính",
        bases=(luat_2015,),
    )
    qd_05 = _doc(
        legal,
        "Quyết định",
        "05/2022/QĐ-UBND",
        date(2022, 6, 1),
        date(2022, 6, 15),
        "ubnd",
        "Quản lý trật tự xây dựng, đất đai trên địa bàn phường",
        "Đất đai",
        bases=(qd_tinh,),
    )
    qd_12 = _doc(
        legal,
        "Quyết định",
        "12/2025/QĐ-UBND",
        date(2025, 6, 15),
        date(2025, 7, 1),
        "ubnd",
        "Quy chế phối hợp rà soát, hệ thống hóa văn bản trên địa bàn phường",
        "Tư pháp",
        bases=(luat_2025, nd_79),
    )
    # The history of the ward's documents (the laws' own replacement is recorded by the tests).
    legal.record_event(
        EventDraft(
            nq_02.id,
            "repealed",
            date(2024, 1, 1),
            scope="part",
            articles="Điều 3\nKhoản 2 Điều 5",
            by_text="Nghị quyết số 09/2023/NQ-HĐND",
        ),
        today=date(2024, 1, 2),
    )
    legal.record_event(
        EventDraft(
            qd_05.id,
            "suspended",
            date(2023, 3, 1),
            by_text="Quyết định số 88/QĐ-UBND của UBND tỉnh",
        ),
        today=date(2023, 3, 2),
    )
    legal.record_event(
        EventDraft(
            qd_05.id,
            "restored",
            date(2023, 9, 1),
            by_text="Quyết định số 140/QĐ-UBND của UBND tỉnh",
        ),
        today=date(2023, 9, 2),
    )
    legal.record_event(
        EventDraft(qd_01.id, "replaced", date(2025, 7, 1), by_document_id=qd_12.id),
        today=date(2025, 7, 2),
    )
    return Register(luat_2015, luat_2025, nd_34, nd_79, qd_tinh, qd_01, nq_02, qd_05, qd_12)
