"""Progress reporting and cancelling for long service work (Excel, large refreshes).

Services stay Qt-free: the UI passes a plain callback; returning False asks to stop, and the
service then raises ``Cancelled`` before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable

from services.errors import UserError

# progress(done, total) -> keep going?
ProgressFn = Callable[[int, int], bool]


class Cancelled(UserError):
    """The user stopped the work; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Đã hủy theo yêu cầu; chưa ghi gì.")


def step(progress: ProgressFn | None, done: int, total: int) -> None:
    """Report progress; raise Cancelled when the user asked to stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
