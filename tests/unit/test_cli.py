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


def test_usage_mistakes_are_explained_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["pdf", "plan", "--year", "hai-nghin", "-o", "x.pdf"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "không phải số nguyên" in err and "invalid" not in err
    with pytest.raises(SystemExit):
        main(["excel"])
    assert "thiếu tham số bắt buộc" in capsys.readouterr().err


def test_every_public_subcommand_is_registered():
    """Support staff script these names: they must all stay."""
    from ui.cli import build_parser

    parser = build_parser()
    for argv in (
        ["init"],
        ["check"],
        ["backup", "-o", "x.zip"],
        ["restore", "x.zip"],
        ["excel", "export", "tasks", "--year", "2025", "-o", "x.xlsx"],
        ["excel", "import", "progress", "x.xlsx", "--dry-run"],
        ["excel", "import", "framework", "x.xlsx", "--index", "PAR", "--year", "2025"],
        ["excel", "export", "scores", "--index", "PAR", "--year", "2025", "-o", "x.xlsx"],
        ["excel", "import", "legal-register", "x.xlsx", "--dry-run"],
        ["excel", "export", "disclosure", "--year", "2025", "-o", "x.xlsx"],
        ["evidence", "pack", "--year", "2025", "-o", "x.zip"],
        ["pdf", "plan", "--year", "2025", "-o", "x.pdf", "--draft", "--docx"],
        ["pdf", "report", "--year", "2025", "--period", "Q3", "-o", "x.pdf"],
    ):
        assert parser.parse_args(argv).handler is not None, argv


def test_feature_modules_share_command_groups_in_any_order():
    import importlib

    from ui.cli import COMMAND_MODULES, VietnameseParser, common_options

    for order in (COMMAND_MODULES, tuple(reversed(COMMAND_MODULES))):
        parser = VietnameseParser(prog="main.py")
        sub = parser.add_subparsers(dest="command", parser_class=VietnameseParser)
        for name in order:
            importlib.import_module(name).register(sub, common_options())
        args = parser.parse_args(
            ["excel", "import", "framework", "x.xlsx", "--index", "PAR", "--year", "2025"]
        )
        assert args.handler.__module__ == "ui.cli.scores"
        args = parser.parse_args(["excel", "export", "tasks", "--year", "2025", "-o", "x.xlsx"])
        assert args.handler.__module__ == "ui.cli.excel"


def test_batch_commands_upgrade_an_older_database_and_never_create_one(tmp_path, capsys):
    import shutil
    from pathlib import Path

    old = tmp_path / "cu.sqlite"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "data" / "schema-0001.sqlite", old)
    out = tmp_path / "nv.xlsx"
    assert (
        main(["excel", "export", "tasks", "--year", "2025", "-o", str(out), "--db", str(old)]) == 0
    )
    assert out.exists()
    assert any((tmp_path / "backups").glob("truoc-nang-cap-0001-*.sqlite"))
    missing = tmp_path / "go-nham.sqlite"
    assert (
        main(["pdf", "plan", "--year", "2025", "-o", str(tmp_path / "x.pdf"), "--db", str(missing)])
        == 1
    )
    assert "Không có tệp dữ liệu" in capsys.readouterr().err
    assert not missing.exists()
