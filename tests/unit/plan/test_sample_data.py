"""The built-in sample is the ward's real plan, line for line, in the same order."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from services.plan.sample_data import read_sample

PLAN_TEXT = Path(__file__).resolve().parents[4] / "shared" / "sample-plan" / "ke-hoach-2025.txt"
LABEL = re.compile(r"^(?:-|\d+\.|[a-zđ]\)|[IVX]+\.)\s*")
# Lines that are layout, not content: the structured fields of the resource hold them.
LAYOUT = {"Số: /KH-UBND", "Dị Sử, ngày tháng 12 năm 2024", "KẾ HOẠCH", "Nơi nhận:"}


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, v in node.items() if key != "notes" for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _body_lines() -> list[str]:
    if not PLAN_TEXT.exists():
        pytest.skip("the shared sample plan text is not beside this checkout")
    lines = []
    for raw in PLAN_TEXT.read_text(encoding="utf-8").splitlines():
        line = unicodedata.normalize("NFC", raw.strip())
        if line and line not in LAYOUT and not line.startswith("**") and not line.endswith("**"):
            lines.append(line)
    return lines


def _document_order(plan: dict) -> list[str]:
    """The resource's plan strings in the order the document prints them."""
    return [
        plan["summary"],
        *plan["opening"],
        *_strings(plan["sections"]),
        *plan["closing"],
        *plan["recipients"],
    ]


def test_every_line_of_the_plan_text_is_in_the_resource_in_order():
    data = read_sample()
    haystack = "\n".join(_document_order(data["plan"]))
    # The signature block is structured; "KT.CHỦ TỊCH" is stored as "KT. CHỦ TỊCH".
    signature = {s.replace(" ", "") for s in _strings(data["organisation"])}
    position = 0
    for line in _body_lines():
        content = LABEL.sub("", line.removeprefix("- "), count=1)
        if content.replace(" ", "") in signature:
            continue
        found = haystack.find(content, position)
        assert found >= 0, f"missing or out of order: {line[:80]}"
        position = found


def test_resource_notes_record_the_slips_kept_as_written():
    notes = " ".join(read_sample()["notes"])
    for slip in ("cải các", "Phân đấu", "kip thời"):
        assert slip in notes


def test_new_database_holds_the_sample_plan_tree(services):
    plan = services.plans.plan_for_year(2025)
    assert plan is not None
    assert plan.summary.startswith("Khắc phục những tồn tại")
    assert plan.date_month == 12 and plan.date_year == 2024 and plan.date_day is None
    headings = [s.heading for s in services.plans.sections(plan.id)]
    assert headings[0] == "Phần I MỤC ĐÍCH, YÊU CẦU"
    assert "IV. TỔ CHỨC THỰC HIỆN" in headings
    assert headings.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") < headings.index(
        "IV. TỔ CHỨC THỰC HIỆN"
    )
    tasks = services.plans.tasks(plan.id)
    assert tasks[0].text.startswith("Tiếp tục phát huy những kết quả đạt được")
    assert tasks[-1].text.startswith("Truyền thanh phường: Bám sát")
    assert all(t.lead_code for t in tasks if t.actionable)
    org = services.organisation.get()
    assert (org.body_line2, org.signer_name) == ("PHƯỜNG DỊ SỬ", "Nguyễn Đức Thắng")


def test_default_deadlines_are_marked_as_defaults(services):
    plan = services.plans.plan_for_year(2025)
    dated = [t for t in services.plans.tasks(plan.id) if t.deadline]
    assert dated and all(t.deadline_is_default for t in dated)
