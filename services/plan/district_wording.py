"""Text that still names the district level (huyện, thị xã, quận) or a "thị trấn".

Why: since 01/07/2025 local government has two levels (Luật Tổ chức chính quyền địa phương
72/2025/QH15): there is no district between the province and the commune, and the thị trấn
became xã or phường. A plan rolled over from 2025 still says "kế hoạch của thị xã", "Phòng Nội
vụ thị xã", "UBND các xã, phường, thị trấn". Before next year's plan is saved the clerk is shown
each such passage with a suggested rewording (the province's departments named directly) and
chooses what to apply; nothing is rewritten silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Vietnamese capitals, for the proper name after "huyện", "thị xã"… ("thị xã Mỹ Hào").
_UPPER = "".join(
    chr(c)
    for c in range(0x41, 0x1EFA)
    if chr(c).isupper() and "LATIN" in unicodedata.name(chr(c), "")
)
_NAME = rf"(?:\s+[{_UPPER}][^\s,.;:()]*)*"
_DISTRICT = r"(?:huyện|thị xã|quận)"

# District offices and the provincial department that now does their work (2025 structure).
_DEPARTMENTS = (
    (r"nội vụ|lao động\s*[-–]\s*thương binh và xã hội", "Sở Nội vụ"),
    (r"tư pháp", "Sở Tư pháp"),
    (r"tài chính(?:\s*[-–]\s*kế hoạch)?", "Sở Tài chính"),
    (
        r"tài nguyên và môi trường|nông nghiệp và phát triển nông thôn|nông nghiệp và môi trường",
        "Sở Nông nghiệp và Môi trường",
    ),
    (
        r"văn hóa(?:\s*[-–]\s*|\s+và\s+)thông tin|văn hóa và thể thao",
        "Sở Văn hóa, Thể thao và Du lịch",
    ),
    (r"giáo dục và đào tạo", "Sở Giáo dục và Đào tạo"),
    (r"y tế", "Sở Y tế"),
    (r"kinh tế\s*[-–]\s*hạ tầng|quản lý đô thị|kinh tế", "Sở Xây dựng"),
)


def _department(match: re.Match) -> str:
    name = " ".join(match.group("dept").split())
    for pattern, department in _DEPARTMENTS:
        if re.fullmatch(pattern, name, re.IGNORECASE):
            return department
    return f"Sở {name}"


def _province_body(match: re.Match) -> str:
    return f"{match.group(1)} tỉnh"


def _party(match: re.Match) -> str:
    return "Tỉnh ủy"


# (pattern, replacement) in order; each replacement names the province level directly.
_RULES: tuple[tuple[re.Pattern, object], ...] = (
    (
        re.compile(rf"(Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+{_DISTRICT}{_NAME}"),
        _province_body,
    ),
    (re.compile(r"\b(?:Huyện|Thị|Quận) ủy\b"), _party),
    (
        re.compile(rf"Phòng\s+(?P<dept>[^,.;()]+?)\s+(?:của\s+)?{_DISTRICT}{_NAME}"),
        _department,
    ),
    (re.compile(r"\bcấp (?:huyện|quận)\b"), "cấp tỉnh"),
    (re.compile(rf",\s*(?:của\s+)?{_DISTRICT}{_NAME}(?=\s*,)"), ""),
    (re.compile(rf"\b(của|trên địa bàn)\s+{_DISTRICT}{_NAME}"), r"\1 tỉnh"),
    (re.compile(r",\s*thị trấn\b"), ""),
)
_LEFT = re.compile(r"\b(?:huyện|thị xã|quận|thị trấn|Huyện|Thị xã|Quận|Thị trấn)\b")


def suggest(text: str) -> str:
    """``text`` with every district-level name reworded for the two-level government."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def mentions_district(text: str) -> bool:
    return bool(_LEFT.search(text)) or any(p.search(text) for p, _r in _RULES[:2])


@dataclass(frozen=True)
class Finding:
    """One passage to show: where it is, what it says, and what we suggest instead."""

    key: tuple[str, int | str]  # ("plan", "opening") | ("section", id) | ("task", id)
    where: str  # "Mục III.2", "Nhiệm vụ 1.a", "Phần mở đầu"
    text: str
    suggestion: str

    @property
    def manual(self) -> bool:
        """No automatic rewording covers it ("thị trấn Bần"): the clerk must edit by hand."""
        return _LEFT.search(self.suggestion) is not None


def find(key: tuple[str, int | str], where: str, text: str) -> Finding | None:
    if not text or not mentions_district(text):
        return None
    return Finding(key, where, text, suggest(text))
