"""Attachment names made safe to store: no paths, no odd characters, valid on Windows.

A name comes from a user's file or from inside an archive; "../../pardesk.sqlite",
"C:\\Windows\\x.pdf", "CON.pdf", control characters or a 300-character name must never
escape the evidence folder or break a copy onto a FAT32 USB stick. Vietnamese stays (NFC).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_NAME = 120  # characters, extension included: room left for folders under Windows' 260
FALLBACK = "tep-dinh-kem"
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)
}
_SPACES = re.compile(r"\s+")


def safe_attachment_name(name: str) -> str:
    """A plain file name (never a path) that is valid on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", name or "")
    # Only the last component of any path, whichever separator was used.
    text = re.split(r"[/\\]", text)[-1]
    text = _SPACES.sub(" ", text)  # tabs and newlines become spaces before controls go
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    text = _FORBIDDEN.sub("_", text)
    text = _SPACES.sub(" ", text).strip(" .")
    if not text or set(text) <= {"_", " ", "."}:
        return FALLBACK
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem or len(suffix) > 10 or " " in suffix:
        stem, suffix = text, ""
    stem = stem.strip(" .") or FALLBACK
    if stem.split(".")[0].upper() in RESERVED_NAMES:
        stem = "_" + stem
    room = MAX_NAME - (len(suffix) + 1 if suffix else 0)
    stem = stem[:room].rstrip(" .") or FALLBACK
    return f"{stem}.{suffix.lower()}" if suffix else stem


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name`` made safe, with " (2)", " (3)"... when the name is taken."""
    safe = safe_attachment_name(name)
    candidate = folder / safe
    stem, suffix = Path(safe).stem, Path(safe).suffix
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({counter}){suffix}"
        counter += 1
    return candidate
