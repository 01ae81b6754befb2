"""Reading Qt values from Python without PySide6's None refcount leak.

With PySide6 6.12 on Python 3.11, a C++ call that returns an *invalid* QVariant to Python
(``QModelIndex.data`` for an unset role, ``QComboBox.currentData`` of an item without data,
``QSettings.value`` of a missing key without a default) hands back ``None`` without taking
a reference. Enough of them make Python free ``None`` itself and abort
("none_dealloc"), typically at exit. Views calling our models from C++ are not affected.

So: combo items always carry data (``ANY`` for "all"), tree roles are always set, settings
are read with a default, and these helpers turn the sentinels back into ``None``.
"""

from __future__ import annotations

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
