"""The issuing body's profile: what the header and signature block of every document say."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamped


class Organisation(Timestamped, Base):
    """One row: the ward or commune People's Committee using this database."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_body: Mapped[str] = mapped_column(String(200), default="")
    body_line1: Mapped[str] = mapped_column(String(200), default="ỦY BAN NHÂN DÂN")
    body_line2: Mapped[str] = mapped_column(String(200), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")
    symbol_suffix: Mapped[str] = mapped_column(String(30), default="UBND")
    sign_authority: Mapped[str] = mapped_column(String(100), default="TM. ỦY BAN NHÂN DÂN")
    sign_deputy: Mapped[str] = mapped_column(String(100), default="")
    signer_title: Mapped[str] = mapped_column(String(100), default="CHỦ TỊCH")
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    archive_units: Mapped[str] = mapped_column(String(100), default="VP")
    # "phường", "xã" or "đặc khu" ("" = read from body_line2), and what its residential units
    # are called ("tổ dân phố", "thôn", "ấp", "bản"…; "" = the usual one for the level).
    unit_level: Mapped[str] = mapped_column(String(20), default="")
    residential_unit: Mapped[str] = mapped_column(String(50), default="")
    # One recipient per line, without the leading "- " and without the final "Lưu" line.
    default_recipients: Mapped[str] = mapped_column(Text, default="")
