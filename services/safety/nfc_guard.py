"""Every text stored is NFC, whichever module wrote it.

Services call ``services.text.nfc`` on what they store, but one forgotten field is enough for a
decomposed (NFD) name — pasted from a Mac, a PDF or a web page — to look identical on screen yet
never match in search, sort apart, and break the accent-folded keys. ``install_nfc`` adds one
``before_flush`` listener to the session factory that normalises the string columns of every new
or changed record, so modules added later are covered without remembering to.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker


def install_nfc(session_factory: sessionmaker[Session]) -> None:
    # Marked on the factory: ``event.contains`` can answer for a dead factory at the same id().
    if not getattr(session_factory, "_pardesk_nfc", False):
        session_factory._pardesk_nfc = True  # type: ignore[attr-defined]
        event.listen(session_factory, "before_flush", _normalise)


def _normalise(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                setattr(obj, attr.key, unicodedata.normalize("NFC", value))
