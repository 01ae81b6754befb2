"""The hand-made register of ``tests.legal_sample`` grown for printing: a recorded review that
puts NQ 02/2021 on list (d), 30 more decisions in force (so list (c) runs over several
landscape pages), and the 2024–2028 cycle.

Hand-checked facts the PDF tests rely on:
- the 2025 yearly list holds, in order: QĐ 01/2020 (replaced 01/07/2025), NQ 02/2021 (Điều 3
  and Khoản 2 Điều 5 repealed 01/01/2024), QĐ 05/2022 (suspended 01/03/2023, never published);
  no ward document expired in 2022 or before, so 2022 has no list;
- list (c) of the cycle holds 33 documents: QĐ 05/2022 (Đất đai), NQ 02/2021 (Tài chính), the
  30 extra decisions (Văn hóa – xã hội, numbered 31/2024 … 60/2024), QĐ 12/2025 (Tư pháp).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.legal.dto import DocumentDraft, EventDraft
from services.legal.reviews import FindingDraft, ReviewResult
from tests.legal_sample import Register, build_register

EXTRA = 30


@dataclass
class World:
    register: Register
    cycle_id: int
    review_id: int


def build_world(services) -> World:
    register = build_register(services.legal)
    legal = services.legal
    for n in range(EXTRA):
        legal.create_document(
            DocumentDraft(
                doc_type="Quyết định",
                number_symbol=f"{31 + n}/2024/QĐ-UBND",
                issued_on=date(2024, 3, 1 + n % 28),
                effective_on=date(2024, 4, 1),
                issuer="ubnd",
                summary=f"Quy định số {n + 1} về nếp sống văn minh tại tổ dân phố",
                field="Văn hóa – xã hội",
            )
        )
    legal.record_event(
        EventDraft(
            register.luat_2015.id,
            "replaced",
            date(2025, 4, 1),
            by_document_id=register.luat_2025.id,
        ),
        today=date(2025, 4, 3),
    )
    (review,) = [
        r
        for r in services.legal_reviews.reviews(document_id=register.nq_02.id, open_only=True)
        if r.trigger_label == "Luật số 80/2015/QH13"
    ]
    done = services.legal_reviews.record_result(
        review.id,
        ReviewResult(
            reviewed_on=date(2025, 4, 20),
            reviewer="Nguyễn Thị Lan",
            finding="MAU_THUAN_CHONG_CHEO",
            scope="part",
            findings=(
                FindingDraft(
                    "Điều 4",
                    "MAU_THUAN_CHONG_CHEO",
                    "Điều 12 Luật 64/2025/QH15",
                    "SUA_DOI_BO_SUNG",
                ),
            ),
            handling="SUA_DOI_BO_SUNG",
            handling_content="Sửa Điều 4 về thẩm quyền",
            handling_deadline=date(2025, 9, 30),
            lead_unit="Công chức Tư pháp – Hộ tịch",
        ),
    )
    cycle = services.legal_cycles.create_cycle(
        "2024-2028", date(2024, 1, 1), date(2028, 12, 31), "số 05/KH-UBND ngày 10/01/2024"
    )
    return World(register, cycle.id, done.id)
