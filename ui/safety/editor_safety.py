"""What every record editor does the same way to keep a year of work safe.

- ``offer_legacy_conversion``: before saving, text typed or pasted in TCVN3 (ABC) or VNI is
  shown before → after and converted if the user agrees (a ward's old Word files paste so).
- ``resolve_conflict``: someone else saved the record first — the conflict box tells who,
  when and what, and the editor reloads, saves over it, or stays open.
- ``history_button``: “Lịch sử thay đổi” of the record on screen (and records that belong to it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from services.errors import ConflictError
from services.safety.audit_trail import AuditService
from services.safety.legacy_text import ENCODING_NAMES, detect_legacy, to_unicode
from ui.safety import choices

TextField = QLineEdit | QPlainTextEdit | QComboBox
Records = Sequence[tuple[str, int | str]]


def _text(widget: TextField) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text()


def _set_text(widget: TextField, text: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    elif isinstance(widget, QComboBox):
        widget.setCurrentText(text)
    else:
        widget.setText(text)


def legacy_fields(fields: dict[str, TextField]) -> list[tuple[str, TextField, str, str, str]]:
    """(label, widget, encoding, before, after) of every field whose text looks TCVN3/VNI."""
    found = []
    for label, widget in fields.items():
        text = _text(widget)
        encoding = detect_legacy(text) if text.strip() else "unicode"
        if encoding != "unicode":
            converted = to_unicode(text, encoding)
            if converted.changed:
                found.append((label, widget, encoding, text, converted.text))
    return found


def offer_legacy_conversion(parent: QWidget, fields: dict[str, TextField]) -> bool:
    """Offer to convert legacy-encoded fields; False when the user cancels the save.

    Accepting converts the fields in place (the user sees the result before it is saved);
    declining keeps the text as typed only if the user says so — Hủy returns to the editor.
    """
    found = legacy_fields(fields)
    if not found:
        return True
    names = sorted({ENCODING_NAMES[enc] for _l, _w, enc, _b, _a in found})
    dialog = choices.LegacyTextDialog(
        " / ".join(names),
        [(label, before, after) for label, _w, _e, before, after in found],
        parent,
        intro=(
            f"Chữ tiếng Việt ở {len(found)} ô được gõ (hoặc dán) theo bảng mã cũ "
            f"{' / '.join(names)}, sẽ hiện sai trên máy khác và khi in. Bấm “Đồng ý” để chuyển "
            "sang Unicode như dưới đây rồi lưu; “Hủy” để quay lại sửa."
        ),
        headers=("Ô", "Đang gõ", "Sau khi chuyển"),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    for _label, widget, _encoding, _before, after in found:
        _set_text(widget, after)
    return True


def resolve_conflict(
    error: ConflictError,
    parent: QWidget,
    *,
    reload: Callable[[], None] | None,
    overwrite: Callable[[], None] | None,
) -> choices.ConflictChoice:
    """Ask Tải lại / Lưu đè / Hủy and run the chosen action; the caller reacts to the choice.

    ``overwrite`` saves the user's text over the other person's (it may raise again: the
    caller shows that like any other save error).
    """
    choice = choices.ask_conflict_choice(error, parent)
    if choice is choices.ConflictChoice.RELOAD and reload is not None:
        reload()
    elif choice is choices.ConflictChoice.OVERWRITE and overwrite is not None:
        overwrite()
    return choice


def history_button(
    parent: QWidget, audit: AuditService | None, records: Callable[[], Records]
) -> QPushButton:
    """A “Lịch sử thay đổi” button for the record(s) ``records()`` names (first = the main one)."""
    button = QPushButton("Lịch sử thay đổi...", parent, objectName="historyButton")
    button.setToolTip("Ai đã sửa bản ghi này, lúc nào, giá trị cũ → mới")

    def show() -> None:
        found = list(records())
        if audit is None or not found:
            return
        from ui.safety.history_dialog import RecordHistoryDialog

        table, record_id = found[0]
        dialog = RecordHistoryDialog(audit, table, record_id, parent, related=found[1:])
        dialog.open()
        button.last_dialog = dialog  # type: ignore[attr-defined]  # for tests and re-focus

    button.clicked.connect(show)
    button.setEnabled(audit is not None)
    return button
