"""`main.py check`: evidence files against their hashes, orphan files and orphan rows."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from main import main
from services.scores.evidence import store_name


def test_check_finds_missing_altered_and_unreferenced_evidence(services, db_path, tmp_path, capsys):
    store = services.evidence
    names = {}
    for name, content in (
        ("dung.pdf", b"%PDF good"),
        ("sua.pdf", b"%PDF original"),
        ("mat.pdf", b"%PDF gone"),
    ):
        source = tmp_path / name
        source.write_bytes(content)
        info = store.add_file(source, title=name)
        names[name] = store_name(hashlib.sha256(content).hexdigest())
        assert info.title == name
    store.stored_path(hashlib.sha256(b"%PDF original").hexdigest()).write_bytes(b"%PDF changed")
    store.stored_path(hashlib.sha256(b"%PDF gone").hexdigest()).unlink()
    (store.folder / "la.pdf").write_bytes(b"%PDF stray")
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "evidence: 3 tệp (bảng evidence_files)" in out
    assert f"bị thiếu: 1\n  - {names['mat.pdf']}" in out
    assert f"sai mã sha256): 1\n  - {names['sua.pdf']}" in out
    assert "không thuộc bản ghi nào: 1\n  - la.pdf" in out
    assert "KẾT QUẢ: CÓ VẤN ĐỀ" in out


def test_a_stray_file_is_only_a_warning(db_path, data_folder, capsys):
    (data_folder / "evidence").mkdir()  # beside the file; for a server, in the data folder
    (data_folder / "evidence" / "a.pdf").write_bytes(b"x")
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "không thuộc bản ghi nào: 1\n  - a.pdf" in out and "KẾT QUẢ: TỐT" in out


@pytest.mark.sqlite_only
def test_rows_whose_parent_is_gone_are_listed(db_path, capsys):
    conn = sqlite3.connect(db_path)  # foreign keys are off on a bare connection
    task_id = conn.execute("SELECT min(id) FROM plan_tasks").fetchone()[0]
    conn.execute("UPDATE plan_tasks SET lead_unit_id = 9999 WHERE id = ?", (task_id,))
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert f"plan_tasks #{task_id}: lead_unit_id = 9999 trỏ tới units không còn" in out
