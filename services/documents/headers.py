"""The header every outgoing document of the ward shares, built from the organisation profile."""

from __future__ import annotations

from datetime import date

from services.documents.model import Header
from services.office.organisation import OrganisationProfile


def organisation_header(
    org: OrganisationProfile,
    type_code: str,
    *,
    month: int | None,
    year: int,
    number: str | None = None,
    day: int | None = None,
    symbol: str | None = None,
    place: str | None = None,
) -> Header:
    """Header boxes 1–4 for a document of ``type_code`` (KH, BC, QĐ...; "" for a form).

    Number and day stay None until the records office numbers the signed document
    (Decree 30, Điều 15), so they print blank.
    """
    if symbol is None:
        symbol = f"{type_code}-{org.symbol_suffix}" if type_code else ""
    return Header(
        body_lines=tuple(x for x in (org.body_line1, org.body_line2) if x),
        parent_body=org.parent_body,
        number=number,
        symbol=symbol,
        place=org.place_name if place is None else place,
        day=day,
        month=month,
        year=year,
    )


def unnumbered_header(org: OrganisationProfile, type_code: str, today: date) -> Header:
    """A draft for signing: blank number and day, this month and year."""
    return organisation_header(org, type_code, month=today.month, year=today.year)


def register_header(
    org: OrganisationProfile,
    type_code: str,
    today: date,
    number: str | None = None,
    issued_on: date | None = None,
) -> Header:
    """Numbered with the register's number and date once it has them, else unnumbered."""
    if number is None or issued_on is None:
        return unnumbered_header(org, type_code, today)
    return organisation_header(
        org,
        type_code,
        month=issued_on.month,
        year=issued_on.year,
        number=number,
        day=issued_on.day,
    )
