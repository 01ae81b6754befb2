"""Living with PySide6 6.12's None refcount bug on Python 3.11.

With PySide6 6.12 on Python 3.11, every binding call that gives Python ``None`` — any
void method (``label.setText``, ``settings.setValue``), an invalid QVariant from
``index.data``/``currentData``/``settings.value`` — forgets to take a reference to it.
Tens of thousands of calls later Python frees ``None`` itself and aborts with
"none_dealloc" (the 10,000-task benchmark hit it at exit). Python 3.12 made ``None``
immortal, so there it is harmless; on 3.11 ``guard_none_refcount`` gives ``None`` a
reference count no session can exhaust. The sentinels below also keep our own hot paths
from producing invalid QVariants.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

ANY = ""  # item data meaning "no choice" (Tất cả, or no unit)


def combo_value(combo: QComboBox) -> object | None:
    """The current item's data, ``None`` for ANY or when nothing is chosen."""
    if combo.currentIndex() < 0:
        return None
    value = combo.currentData()
    return None if value == ANY else value


def find_data(combo: QComboBox, value: object | None) -> int:
    return combo.findData(ANY if value is None else value)


def setting(settings: QSettings, key: str) -> object | None:
    value = settings.value(key, ANY)
    return None if value == ANY else value


def guard_none_refcount() -> None:
    """On Python < 3.12, lift None's reference count out of reach of the leak (idempotent)."""
    if sys.version_info >= (3, 12):  # None is immortal there
        return
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field
    if count.value < 1 << 40:
        count.value += 1 << 40
