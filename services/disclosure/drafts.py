"""What the clerk edits about a disclosure and its postings, and how that input is checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.disclosure.checklist import ChecklistItem
from services.disclosure.vocab import FORMS, PER_GROUP_FORMS
from services.errors import Problem


@dataclass(frozen=True)
class DisclosureDraft:
    item_code: str
    year: int
    period: str = ""
    title: str = ""
    budget_year: int | None = None
    trigger_document: str = ""
    trigger_date: date | None = None
    responsible: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PostingDraft:
    disclosure_id: int
    form: str
    posted_on: date | None
    group_id: int | None = None
    taken_down_on: date | None = None
    place: str = ""
    evidence_note: str = ""
    evidence_path: str = ""


def validate_disclosure(draft: DisclosureDraft, item: ChecklistItem | None) -> list[Problem]:
    problems = []
    if item is None:
        problems.append(Problem("Nội dung công khai", f"không có mục “{draft.item_code}”."))
    if not 2000 <= draft.year <= 2100:
        problems.append(Problem("Năm", f"{draft.year} không hợp lệ."))
    if draft.budget_year is not None and not 2000 <= draft.budget_year <= 2100:
        problems.append(Problem("Năm ngân sách", f"{draft.budget_year} không hợp lệ."))
    if draft.trigger_date and abs(draft.trigger_date.year - draft.year) > 1:
        problems.append(
            Problem(
                "Ngày văn bản căn cứ",
                f"{draft.trigger_date:%d/%m/%Y} quá xa năm kế hoạch {draft.year}.",
            )
        )
    return problems


def validate_posting(
    draft: PostingDraft, trigger: date | None, groups: dict[int, str], today: date
) -> list[Problem]:
    """Every problem of a posting, each naming its field in Vietnamese."""
    problems = []
    if draft.form not in FORMS:
        problems.append(Problem("Hình thức", f"“{draft.form}” không hợp lệ."))
    if draft.form in PER_GROUP_FORMS and groups and draft.group_id is None:
        problems.append(Problem("Thôn, tổ dân phố", "hãy chọn nơi niêm yết, thông báo."))
    if draft.group_id is not None:
        if draft.group_id not in groups:
            problems.append(Problem("Thôn, tổ dân phố", "không có trong danh sách."))
        elif draft.form not in PER_GROUP_FORMS:
            problems.append(
                Problem(
                    "Thôn, tổ dân phố", "chỉ chọn khi niêm yết, thông báo tại thôn, tổ dân phố."
                )
            )
    posted, down = draft.posted_on, draft.taken_down_on
    if posted is None:
        problems.append(Problem("Ngày công khai", "không được để trống."))
    else:
        if posted > today:
            problems.append(
                Problem("Ngày công khai", f"{posted:%d/%m/%Y} chưa đến (hôm nay {today:%d/%m/%Y}).")
            )
        if trigger and posted < trigger:
            problems.append(
                Problem(
                    "Ngày công khai",
                    f"{posted:%d/%m/%Y} trước ngày văn bản căn cứ {trigger:%d/%m/%Y}.",
                )
            )
        if down and down < posted:
            problems.append(
                Problem("Ngày gỡ", f"{down:%d/%m/%Y} trước ngày công khai {posted:%d/%m/%Y}.")
            )
    if down and down > today:
        problems.append(Problem("Ngày gỡ", f"{down:%d/%m/%Y} chưa đến; để trống nếu còn niêm yết."))
    return problems
