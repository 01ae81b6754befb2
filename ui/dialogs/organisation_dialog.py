"""Thông tin đơn vị: the header and signature lines printed on every document.

Lines pasted from an old .VnTime/VNI letterhead are offered for conversion to Unicode.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services.errors import ValidationError
from services.office.organisation import (
    LEVELS,
    RESIDENTIAL_UNITS,
    OrganisationProfile,
    OrganisationService,
)
from ui.buttons import button_box
from ui.safety.editor_safety import offer_legacy_conversion

FIELDS = (
    ("parent_body", "Cơ quan cấp trên (nếu có)"),
    ("body_line1", "Tên cơ quan – dòng 1"),
    ("body_line2", "Tên cơ quan – dòng 2"),
    ("place_name", "Địa danh ghi ngày tháng"),
    ("symbol_suffix", "Chữ viết tắt cơ quan"),
    ("sign_authority", "Thẩm quyền ký (TM.)"),
    ("sign_deputy", "Ký thay (KT.)"),
    ("signer_title", "Chức vụ người ký"),
    ("signer_name", "Họ tên người ký"),
    ("archive_units", "Lưu (sau “Lưu: VT,”)"),
)


class OrganisationDialog(QDialog):
    def __init__(self, service: OrganisationService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("organisationDialog")
        self.setWindowTitle("Thông tin đơn vị")
        self.editors: dict[str, QLineEdit] = {}
        form = QFormLayout()
        profile = service.get()
        for name, label in FIELDS:
            editor = QLineEdit(getattr(profile, name), objectName=name)
            self.editors[name] = editor
            form.addRow(label + ":", editor)
        # The level and the residential units' name word every label and document.
        self.level = QComboBox(objectName="unitLevel")
        for word in LEVELS:
            self.level.addItem(word.capitalize(), word)
        self.level.setCurrentIndex(max(0, self.level.findData(profile.level)))
        form.addRow("Cấp đơn vị:", self.level)
        self.resident = QComboBox(objectName="residentialUnit", editable=True)
        self.resident.addItems(RESIDENTIAL_UNITS)
        self.resident.setCurrentText(profile.resident_unit)
        self.resident.setToolTip(
            "Tên gọi các cộng đồng dân cư của đơn vị, dùng trong nhãn và văn bản "
            "(tổ dân phố, thôn, ấp, bản…)."
        )
        form.addRow("Tên gọi thôn, tổ dân phố:", self.resident)
        self.recipients = QPlainTextEdit(
            "\n".join(profile.default_recipients), objectName="recipients"
        )
        self.recipients.setTabChangesFocus(True)
        self.recipients.setFixedHeight(90)
        form.addRow("Nơi nhận mặc định\n(mỗi dòng một nơi):", self.recipients)
        hint = QLabel(
            "Các dòng này in ở phần đầu và phần ký của mọi văn bản (Nghị định 30/2020/NĐ-CP)."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(button_box(self))
        self.resize(560, 540)

    def profile(self) -> OrganisationProfile:
        values = {name: editor.text() for name, editor in self.editors.items()}
        assert {f.name for f in fields(OrganisationProfile)} >= set(values)
        lines = tuple(self.recipients.toPlainText().splitlines())
        return OrganisationProfile(
            **values,
            default_recipients=lines,
            unit_level=self.level.currentData() or "",
            residential_unit=self.resident.currentText().strip().lower(),
        )

    def accept(self) -> None:
        legacy = {label: self.editors[name] for name, label in FIELDS}
        legacy["Nơi nhận mặc định"] = self.recipients
        if not offer_legacy_conversion(self, legacy):
            return
        try:
            self._service.save(self.profile())
        except ValidationError as exc:
            QMessageBox.warning(self, "Thông tin chưa hợp lệ", exc.message)
            return
        super().accept()
