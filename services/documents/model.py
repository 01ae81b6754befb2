"""A Vietnamese administrative document as plain, frozen data: what to print, not how.

The renderer (``services.documents.pdf``) and the .docx writer read the same description, so
the PDF and its editable twin always carry the same words in the same order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields, is_dataclass, replace

from services.text import decree_date_line, nfc

# Heading levels of scheme B (Decree 30, Phụ lục I): Phần / I. / 1. / a) / -.
PART, SECTION, CLAUSE, POINT = "part", "section", "clause", "point"
HEADING_LEVELS = (PART, SECTION, CLAUSE, POINT)


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres (top, bottom, left, right)."""

    top: float
    bottom: float
    left: float
    right: float


# Both presets comply with Decree 30 (20–25 / 20–25 / 30–35 / 15–20 mm).
MARGIN_PRESETS: dict[str, Margins] = {
    "compact": Margins(20, 20, 30, 15),
    "official": Margins(25, 20, 35, 20),
}
MARGIN_LABELS = {
    "compact": "Gọn (20/20/30/15 mm)",
    "official": "Như văn bản Nghị định (25/20/35/20 mm)",
}


@dataclass(frozen=True)
class Header:
    """Boxes 1–4: issuing body (left), national title (right), number and date (one line)."""

    body_lines: tuple[str, ...]
    year: int
    parent_body: str = ""
    number: str | None = None  # "05"; None leaves the number blank for the records office
    symbol: str = "KH-UBND"
    place: str = ""
    day: int | None = None
    month: int | None = None

    @property
    def number_line(self) -> str:
        if not self.symbol:  # a form (phiếu) carries no number
            return ""
        number = self.number if self.number else "\u00a0" * 8
        return f"Số: {number}/{self.symbol}"

    @property
    def date_line(self) -> str:
        return decree_date_line(self.place, self.day, self.month, self.year)


@dataclass(frozen=True)
class Heading:
    level: str  # one of HEADING_LEVELS
    label: str  # "Phần I", "I.", "1.", "a)"
    title: str

    @property
    def text(self) -> str:
        return f"{self.label} {self.title}".strip()


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``label`` ("-", "1.", "a)") is printed before the text."""

    text: str
    label: str = ""
    italic: bool = False
    bold_label: bool = False  # "Điều 1." of a decision: bold label, upright text after it

    @property
    def full_text(self) -> str:
        return f"{self.label} {self.text}".strip() if self.label else self.text


@dataclass(frozen=True)
class Table:
    """A ruled table with a bold header row repeated on every page it runs onto."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths, scaled to the text width
    centred: tuple[int, ...] = ()  # indexes of columns centred rather than left-aligned
    # Indexes into ``rows`` of group headings ("I. LĨNH VỰC TƯ PHÁP"): the first cell's text,
    # bold, spanning the whole width, as the official lists group their rows.
    group_rows: tuple[int, ...] = ()


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Signature:
    """Boxes 7a/7b: authority ("TM. ỦY BAN NHÂN DÂN"), optional "KT. CHỦ TỊCH", title, name."""

    authority: str
    title: str
    name: str
    deputy: str = ""

    @property
    def title_lines(self) -> tuple[str, ...]:
        return tuple(x for x in (self.authority, self.deputy, self.title) if x)


@dataclass(frozen=True)
class Annex:
    """A Phụ lục: own page numbering, centred label/title/reference, landscape if wide."""

    label: str  # "Phụ lục" or "Phụ lục I"
    title: str
    reference: str  # "(Kèm theo Báo cáo số …/BC-UBND ngày … của Ủy ban nhân dân phường …)"
    blocks: tuple[Block, ...]
    landscape: bool = False


@dataclass(frozen=True)
class Document:
    header: Header
    type_name: str  # "KẾ HOẠCH"
    summary: str  # sentence case, bold, never capitals
    blocks: tuple[Block, ...]
    signature: Signature
    recipients: tuple[str, ...]  # lines without "- " and without the "Lưu" line
    archive: str = "VT"  # "VT, VP" -> "- Lưu: VT, VP."
    kinh_gui: tuple[str, ...] = ()
    annexes: tuple[Annex, ...] = ()
    draft: bool = False
    margins: str = "compact"
    signature_field: bool = True
    title: str = ""  # PDF metadata title
    author: str = ""
    # A form (phiếu) has no distribution list: no "Nơi nhận" beside the signature.
    show_recipients: bool = True

    @property
    def margin_values(self) -> Margins:
        return MARGIN_PRESETS.get(self.margins, MARGIN_PRESETS["compact"])

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        """The "Nơi nhận" list as printed: "- x;" lines, the last one "- Lưu: VT, ….".

        A report with "Kính gửi" starts the list with "- Như trên;" (Decree 30, §II.9b).
        """
        lines = ["Như trên"] if self.kinh_gui else []
        lines += [r for r in (nfc(x) for x in self.recipients) if r]
        printed = [f"- {line.rstrip(' ;.')};" for line in lines]
        printed.append(f"- Lưu: {self.archive.rstrip(' .')}.")
        return tuple(printed)


def closing_mark(text: str) -> str:
    """End the last paragraph with "./." as every Decree 30 sample does."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    if text.endswith("."):
        return text + "/."
    return text.rstrip(";:,") + "./."


@dataclass
class RenderInfo:
    """Where things landed on the page, for the signature field and for tests."""

    pages: int = 0
    signing_page: int | None = None  # 0-based page index
    signing_box: tuple[float, float, float, float] | None = None  # x1, y1, x2, y2 in pt
    extras: dict[str, object] = field(default_factory=dict)


def nfc_all(value):
    """Every string inside a document description, NFC-normalised (NFD marks render badly)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, tuple):
        return tuple(nfc_all(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: nfc_all(getattr(value, f.name)) for f in fields(value) if f.init}
        return replace(value, **changes)
    return value
