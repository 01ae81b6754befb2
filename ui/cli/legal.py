"""`excel import legal-register FILE [--dry-run]` and `pdf legal-list --kind K --year Y -o FILE`.

The first loads the legal register from a workbook; the second prints a list the law requires
as the decision publishing it (``services.legal.decisions``), in the Decree 30 layout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.database import db_target


def get_or_add_group(
    subparsers: argparse._SubParsersAction, name: str, *, help: str, dest: str
) -> argparse.ArgumentParser:
    """A subcommand group shared by several features (``excel``, ``pdf``, ``excel import``).

    The group's parser carries its own sub-subparsers as ``_pardesk_sub``; a group another
    module already added is reused, so each feature only adds its leaf commands.
    """
    group = subparsers.choices.get(name)
    if group is None:
        group = subparsers.add_parser(name, help=help, description=help)
        group.set_defaults(handler=lambda _args, g=group: _usage(g))
    if getattr(group, "_pardesk_sub", None) is None:
        existing = [a for a in group._actions if isinstance(a, argparse._SubParsersAction)]
        group._pardesk_sub = (
            existing[0]
            if existing
            else group.add_subparsers(  # type: ignore[attr-defined]
                dest=dest, metavar="LỆNH", parser_class=type(group)
            )
        )
    return group


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    excel = get_or_add_group(
        subparsers, "excel", help="nhập, xuất dữ liệu bằng tệp Excel", dest="excel_command"
    )
    importing = get_or_add_group(
        excel._pardesk_sub,  # type: ignore[attr-defined]
        "import",
        help="nhập dữ liệu từ tệp Excel (.xlsx)",
        dest="excel_import_command",
    )
    legal = importing._pardesk_sub.add_parser(  # type: ignore[attr-defined]
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
    _register_pdf(subparsers, common)


KIND_HELP = (
    "expired (danh mục hằng năm văn bản hết hiệu lực, tạm ngưng hiệu lực), "
    "in-force (còn hiệu lực), expired-whole (hết hiệu lực, tạm ngưng hiệu lực toàn bộ), "
    "expired-part (… một phần), to-amend (cần sửa đổi, bổ sung, thay thế, bãi bỏ, ban hành mới)"
)


def _register_pdf(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`pdf legal-list`, added to the `pdf` group shared with `pdf plan` and `pdf report`."""
    from ui.cli.pdf import get_or_add_group as pdf_group

    group = pdf_group(subparsers, "pdf", help="in văn bản PDF đúng thể thức Nghị định 30")
    command = group.add_parser(
        "legal-list",
        parents=[common],
        help="danh mục văn bản QPPL kèm quyết định công bố",
        description="In một danh mục văn bản quy phạm pháp luật của HĐND, UBND phường kèm "
        "Quyết định công bố của Chủ tịch UBND, đúng thể thức Nghị định 30/2020/NĐ-CP. "
        "Danh mục hằng năm (expired) lấy theo năm; bốn danh mục hệ thống hóa lấy theo kỳ "
        "hệ thống hóa có chứa năm đó.",
    )
    command.add_argument("--kind", required=True, metavar="LOẠI", help=KIND_HELP)
    command.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của danh mục")
    command.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp PDF sẽ ghi")
    command.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    command.add_argument("--docx", action="store_true", help="ghi thêm bản Word (.docx)")
    command.set_defaults(handler=run_legal_list)


def run_legal_list(args: argparse.Namespace) -> int:
    """Validation (kind, year with data) happens before anything is written."""
    from dataclasses import replace

    from services.bundle import build_services
    from services.startup import prepare_database
    from ui.cli.pdf import _write

    db, _ = prepare_database(db_target(args))
    try:
        services = build_services(db)
        document = services.legal_documents.list_document(args.kind, args.year)
        if args.draft:
            document = replace(document, draft=True)
        _write(document, args.output, args.docx)
    finally:
        db.dispose()
    return 0


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
