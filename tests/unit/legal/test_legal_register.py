"""The register on a real database: in force on a date, validation, dependency flagging."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import ValidationError
from services.legal.dto import DocumentDraft, EventDraft


def _symbols(docs):
    return sorted(d.number_symbol for d in docs)


def test_which_documents_were_in_force_on_a_date(empty_services, register):
    legal = empty_services.legal
    assert _symbols(legal.in_force_on(date(2023, 5, 1))) == [
        "01/2020/QĐ-UBND",
        "02/2021/NQ-HĐND",
    ]  # QĐ 05/2022 suspended
    assert _symbols(legal.in_force_on(date(2024, 6, 1))) == [
        "01/2020/QĐ-UBND",
        "02/2021/NQ-HĐND",
        "05/2022/QĐ-UBND",
    ]
    assert _symbols(legal.in_force_on(date(2025, 7, 1))) == [
        "02/2021/NQ-HĐND",
        "05/2022/QĐ-UBND",
        "12/2025/QĐ-UBND",
    ]


def test_replaced_document_shows_who_replaced_it(empty_services, register):
    doc = empty_services.legal.document(register.qd_01.id)
    (event,) = doc.events
    assert event.describe() == "Bị thay thế bởi Quyết định số 12/2025/QĐ-UBND"
    assert doc.effect(date(2025, 7, 1)).status == "HET_HIEU_LUC_TOAN_BO"


def test_change_to_a_higher_level_law_flags_every_ward_document_based_on_it(
    empty_services, register
):
    legal, reviews = empty_services.legal, empty_services.legal_reviews
    untouched = legal.document(register.qd_05.id).open_reviews
    outcome = legal.record_event(
        EventDraft(
            register.luat_2015.id,
            "replaced",
            date(2025, 4, 1),
            by_document_id=register.luat_2025.id,
        ),
        today=date(2025, 4, 3),
    )
    # QĐ 01/2020 and NQ 02/2021 are based on Luật 80/2015; QĐ 05/2022 is not.
    assert _symbols(outcome.flagged) == ["01/2020/QĐ-UBND", "02/2021/NQ-HĐND"]
    assert all(d.needs_review for d in outcome.flagged)
    assert legal.document(register.qd_05.id).open_reviews == untouched
    (review,) = reviews.reviews(document_id=register.qd_01.id, open_only=True)
    assert review.trigger_type == "VBQPPL_HIEU_LUC_CAO_HON"
    assert review.trigger_label == "Luật số 80/2015/QH13"
    assert review.trigger_text == (
        "Luật số 80/2015/QH13: Bị thay thế bởi Luật số 64/2025/QH15, từ ngày 01/04/2025."
    )
    # Typed on 03/04, the duty dates from the day the new law took effect.
    assert review.flagged_on == date(2025, 4, 1)


def test_document_already_ended_before_the_change_is_not_flagged(empty_services, register):
    legal = empty_services.legal
    outcome = legal.record_event(
        EventDraft(register.nd_34.id, "replaced", date(2025, 8, 1), by_text="Nghị định mới"),
        today=date(2025, 8, 1),
    )
    assert outcome.flagged == ()  # QĐ 01/2020 was replaced on 01/07/2025


def test_amending_a_ward_document_flags_it_and_its_dependents(empty_services, register):
    legal = empty_services.legal
    child = legal.create_document(
        DocumentDraft(
            "Quyết định",
            "07/2023/QĐ-UBND",
            date(2023, 2, 1),
            "ubnd",
            "Hướng dẫn thực hiện Quyết định 05/2022",
            effective_on=date(2023, 2, 10),
            field="Đất đai",
            basis_ids=(register.qd_05.id,),
        )
    )
    outcome = legal.record_event(
        EventDraft(
            register.qd_05.id,
            "amended",
            date(2024, 5, 1),
            scope="part",
            articles="Điều 7",
            by_text="Quyết định số 02/2024/QĐ-UBND",
        ),
        today=date(2024, 5, 2),
    )
    assert {d.id for d in outcome.flagged} == {register.qd_05.id, child.id}
    own = empty_services.legal_reviews.reviews(document_id=register.qd_05.id, open_only=True)
    assert own[0].trigger_type == "VBQPPL_CUNG_CO_QUAN_BAN_HANH"


def test_document_validation_names_every_field_in_vietnamese(empty_services, register):
    draft = DocumentDraft(
        "Quyết định",
        "5-2024 QĐ",
        None,
        "xyz",
        "",
        effective_on=date(2024, 1, 1),
        basis_ids=(register.luat_2025.id,),
    )
    with pytest.raises(ValidationError) as info:
        empty_services.legal.create_document(draft)
    where = [p.where for p in info.value.problems]
    assert where == ["Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"]
    assert "ví dụ 05/2024/QĐ-UBND" in info.value.message


def test_basis_issued_later_and_duplicates_are_refused(empty_services, register):
    legal = empty_services.legal
    later = DocumentDraft(
        "Quyết định",
        "03/2024/QĐ-UBND",
        date(2024, 3, 1),
        "ubnd",
        "Thử",
        basis_ids=(register.luat_2025.id,),
    )
    with pytest.raises(ValidationError, match="ban hành ngày 19/02/2025, sau văn bản này"):
        legal.create_document(later)
    year = DocumentDraft("Quyết định", "03/2023/QĐ-UBND", date(2024, 3, 1), "ubnd", "Thử")
    with pytest.raises(ValidationError, match=r"năm trong số, ký hiệu \(2023\) khác năm ban hành"):
        legal.create_document(year)
    wrong = DocumentDraft("Nghị quyết", "03/2024/QĐ-UBND", date(2024, 3, 1), "ubnd", "Thử")
    with pytest.raises(
        ValidationError,
        match="UBND xã ban hành Quyết định hoặc Chỉ thị, không ban hành Nghị quyết",
    ):
        legal.create_document(wrong)
    dup = register.qd_05.draft()
    with pytest.raises(ValidationError, match="Quyết định số 05/2022/QĐ-UBND đã có trong sổ"):
        legal.create_document(dup)


def test_event_validation(empty_services, register):
    legal = empty_services.legal
    with pytest.raises(ValidationError) as info:
        legal.record_event(
            EventDraft(register.nq_02.id, "suspended", date(2022, 1, 1), scope="part")
        )
    assert [p.where for p in info.value.problems] == ["Điều, khoản", "Văn bản tác động"]
    with pytest.raises(ValidationError, match="đã hết hiệu lực toàn bộ từ 01/07/2025"):
        legal.record_event(EventDraft(register.qd_01.id, "amended", date(2025, 8, 1)))
    with pytest.raises(ValidationError, match="không bị tạm ngưng"):
        legal.record_event(EventDraft(register.nq_02.id, "restored", date(2024, 2, 1)))


def test_search_ignores_accents_and_a_basis_cannot_be_deleted(empty_services, register):
    legal = empty_services.legal
    assert _symbols(legal.search("to dan pho")) == ["02/2021/NQ-HĐND"]
    assert _symbols(legal.search("QUY CHE phoi hop")) == ["01/2020/QĐ-UBND", "12/2025/QĐ-UBND"]
    with pytest.raises(ValidationError, match="đang là căn cứ của 2 văn bản"):
        legal.delete_document(register.luat_2015.id)


def test_deleting_a_mistaken_event_withdraws_the_reviews_it_opened(empty_services, register):
    legal = empty_services.legal
    outcome = legal.record_event(
        EventDraft(register.luat_2015.id, "replaced", date(2025, 4, 1), by_text="Luật mới"),
        today=date(2025, 4, 3),
    )
    assert len(outcome.flagged) == 2
    assert legal.delete_event(outcome.event.id) == 2
    assert legal.document(register.luat_2015.id).events == ()
    assert legal.document(register.qd_01.id).open_reviews == 0
