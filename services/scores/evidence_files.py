"""Evidence bytes on disk: hashing in chunks and file names any OS and any portal accepts.

Used by the evidence store (services.scores.evidence) and the evidence pack alike.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from services.safety.safe_names import RESERVED_NAMES
from services.text import nfc

CHUNK = 1024 * 1024


def store_name(sha256: str) -> str:
    """Where a file lives inside the evidence folder: named by its content hash."""
    return f"{sha256[:2]}/{sha256}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_name(text: str, limit: int = 80) -> str:
    """A file name any OS and any portal accepts, keeping Vietnamese letters."""
    bad = '<>:"/\\|?*\n\r\t'
    cleaned = "".join("_" if ch in bad or ord(ch) < 32 else ch for ch in nfc(text))
    cleaned = cleaned.strip(" .")[:limit].rstrip(" .") or "tai-lieu"
    if cleaned.split(".")[0].upper() in RESERVED_NAMES:  # CON, NUL, COM1...: Windows devices
        cleaned = "_" + cleaned
    return cleaned
