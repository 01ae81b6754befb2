"""The legal-review rules are dated data that the program really reads (issue 14.1, 14.2).

A clerk's story: the deadline of the yearly list, the 5-year cycle and the lists' wording come
from ``resources/legal/rules.yaml``; a changed value there changes what the program computes,
and a 2024 list, a 2025 list and a 2026 decision each follow the rules of their own date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from services.documents.render import document_pdf
from services.legal import rules as legal_rules
from services.legal.decisions import publication_decision
from services.legal.lists import annual_list, needing_action_list
from services.legal.rules import RULES_FILE, load_rules
from services.legal.systematisation import SystematisationService, next_cycle
from services.office.organisation import OrganisationProfile
from tests.unit.legal.test_legal_pdf import page_texts

XA = OrganisationProfile(
    body_line2="XÃ TÂN HÒA", place_name="Tân Hòa", signer_name="Nguyễn Văn A", unit_level="xã"
)


def _edited(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    edit(data["rules"])
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_rules_give_31_january_and_the_2024_2028_cycle():
    assert legal_rules.annual_deadline(2025) == date(2026, 1, 31)
    assert next_cycle(date(2023, 12, 31)) == ("2024-2028", date(2024, 1, 1), date(2028, 12, 31))


def test_a_value_changed_in_the_data_changes_the_deadline_and_the_cycle(tmp_path, empty_services):
    def edit(rules):
        rules["annual_list_deadline"]["versions"][-1]["value"] = {"day": 15, "month": 1}
        rules["cycle_years"]["versions"][-1]["value"] = 4
        rules["previous_cutoff"]["versions"][-1]["value"] = "2025-12-31"

    changed = load_rules(_edited(tmp_path, edit))
    assert legal_rules.annual_deadline(2025, changed) == date(2026, 1, 15)
    # 2024's list is due in 2025 under NĐ 34's version, which was not edited.
    assert legal_rules.annual_deadline(2024, changed) == date(2025, 1, 31)
    service = SystematisationService(empty_services.database.session_factory, changed)
    assert service.annual_status(2025).deadline == date(2026, 1, 15)
    assert service.suggested_cycle(date(2026, 12, 1)) == (
        "2026-2029",
        date(2026, 1, 1),
        date(2029, 12, 31),
    )
    # The shipped file is untouched.
    assert empty_services.legal_cycles.annual_status(2025).deadline == date(2026, 1, 31)


def test_a_title_changed_in_the_data_is_the_title_printed(tmp_path, empty_services, register):
    def edit(rules):
        rules["lists"]["versions"][-1]["value"]["expired"]["title"] = "Danh mục thử nghiệm"

    changed = load_rules(_edited(tmp_path, edit))
    docs = empty_services.legal.documents(include_external=False)
    assert annual_list(docs, 2025, changed).title == "Danh mục thử nghiệm"
    assert annual_list(docs, 2025).title.startswith("Danh mục văn bản hết hiệu lực, tạm ngưng")


def test_each_year_s_list_keeps_the_wording_of_its_own_regime(empty_services, register):
    docs = empty_services.legal.documents(include_external=False)
    of_2024 = annual_list(docs, 2024)  # published in January 2025: NĐ 34/2016
    of_2025 = annual_list(docs, 2025)  # published in January 2026: NĐ 79/2025
    assert of_2024.title == "Danh mục văn bản hết hiệu lực, ngưng hiệu lực toàn bộ hoặc một phần"
    assert "tạm ngưng" in of_2025.title
    assert of_2025.columns[4].title == "Phạm vi hết hiệu lực, tạm ngưng hiệu lực"
    assert of_2024.rules[0].basis.document.startswith("Nghị định 34/2016")
    assert of_2025.rules[0].basis.document.startswith("Nghị định 79/2025")


def test_list_d_of_2026_does_not_say_dinh_chi_but_a_2024_list_does(empty_services, register):
    docs = empty_services.legal.documents(include_external=False)
    reviews = empty_services.legal_reviews.reviews()
    now = needing_action_list(docs, reviews, date(2026, 6, 30))
    words = " ".join([now.title, *(c.title for c in now.columns)]).lower()
    assert "đình chỉ" not in words
    assert now.title == (
        "Danh mục văn bản cần tạm ngưng hiệu lực, sửa đổi, bổ sung, thay thế, bãi bỏ hoặc "
        "ban hành mới"
    )
    old = needing_action_list(docs, reviews, date(2024, 12, 31))
    assert "đình chỉ thi hành" in old.title


@pytest.mark.parametrize(
    ("signed", "proposer", "absent"),
    [
        (
            date(2026, 1, 12),
            "Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã.",
            "công chức làm công tác tư pháp",
        ),
        (
            date(2025, 2, 3),
            "Theo đề nghị của công chức làm công tác tư pháp xã.",
            "Nghị định số 79/2025",
        ),
    ],
)
def test_the_decision_s_proposer_follows_the_signing_date(
    empty_services, register, signed, proposer, absent
):
    docs = empty_services.legal.documents(include_external=False)
    document = publication_decision(
        annual_list(docs, 2024), XA, today=signed, period_text="năm 2024"
    )
    text = " ".join(page_texts(document_pdf(document)[0]))
    assert proposer in text
    assert absent not in text


def test_every_rule_version_names_its_basis_and_says_whether_it_is_verified():
    shipped = load_rules()
    keys = ("annual_list_deadline", "cycle_years", "previous_cutoff", "decision_bases")
    for key in (*keys, "proposer", "lead_unit", "lists"):
        for rule in shipped.versions(key):
            assert rule.basis.document, key
            shown = rule.explain()
            assert rule.basis.cite() in shown
            assert ("CẦN KIỂM TRA LẠI" in shown) is rule.to_verify
    # The annual deadline under NĐ 79/2025 has no article found: it says so.
    assert shipped.rule("annual_list_deadline", date(2026, 1, 1)).to_verify


def test_the_review_form_s_columns_come_from_the_data(tmp_path):
    from services.legal.review_form import form_spec

    def edit(rules):
        rules["review_form"]["versions"][-1]["value"]["columns"][3]["title"] = "Ý kiến (thử)"

    title, columns, rule = form_spec(date(2026, 3, 1), load_rules(_edited(tmp_path, edit)))
    assert title == "PHIẾU RÀ SOÁT VĂN BẢN" and columns[3].title == "Ý kiến (thử)"
    assert rule.to_verify
    assert form_spec(date(2026, 3, 1))[1][3].title == "Ý kiến rà soát"
