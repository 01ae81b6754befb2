"""The organisation profile (issuing body, signer, default recipients)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Organisation
from services.errors import Problem, ValidationError
from services.text import nfc

# The commune-level units of the two-level local government (Luật 72/2025/QH15 Đ2).
LEVELS = ("phường", "xã", "đặc khu")
RESIDENTIAL_UNITS = ("tổ dân phố", "thôn", "ấp", "bản", "buôn", "làng", "khóm", "sóc", "plei")


@dataclass(frozen=True)
class OrganisationProfile:
    body_line1: str = "ỦY BAN NHÂN DÂN"
    body_line2: str = ""
    parent_body: str = ""
    place_name: str = ""
    symbol_suffix: str = "UBND"
    sign_authority: str = "TM. ỦY BAN NHÂN DÂN"
    sign_deputy: str = ""
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    archive_units: str = "VP"
    default_recipients: tuple[str, ...] = ()
    unit_level: str = ""  # "phường" | "xã" | "đặc khu"; "" = read from body_line2
    residential_unit: str = ""  # "tổ dân phố" | "thôn" | "ấp" | "bản" …; "" = usual for level

    @property
    def level(self) -> str:
        """ "phường", "xã" or "đặc khu": how the unit's own bodies are named in running text.

        Taken from the profile; when it was never set, from the body's name ("PHƯỜNG DỊ SỬ"),
        and "xã" (the generic word of the law: "cấp xã") when neither says.
        """
        if self.unit_level.strip():
            return self.unit_level.strip().lower()
        name = " ".join(self.body_line2.lower().split())
        for word in LEVELS:
            if name.startswith(word + " ") or name == word:
                return word
        return "xã"

    @property
    def province(self) -> str:
        """ "tỉnh Hưng Yên" from the parent body "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" ("" if unsaid)."""
        text = " ".join(self.parent_body.split())
        for word in ("THÀNH PHỐ", "TỈNH"):
            at = text.upper().find(word + " ")
            if at >= 0:
                return f"{word.lower()} {text[at + len(word) + 1 :].title()}"
        return ""

    def department(self, name: str) -> str:
        """ "Sở Tư pháp tỉnh Hưng Yên": a provincial department named directly (no district
        level since 01/07/2025)."""
        return f"{name} {self.province}".strip()

    @property
    def resident_unit(self) -> str:
        """What the residential units are called: "tổ dân phố" in a phường, "thôn" in a xã."""
        if self.residential_unit.strip():
            return self.residential_unit.strip().lower()
        return "tổ dân phố" if self.level == "phường" else "thôn"

    @property
    def resident_unit_title(self) -> str:
        """ "Tổ dân phố", "Thôn": the word at the start of a label or heading."""
        unit = self.resident_unit
        return unit[:1].upper() + unit[1:]

    @property
    def resident_leader(self) -> str:
        """ "Tổ trưởng tổ dân phố", "Trưởng thôn" (Luật 10/2022 Đ12.1.d)."""
        unit = self.resident_unit
        return "Tổ trưởng tổ dân phố" if unit == "tổ dân phố" else f"Trưởng {unit}"

    def normalised(self) -> OrganisationProfile:
        values = {
            f.name: nfc(getattr(self, f.name))
            for f in fields(self)
            if f.name != "default_recipients"
        }
        recipients = tuple(r for r in (nfc(x) for x in self.default_recipients) if r)
        return replace(self, **values, default_recipients=recipients)

    def problems(self) -> list[Problem]:
        found = []
        required = {
            "body_line1": "Tên cơ quan (dòng 1)",
            "body_line2": "Tên cơ quan (dòng 2)",
            "place_name": "Địa danh",
            "symbol_suffix": "Chữ viết tắt cơ quan",
            "signer_title": "Chức vụ người ký",
        }
        for name, label in required.items():
            if not getattr(self, name):
                found.append(Problem(label, "không được để trống."))
        if self.unit_level.strip() and self.unit_level.strip().lower() not in LEVELS:
            found.append(Problem("Cấp đơn vị", "chọn phường, xã hoặc đặc khu."))
        if " " in self.symbol_suffix:
            found.append(Problem("Chữ viết tắt cơ quan", "không được có dấu cách (ví dụ: UBND)."))
        return found


_SCALARS = [f.name for f in fields(OrganisationProfile) if f.name != "default_recipients"]


def _to_profile(row: Organisation) -> OrganisationProfile:
    values = {name: getattr(row, name) for name in _SCALARS}
    recipients = tuple(line for line in row.default_recipients.splitlines() if line.strip())
    return OrganisationProfile(**values, default_recipients=recipients)


def read_profile(session: Session) -> OrganisationProfile:
    """The profile inside a caller's session (for wording a service writes in one transaction)."""
    row = session.scalars(select(Organisation).order_by(Organisation.id)).first()
    return _to_profile(row) if row else OrganisationProfile()


class OrganisationService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def get(self) -> OrganisationProfile:
        with self._sessions() as session:
            return read_profile(session)

    def save(self, profile: OrganisationProfile) -> OrganisationProfile:
        """Validate, then store the profile in one transaction."""
        profile = profile.normalised()
        problems = profile.problems()
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            row = session.scalars(select(Organisation).order_by(Organisation.id)).first()
            if row is None:
                row = Organisation()
                session.add(row)
            for name in _SCALARS:
                setattr(row, name, getattr(profile, name))
            row.default_recipients = "\n".join(profile.default_recipients)
        return profile
