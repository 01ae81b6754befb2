"""Effect as of a date, checked by hand on small histories (pure function, no database)."""

from __future__ import annotations

from datetime import date

from services.legal import vocab
from services.legal.effect import EffectEvent, effect_as_of, split_articles, status_note

EFFECTIVE = date(2021, 2, 1)


def test_before_its_effective_date_a_document_is_not_yet_in_force():
    effect = effect_as_of(EFFECTIVE, [], date(2021, 1, 31))
    assert effect.status == vocab.CHUA_CO_HIEU_LUC
    assert not effect.in_force
    assert effect_as_of(EFFECTIVE, [], EFFECTIVE).status == vocab.CON_HIEU_LUC


def test_partial_expiry_keeps_the_document_in_force_without_the_articles():
    repeal = EffectEvent(
        "repealed", date(2024, 1, 1), scope="part", articles=("Điều 3", "Khoản 2 Điều 5")
    )
    before = effect_as_of(EFFECTIVE, [repeal], date(2023, 12, 31))
    after = effect_as_of(EFFECTIVE, [repeal], date(2024, 1, 1))
    assert before.status == vocab.CON_HIEU_LUC
    assert after.status == vocab.HET_HIEU_LUC_MOT_PHAN
    assert after.in_force
    assert after.expired_articles == ("Điều 3", "Khoản 2 Điều 5")
    assert status_note(after) == "Hết hiệu lực một phần: Điều 3; Khoản 2 Điều 5"


def test_suspension_then_restoration_in_whole():
    events = [
        EffectEvent("restored", date(2023, 9, 1), order=2),
        EffectEvent("suspended", date(2023, 3, 1), order=1),
    ]
    expected = {
        date(2023, 2, 28): vocab.CON_HIEU_LUC,
        date(2023, 3, 1): vocab.TAM_NGUNG_TOAN_BO,
        date(2023, 8, 31): vocab.TAM_NGUNG_TOAN_BO,
        date(2023, 9, 1): vocab.CON_HIEU_LUC,
    }
    for on, status in expected.items():
        assert effect_as_of(EFFECTIVE, events, on).status == status, on
    assert not effect_as_of(EFFECTIVE, events, date(2023, 5, 1)).in_force


def test_partial_suspension_restored_article_by_article_ignoring_case_and_accents():
    events = [
        EffectEvent("suspended", date(2023, 3, 1), scope="part", articles=("Điều 4", "Điều 6")),
        EffectEvent("restored", date(2023, 6, 1), scope="part", articles=("điều 4",)),
    ]
    mid = effect_as_of(EFFECTIVE, events, date(2023, 4, 1))
    assert mid.status == vocab.TAM_NGUNG_MOT_PHAN
    assert mid.suspended_articles == ("Điều 4", "Điều 6")
    late = effect_as_of(EFFECTIVE, events, date(2023, 6, 1))
    assert late.status == vocab.TAM_NGUNG_MOT_PHAN
    assert late.suspended_articles == ("Điều 6",)


def test_replacement_ends_the_old_document_on_the_day_the_new_one_takes_effect():
    old = [EffectEvent("replaced", date(2025, 7, 1), by_label="Quyết định số 12/2025/QĐ-UBND")]
    assert effect_as_of(date(2020, 3, 20), old, date(2025, 6, 30)).status == vocab.CON_HIEU_LUC
    ended = effect_as_of(date(2020, 3, 20), old, date(2025, 7, 1))
    assert ended.status == vocab.HET_HIEU_LUC_TOAN_BO
    assert ended.cause is not None and ended.cause.by_label.endswith("12/2025/QĐ-UBND")
    # The replacing document is not yet in force the day before.
    assert effect_as_of(date(2025, 7, 1), [], date(2025, 6, 30)).status == vocab.CHUA_CO_HIEU_LUC


def test_expiry_in_whole_is_final_and_an_expired_article_is_no_longer_suspended():
    events = [
        EffectEvent("suspended", date(2023, 1, 1), scope="part", articles=("Điều 2",)),
        EffectEvent("repealed", date(2023, 2, 1), scope="part", articles=("Điều 2",)),
        EffectEvent("term_ended", date(2024, 12, 31)),
        EffectEvent("restored", date(2025, 1, 1)),
    ]
    partial = effect_as_of(EFFECTIVE, events, date(2023, 6, 1))
    assert partial.status == vocab.HET_HIEU_LUC_MOT_PHAN
    assert partial.suspended_articles == ()
    assert effect_as_of(EFFECTIVE, events, date(2025, 6, 1)).status == vocab.HET_HIEU_LUC_TOAN_BO


def test_suspension_labels_follow_the_regime_of_the_date():
    assert vocab.status_label(vocab.TAM_NGUNG_TOAN_BO, date(2023, 3, 1)) == "Ngưng hiệu lực toàn bộ"
    assert (
        vocab.status_label(vocab.TAM_NGUNG_TOAN_BO, date(2025, 4, 1))
        == "Tạm ngưng hiệu lực toàn bộ"
    )


def test_articles_are_split_on_lines_and_semicolons():
    assert split_articles("Điều 3;  Khoản 2   Điều 5\n\n") == ("Điều 3", "Khoản 2 Điều 5")
