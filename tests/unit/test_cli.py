"""The command line support staff script: init, check, --version, bad files."""

from __future__ import annotations

import pytest

from main import main


def test_init_creates_a_database_with_the_sample_and_check_reports_it(tmp_path, capsys):
    target = tmp_path / "pardesk.sqlite"
    assert main(["init", "--db", str(target)]) == 0
    assert "kế hoạch mẫu" in capsys.readouterr().out
    assert main(["check", "--db", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Lược đồ: " in out and "plan_tasks" in out and "KẾT QUẢ: TỐT" in out
    assert " 48" in out.split("plan_tasks")[1].splitlines()[0]


def test_init_empty_creates_no_plan(tmp_path, capsys):
    target = tmp_path / "trong.sqlite"
    assert main(["--db", str(target), "init", "--empty"]) == 0
    assert main(["check", "--db", str(target)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith("plans"))
    assert line.split()[-1] == "0"


def test_check_on_a_file_that_is_not_a_database_fails_clearly(tmp_path, capsys):
    target = tmp_path / "nham.sqlite"
    target.write_text("Đây là một tệp văn bản")
    assert main(["check", "--db", str(target)]) == 1
    assert "không phải là tệp dữ liệu" in capsys.readouterr().err
    assert target.read_text() == "Đây là một tệp văn bản"


def test_check_on_a_missing_file_does_not_create_it(tmp_path, capsys):
    target = tmp_path / "khong-co.sqlite"
    assert main(["check", "--db", str(target)]) == 1
    assert "Không có tệp dữ liệu" in capsys.readouterr().err
    assert not target.exists()


def test_version_and_help_are_vietnamese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("ParDesk ")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "Cách dùng:" in out and "init" in out and "check" in out
