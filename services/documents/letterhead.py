"""What every official document of the ward takes from the organisation profile: the body's
name in running text, the signature block, the archive line and the annex reference line.

Plans, reports, legal-list decisions, disclosure notices, score reports and evidence indexes
all set these up the same way (Decree 30/2020, Phụ lục I–II), so they live here once.
"""

from __future__ import annotations

from services.documents.model import Header, Signature
from services.office.organisation import OrganisationProfile
from services.text import decree_day, decree_month

_BLANK_NUMBER = "\u00a0" * 6
_BLANK_DAY = "\u00a0" * 4


def body_name(org: OrganisationProfile) -> str:
    """ "ỦY BAN NHÂN DÂN" + "PHƯỜNG DỊ SỬ" -> "Ủy ban nhân dân phường Dị Sử" (Phụ lục II)."""
    words = org.body_line2.split()
    if not words:
        return "Ủy ban nhân dân"
    rest = " ".join(w[:1].upper() + w[1:].lower() for w in words[1:])
    return f"Ủy ban nhân dân {words[0].lower()} {rest}".strip()


def signature_of(org: OrganisationProfile) -> Signature:
    """The signer of the body's documents (TM./KT. authority, title, name) from the profile."""
    return Signature(org.sign_authority, org.signer_title, org.signer_name, org.sign_deputy)


def archive_of(org: OrganisationProfile) -> str:
    """The "Lưu:" line: the records office (VT) and the units the profile names."""
    return f"VT, {org.archive_units}" if org.archive_units else "VT"


def annex_reference(header: Header, issuer: str, kind: str) -> str:
    """ "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 02 năm 2025 của …)"; what the records
    office fills in after signing (number, day, month) is left blank until it is known."""
    number = header.number or _BLANK_NUMBER
    day = decree_day(header.day) if header.day else _BLANK_DAY
    month = decree_month(header.month) if header.month else _BLANK_DAY
    return (
        f"(Kèm theo {kind} số {number}/{header.symbol} ngày {day} tháng {month} "
        f"năm {header.year} của {issuer})"
    )
