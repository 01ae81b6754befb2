"""Vietnamese text typed in the legacy TCVN3 (ABC) and VNI-Windows encodings, to Unicode.

Old ward files (Word/Excel made with .VnTime or VNI-Times fonts) store Vietnamese letters as
Latin-1 characters that only look right in those fonts: TCVN3 "Uû ban nh©n d©n" and VNI
"Uûy ban nhaân daân" are both "Uỷ ban nhân dân". TCVN3 is one character per letter; VNI is a
base letter followed by a mark character. These are pure functions: detection, conversion,
and before/after pairs for an importer's preview. Decomposed (NFD) Unicode comes out NFC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- TCVN3 (ABC): one Latin-1 code point per Vietnamese letter ---------------------------------
_TCVN3_ROWS = {
    # base letters with a shape mark, upper- and lower-case
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    # toned letters (lower-case; TCVN3 shows capitals with a different font)
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
}  # fmt: skip
TCVN3_TABLE = str.maketrans(_TCVN3_ROWS)

# --- VNI-Windows: a base letter, then a mark character ----------------------------------------
ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
_TONES = (ACUTE, GRAVE, HOOK, TILDE, DOT)

# mark character -> (shape mark or "", tone mark or "")
_VNI_MARKS_LOWER = {
    "ù": ("", ACUTE), "ø": ("", GRAVE), "û": ("", HOOK), "õ": ("", TILDE), "ï": ("", DOT),
    "â": (CIRCUMFLEX, ""), "á": (CIRCUMFLEX, ACUTE), "à": (CIRCUMFLEX, GRAVE),
    "å": (CIRCUMFLEX, HOOK), "ã": (CIRCUMFLEX, TILDE), "ä": (CIRCUMFLEX, DOT),
    "ê": (BREVE, ""), "é": (BREVE, ACUTE), "è": (BREVE, GRAVE),
    "ú": (BREVE, HOOK), "ü": (BREVE, TILDE), "ë": (BREVE, DOT),
}  # fmt: skip
VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
# characters that are whole letters in VNI
VNI_LETTERS = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ",
    "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
}  # fmt: skip
_VOWELS = set("aeiouyAEIOUY")
_CIRCUMFLEX_BASES = set("aeoAEO")
_BREVE_BASES = set("aA")

VNI_PAIR = re.compile(
    "[aeiouyAEIOUYôöÔÖ][" + re.escape("".join(VNI_MARKS)) + "]",
)
_VNI_CHARS = set(VNI_MARKS) | set(VNI_LETTERS)
TCVN3_ONLY = set(_TCVN3_ROWS) - _VNI_CHARS
# Any of these means the text is already Unicode Vietnamese (Latin Extended / Vietnamese block).
_UNICODE_VIETNAMESE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9\u0300-\u0323]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tcvn3_to_unicode(text: str) -> str:
    return nfc(text.translate(TCVN3_TABLE))


def vni_to_unicode(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in VNI_MARKS and out:
            shape, tone = VNI_MARKS[ch]
            merged = _attach(out[-1], shape, tone)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(VNI_LETTERS.get(ch, ch))
    return nfc("".join(out))


def _attach(previous: str, shape: str, tone: str) -> str | None:
    """``previous`` with the marks added, or None when VNI would not put them there."""
    decomposed = unicodedata.normalize("NFD", previous)
    base, marks = decomposed[:1], decomposed[1:]
    if base not in _VOWELS:
        return None
    if shape:
        allowed = _BREVE_BASES if shape == BREVE else _CIRCUMFLEX_BASES
        if base not in allowed or marks:
            return None
    if tone and any(m in _TONES for m in marks):
        return None
    return base + marks + shape + tone


def detect_legacy(text: str) -> str:
    """ "tcvn3", "vni" or "unicode" (which includes plain ASCII and ordinary Latin-1)."""
    if _UNICODE_VIETNAMESE.search(unicodedata.normalize("NFC", text)):
        return "unicode"
    vni = len(VNI_PAIR.findall(text)) + text.count("ñ") + text.count("Ñ")
    tcvn3 = sum(1 for ch in text if ch in TCVN3_ONLY)
    if tcvn3 == 0 and vni == 0:
        return "unicode"
    return "tcvn3" if tcvn3 > vni else "vni"


ENCODING_NAMES = {"unicode": "Unicode", "tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}


@dataclass(frozen=True)
class Conversion:
    encoding: str  # "unicode" / "tcvn3" / "vni"
    original: str
    text: str

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES[self.encoding]


def to_unicode(text: str, encoding: str | None = None) -> Conversion:
    """Convert ``text`` from the detected (or given) encoding; always NFC."""
    encoding = encoding or detect_legacy(text)
    if encoding == "tcvn3":
        converted = tcvn3_to_unicode(text)
    elif encoding == "vni":
        converted = vni_to_unicode(text)
    else:
        converted = nfc(text)
    return Conversion(encoding, text, converted)


def detect_many(texts: list[str]) -> str:
    """One encoding for a whole column or file: the majority among texts that show one."""
    votes = {"tcvn3": 0, "vni": 0, "unicode": 0}
    for text in texts:
        found = detect_legacy(text)
        if found != "unicode" or _UNICODE_VIETNAMESE.search(text):
            votes[found] += 1
    legacy = max(("tcvn3", "vni"), key=lambda k: votes[k])
    return legacy if votes[legacy] > votes["unicode"] else "unicode"


def preview(texts: list[str], limit: int = 5) -> list[tuple[str, str]]:
    """Up to ``limit`` (before, after) pairs that the conversion would change, for the user."""
    encoding = detect_many(texts)
    pairs = []
    for text in texts:
        converted = to_unicode(text, encoding)
        if converted.changed:
            pairs.append((text, converted.text))
            if len(pairs) == limit:
                break
    return pairs
