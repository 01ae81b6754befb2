"""The change log names every table and column in Vietnamese, for every module."""

from __future__ import annotations

from datetime import date

import pytest

import models
from services.legal.dto import DocumentDraft
from services.safety.audit import _SKIPPED, TABLE_LABELS
from services.safety.audit_labels import field_label, value_label

_VIETNAMESE = set("àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ")
TABLES = sorted(t for t in models.Base.metadata.tables if t != "audit_log")


def _columns(table: str) -> list[str]:
    columns = models.Base.metadata.tables[table].columns
    return [c.name for c in columns if c.name not in _SKIPPED and c.name != "id"]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_and_column_has_a_vietnamese_label(table):
    assert table in TABLE_LABELS, f"{table}: no label in services/safety/audit_labels.py"
    labels = {column: field_label(table, column) for column in _columns(table)}
    unlabelled = [column for column, label in labels.items() if label == column]
    assert not unlabelled, f"{table}: columns without a label: {unlabelled}"
    for label in [TABLE_LABELS[table], *labels.values()]:
        assert label[0].isupper() and "_" not in label, label
    words = " ".join([TABLE_LABELS[table], *labels.values()]).lower()
    assert any(ch in _VIETNAMESE for ch in words), words


def test_every_mapped_class_is_covered():
    mapped = {m.local_table.name for m in models.Base.registry.mappers}
    assert mapped - {"audit_log"} <= set(TABLES)


def test_coded_values_of_the_new_modules_read_in_vietnamese():
    assert value_label("legal_reviews", "handling_status", "in_progress") == "Đang xử lý"
    assert value_label("plan_tasks", "status", "done") == "Hoàn thành"
    assert value_label("legal_documents", "summary", "done") is None


def test_a_legal_document_change_reads_in_vietnamese_in_the_log(services):
    doc = services.legal.create_document(
        DocumentDraft(
            doc_type="Quyết định",
            number_symbol="07/2025/QĐ-UBND",
            issued_on=date(2025, 3, 1),
            effective_on=date(2025, 3, 15),
            issuer="ubnd",
            summary="Quy chế làm việc",
        )
    )
    draft = DocumentDraft(**{**doc.draft().__dict__, "summary": "Quy chế làm việc (sửa)"})
    services.legal.update_document(doc.id, draft, expected_version=doc.version)
    (latest, created) = services.audit.history("legal_documents", doc.id)[:2]
    assert latest.table_label == "Văn bản QPPL" and created.action_label == "Thêm"
    assert str(latest.changes[0]) == "Trích yếu: Quy chế làm việc → Quy chế làm việc (sửa)"
    issuer = next(c for c in created.changes if c.field == "issuer")
    assert (issuer.label, issuer.new) == ("Cơ quan ban hành", "UBND")
