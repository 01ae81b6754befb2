"""What the clerk chose in the Báo cáo area, frozen: the one source of preview, save and print.

Preview, "Lưu PDF", "Lưu bản Word" and "In" are all produced from one ``DocumentRequest``;
the bytes on screen carry the request they were made from, and are written or printed only
while it is still the clerk's choice. So a plan previewed before switching to the Q3 report
can never be saved under the report's name.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND_PLAN, KIND_REPORT = "plan", "report"


@dataclass(frozen=True)
class DocumentRequest:
    kind: str  # KIND_PLAN | KIND_REPORT
    year: int
    period: str = ""  # report period code (Q3, H1, …); "" for the plan
    draft: bool = False
    revision: int = 0  # bumped when the content changed without a new choice (number, text)
    annex: bool = False  # the plan's "Phụ lục: Bảng phân công nhiệm vụ"

    @classmethod
    def of(
        cls,
        kind: str,
        year: int,
        period: str,
        draft: bool,
        revision: int = 0,
        *,
        annex: bool = True,
    ):
        """The request for a choice; a plan has no period and a report no assignment annex,
        so changing those changes nothing."""
        report = kind == KIND_REPORT
        return cls(kind, year, period if report else "", draft, revision, annex and not report)

    def file_name(self, suffix: str) -> str:
        stem = (
            f"ke-hoach-{self.year}"
            if self.kind == KIND_PLAN
            else (f"bao-cao-{self.year}-{self.period}")
        )
        return f"{stem}{'-du-thao' if self.draft else ''}{suffix}"
