"""“Database is locked”: retried briefly, then told in plain Vietnamese.

SQLite waits ``busy_timeout`` for another writer by itself. A whole service transaction can
still meet a lock (another window holding a long write, a shared folder on a slow network),
so ``retry_when_locked`` re-runs the service method a few times — safe because each public
service method is one transaction — and the engine's ``handle_error`` hook turns whatever
lock error remains into a ``DatabaseBusyError`` a clerk can act on.
"""

from __future__ import annotations

import functools
import time
import weakref
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine, event

from services.errors import DatabaseOpenError

T = TypeVar("T")
ATTEMPTS = 3
PAUSE_S = 0.3
BUSY_MESSAGE = (
    "Dữ liệu đang được một cửa sổ ParDesk khác (hoặc máy khác) ghi, nên chưa lưu được. "
    "Hãy chờ vài giây rồi thử lại; nếu vẫn không được, hãy đóng các cửa sổ ParDesk khác."
)


class DatabaseBusyError(DatabaseOpenError):
    """Another writer held the database longer than the retries waited.

    A ``DatabaseOpenError`` so that start-up, which already reports those, reports it too.
    """


# PostgreSQL: deadlock detected, serialization failure, lock not available. The server has
# already rolled the transaction back, so re-running the one-transaction method is safe.
RETRYABLE_SQLSTATES = {"40P01", "40001", "55P03"}


def is_lock_error(exc: BaseException) -> bool:
    if getattr(exc, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    text = str(exc).lower()
    return any(
        words in text for words in ("database is locked", "database is busy", "table is locked")
    )


def _translate(context) -> None:
    original = context.original_exception
    if original is not None and is_lock_error(original):
        raise DatabaseBusyError(BUSY_MESSAGE) from original


_INSTALLED: weakref.WeakSet[Engine] = weakref.WeakSet()


def install_lock_messages(engine: Engine) -> None:
    # Not ``event.contains``: its registry is keyed by id(), which a new engine may reuse.
    if engine not in _INSTALLED:
        _INSTALLED.add(engine)
        event.listen(engine, "handle_error", _translate)


def retry_when_locked(
    method: Callable[..., T], *, attempts: int = ATTEMPTS, pause: float = PAUSE_S
) -> Callable[..., T]:
    """Decorator: re-run a one-transaction service method when the database was locked."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        for attempt in range(1, attempts + 1):
            try:
                return method(*args, **kwargs)
            except DatabaseBusyError:
                if attempt == attempts:
                    raise
                time.sleep(pause * attempt)
        raise AssertionError("unreachable")

    return wrapper
