"""`main.py check`: evidence files against their hashes, orphan files and orphan rows."""

from __future__ import annotations

import hashlib
import sqlite3

from main import main


def _evidence_table(db_path, rows) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(
        "CREATE TABLE evidence_files (id INTEGER PRIMARY KEY, relative_path TEXT, sha256 TEXT)"
    )
    conn.executemany("INSERT INTO evidence_files (relative_path, sha256) VALUES (?, ?)", rows)
    conn.commit()
    conn.close()


def test_check_finds_missing_altered_and_unreferenced_evidence(db_path, capsys):
    folder = db_path.parent / "evidence" / "2025"
    folder.mkdir(parents=True)
    (folder / "dung.pdf").write_bytes(b"%PDF good")
    (folder / "sua.pdf").write_bytes(b"%PDF changed later")
    (folder / "la.pdf").write_bytes(b"%PDF stray")
    _evidence_table(
        db_path,
        [
            ("2025/dung.pdf", hashlib.sha256(b"%PDF good").hexdigest()),
            ("2025/sua.pdf", hashlib.sha256(b"%PDF original").hexdigest()),
            ("2025/mat.pdf", hashlib.sha256(b"%PDF gone").hexdigest()),
        ],
    )
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "evidence: 3 tệp (bảng evidence_files)" in out
    assert "bị thiếu: 1\n  - 2025/mat.pdf" in out
    assert "sai mã sha256): 1\n  - 2025/sua.pdf" in out
    assert "không thuộc bản ghi nào: 1\n  - 2025/la.pdf" in out
    assert "KẾT QUẢ: CÓ VẤN ĐỀ" in out


def test_without_an_evidence_table_the_folder_is_counted_only(db_path, capsys):
    (db_path.parent / "evidence").mkdir()
    (db_path.parent / "evidence" / "a.pdf").write_bytes(b"x")
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "evidence: 1 tệp\n" in out and "KẾT QUẢ: TỐT" in out


def test_rows_whose_parent_is_gone_are_listed(db_path, capsys):
    conn = sqlite3.connect(db_path)  # foreign keys are off on a bare connection
    task_id = conn.execute("SELECT min(id) FROM plan_tasks").fetchone()[0]
    conn.execute("UPDATE plan_tasks SET lead_unit_id = 9999 WHERE id = ?", (task_id,))
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert f"plan_tasks #{task_id}: lead_unit_id = 9999 trỏ tới units không còn" in out
