"""The organisation profile (issuing body, signer, default recipients)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Organisation
from services.errors import Problem, ValidationError
from services.text import nfc


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
        if " " in self.symbol_suffix:
            found.append(Problem("Chữ viết tắt cơ quan", "không được có dấu cách (ví dụ: UBND)."))
        return found


_SCALARS = [f.name for f in fields(OrganisationProfile) if f.name != "default_recipients"]


def _to_profile(row: Organisation) -> OrganisationProfile:
    values = {name: getattr(row, name) for name in _SCALARS}
    recipients = tuple(line for line in row.default_recipients.splitlines() if line.strip())
    return OrganisationProfile(**values, default_recipients=recipients)


class OrganisationService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def get(self) -> OrganisationProfile:
        with self._sessions() as session:
            row = session.scalars(select(Organisation).order_by(Organisation.id)).first()
            return _to_profile(row) if row else OrganisationProfile()

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
