"""Small plan dialogs: a section's label and title, and next year's plan (rollover)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.vocab import SECTION_KINDS
from ui.buttons import button_box


class SectionDialog(QDialog):
    def __init__(
        self, title: str, label: str = "", heading: str = "", *, new: bool = False, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sectionDialog")
        self.setWindowTitle(title)
        self.kind = QComboBox(objectName="sectionKind")
        for key, text in SECTION_KINDS.items():
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(1)
        self.label = QLineEdit(label, objectName="sectionLabel", placeholderText="ví dụ: V.")
        self.heading = QLineEdit(heading, objectName="sectionTitle")
        self.heading.setMinimumWidth(380)
        form = QFormLayout()
        if new:
            form.addRow("&Cấp mục:", self.kind)
        form.addRow("&Số hiệu:", self.label)
        form.addRow("&Tên mục:", self.heading)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(button_box(self))
        self.heading.setFocus()


class RolloverDialog(QDialog):
    """Create next year's plan from this one: structure and recurring tasks, optionally more."""

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rolloverDialog")
        self.setWindowTitle("Tạo kế hoạch năm sau")
        self.year = QSpinBox(objectName="rolloverYear", minimum=2000, maximum=2100)
        self.year.setValue(year + 1)
        self.include_open = QCheckBox(
            "Chép cả các nhiệm vụ chưa hoàn thành của năm nay", objectName="includeOpen"
        )
        text = QLabel(
            f"Kế hoạch mới được tạo từ kế hoạch năm {year}: giữ nguyên các mục, các đoạn văn và "
            "các nhiệm vụ lặp lại (hằng tháng, quý, 6 tháng, năm), với thời hạn dời sang năm "
            "mới, trạng thái “Chưa thực hiện”. Kế hoạch năm nay vẫn được giữ nguyên.",
            wordWrap=True,
        )
        form = QFormLayout()
        form.addRow("&Năm của kế hoạch mới:", self.year)
        form.addRow("", self.include_open)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(button_box(self))
        self.resize(520, 220)
