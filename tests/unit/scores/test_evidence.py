"""Evidence store and pack: content-addressed files, duplicates once, changes detected, ZIP."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from services.errors import UserError
from services.scores.evidence import file_sha256


@pytest.fixture
def par2025(services):
    return services.frameworks.load_template("PAR", 2025)


def _criterion(services, framework_id, code):
    return next(r for r in services.frameworks.criteria(framework_id) if r.code == code)


def test_same_file_twice_is_stored_once_and_serves_both_criteria(
    services, par2025, tmp_path, db_path
):
    a = _criterion(services, par2025.id, "PAR.2.1")
    b = _criterion(services, par2025.id, "PAR.3.2")
    scan = tmp_path / "qd-15.pdf"
    scan.write_bytes(b"%PDF-1.4 quyet dinh 15" * 1000)
    first = services.evidence.add_file(
        scan,
        title="Quyết định 15/QĐ-UBND",
        doc_number="15/QĐ-UBND",
        doc_date=date(2025, 2, 3),
        criterion_ids=[a.id],
    )
    copy = tmp_path / "ban-sao.pdf"
    copy.write_bytes(scan.read_bytes())
    second = services.evidence.add_file(copy, title="Bản sao", criterion_ids=[b.id])
    assert second.id == first.id and second.duplicate and not first.duplicate
    assert second.criterion_ids == tuple(sorted((a.id, b.id)))
    assert second.title == "Quyết định 15/QĐ-UBND"  # the first metadata is kept
    stored = [p for p in services.evidence.folder.rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [file_sha256(scan)]
    assert [e.id for e in services.evidence.list_files(criterion_id=b.id)] == [first.id]


def test_a_changed_file_is_detected_by_its_hash(services, par2025, tmp_path):
    leaf = _criterion(services, par2025.id, "PAR.2.1")
    doc = tmp_path / "bao-cao.docx"
    doc.write_bytes(b"ban dau")
    original = services.evidence.add_file(doc, criterion_ids=[leaf.id])
    assert services.evidence.find_by_content(doc).id == original.id
    doc.write_bytes(b"da sua noi dung")
    assert services.evidence.find_by_content(doc) is None  # the edited file is new content
    edited = services.evidence.add_file(doc, criterion_ids=[leaf.id])
    assert edited.id != original.id and not edited.duplicate
    assert services.evidence.verify() == []
    services.evidence.stored_path(original.sha256).write_bytes(b"bi sua trong kho")
    problems = services.evidence.verify()
    assert [(p.evidence_id, p.message) for p in problems] == [
        (original.id, "tệp lưu trữ đã bị thay đổi (mã băm SHA-256 khác).")
    ]


def test_opening_gives_a_copy_not_the_stored_file(services, tmp_path):
    doc = tmp_path / "anh.png"
    doc.write_bytes(b"\x89PNG anh chup")
    info = services.evidence.add_file(doc, title="Ảnh niêm yết: TTHC")
    (tmp_path / "out").mkdir()
    copy = services.evidence.open_copy(info.id, tmp_path / "out")
    assert copy.name == "Ảnh niêm yết_ TTHC.png"
    assert copy.read_bytes() == doc.read_bytes()
    assert copy != services.evidence.stored_path(info.sha256)


def test_evidence_pack_has_a_folder_per_criterion_and_an_index(services, par2025, tmp_path):
    a = _criterion(services, par2025.id, "PAR.2.1")
    b = _criterion(services, par2025.id, "PAR.3.2")
    for i, (crit, when) in enumerate(
        [([a.id], date(2025, 1, 5)), ([a.id, b.id], date(2025, 6, 1))]
    ):
        path = tmp_path / f"f{i}.pdf"
        path.write_bytes(f"%PDF tai lieu {i}".encode() * 500)
        services.evidence.add_file(
            path, title=f"Tài liệu {i}", doc_number=f"{i}/BC", doc_date=when, criterion_ids=crit
        )
    target = tmp_path / "goi" / "tlkc-2025.zip"
    report = services.evidence.pack(2025, target)
    assert report.files == 3
    with zipfile.ZipFile(target) as zf:
        names = sorted(zf.namelist())
        assert names == [
            "Danh muc tai lieu kiem chung.pdf",
            "Danh muc tai lieu kiem chung.xlsx",
            "PAR/PAR.2.1/01 - Tài liệu 0.pdf",
            "PAR/PAR.2.1/02 - Tài liệu 1.pdf",
            "PAR/PAR.3.2/01 - Tài liệu 1.pdf",
        ]
        assert zf.read("PAR/PAR.3.2/01 - Tài liệu 1.pdf") == (tmp_path / "f1.pdf").read_bytes()
        sheet = load_workbook(io.BytesIO(zf.read("Danh muc tai lieu kiem chung.xlsx"))).active
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert [(r[2], r[4], r[5], r[6]) for r in rows] == [
        ("PAR.2.1", "Tài liệu 0", "0/BC", "05/01/2025"),
        ("PAR.2.1", "Tài liệu 1", "1/BC", "01/06/2025"),
        ("PAR.3.2", "Tài liệu 1", "1/BC", "01/06/2025"),
    ]
    assert not list(target.parent.glob("*.dang-tao"))


def test_pack_of_a_year_without_evidence_is_refused(services, tmp_path):
    with pytest.raises(UserError, match="chưa có tài liệu kiểm chứng"):
        services.evidence.pack(2030, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_metadata_is_edited_and_checked(services, tmp_path):
    from services.errors import ValidationError

    doc = tmp_path / "scan.jpg"
    doc.write_bytes(b"\xff\xd8 anh")
    info = services.evidence.add_file(doc)
    assert info.title == "scan" and info.doc_date is None
    edited = services.evidence.update(
        info.id, title="Ảnh niêm yết TTHC", doc_number="", doc_date=date(2025, 7, 1)
    )
    assert (edited.title, edited.doc_date) == ("Ảnh niêm yết TTHC", date(2025, 7, 1))
    with pytest.raises(ValidationError, match="Tên tài liệu"):
        services.evidence.update(info.id, title="  ", doc_number="", doc_date=None)
    services.evidence.delete(info.id)
    assert not services.evidence.stored_path(info.sha256).exists()
    assert services.evidence.list_files() == []
