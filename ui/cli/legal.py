"""`excel import legal-register FILE [--dry-run]`: load the legal register from a workbook.

(`pdf legal-list` waits for the shared document engine; it is not registered yet.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli import EXCEL_HELP, EXCEL_IMPORT_HELP, command_group
from ui.cli.database import db_target


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    excel = command_group(subparsers, "excel", help=EXCEL_HELP)
    importing = command_group(excel, "import", help=EXCEL_IMPORT_HELP)
    legal = importing.add_parser(
        "legal-register",
        parents=[common],
        help="nhập sổ văn bản quy phạm pháp luật (trang “Văn bản”, “Hiệu lực”)",
        description="Nhập sổ văn bản từ tệp Excel. Mọi lỗi được kiểm tra trước; có lỗi thì "
        "không ghi gì vào dữ liệu.",
    )
    legal.add_argument("file", metavar="TỆP", help="tệp Excel (.xlsx)")
    legal.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra tệp, không ghi vào dữ liệu"
    )
    legal.set_defaults(handler=run_import_register)


def run_import_register(args: argparse.Namespace) -> int:
    from services.errors import ValidationError
    from services.legal.excel_import import RegisterImporter
    from services.startup import prepare_database

    source = Path(args.file)
    if not source.exists():
        print(f"Lỗi: không có tệp “{source}”.", file=sys.stderr)
        return 1
    db, _ = prepare_database(db_target(args))
    try:
        report = RegisterImporter(db.session_factory).import_file(source, dry_run=args.dry_run)
    except ValidationError as exc:
        print(f"Tệp “{source.name}” có {len(exc.problems)} lỗi; chưa nhập gì:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(report.summary())
    return 0
