"""`excel import legal-register FILE [--dry-run]`, `pdf legal-list --kind K --year Y -o FILE`,
and the year's review figures for the Sở Tư pháp: `pdf legal-statistics --year Y -o FILE`,
`excel export legal-statistics --year Y -o FILE`.

The first loads the legal register from a workbook; the second prints a list the law requires
as the decision publishing it (``services.legal.decisions``), in the Decree 30 layout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli import EXCEL_EXPORT_HELP, EXCEL_HELP, EXCEL_IMPORT_HELP, command_group
from ui.cli.database import opened_services


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
    export = command_group(excel, "export", help=EXCEL_EXPORT_HELP)
    stats = export.add_parser(
        "legal-statistics",
        parents=[common],
        help="số liệu rà soát văn bản QPPL của năm (gửi Sở Tư pháp)",
        description="Xuất số liệu rà soát, hệ thống hóa văn bản quy phạm pháp luật của một năm "
        "ra tệp Excel.",
    )
    stats.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm thống kê")
    stats.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    stats.set_defaults(handler=run_export_statistics)
    _register_pdf(subparsers, common)


KIND_HELP = (
    "expired (danh mục hằng năm văn bản hết hiệu lực, tạm ngưng hiệu lực), "
    "in-force (còn hiệu lực), expired-whole (hết hiệu lực, tạm ngưng hiệu lực toàn bộ), "
    "expired-part (… một phần), to-amend (cần sửa đổi, bổ sung, thay thế, bãi bỏ, ban hành mới)"
)


def _register_pdf(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`pdf legal-list`, added to the `pdf` group shared with `pdf plan` and `pdf report`."""
    group = command_group(subparsers, "pdf", help="in văn bản PDF đúng thể thức Nghị định 30")
    command = group.add_parser(
        "legal-list",
        parents=[common],
        help="danh mục văn bản QPPL kèm quyết định công bố",
        description="In một danh mục văn bản quy phạm pháp luật của HĐND, UBND cấp xã kèm "
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
    stats = group.add_parser(
        "legal-statistics",
        parents=[common],
        help="báo cáo số liệu rà soát văn bản QPPL của năm gửi Sở Tư pháp",
        description="In Báo cáo số liệu rà soát, hệ thống hóa văn bản quy phạm pháp luật của "
        "một năm gửi Sở Tư pháp, đúng thể thức Nghị định 30/2020/NĐ-CP.",
    )
    stats.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm thống kê")
    stats.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp PDF sẽ ghi")
    stats.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    stats.add_argument("--docx", action="store_true", help="ghi thêm bản Word (.docx)")
    stats.set_defaults(handler=run_statistics_pdf)


def run_legal_list(args: argparse.Namespace) -> int:
    """Validation (kind, year with data) happens before anything is written."""
    from dataclasses import replace

    from ui.cli.pdf import write_document

    with opened_services(args) as services:
        document = services.legal_documents.list_document(args.kind, args.year)
        if args.draft:
            document = replace(document, draft=True)
        write_document(document, args.output, args.docx)
    return 0


def run_statistics_pdf(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from services.documents.render import write_docx, write_pdf

    with opened_services(args) as services:
        document = services.legal_documents.statistics_document(args.year)
        if args.draft:
            document = replace(document, draft=True)
        path = Path(args.output)
        info = write_pdf(document, path)
        print(f"Đã ghi {path} ({info.pages} trang).")
        if args.docx:
            write_docx(document, path.with_suffix(".docx"))
            print(f"Đã ghi bản Word {path.with_suffix('.docx')}.")
    return 0


def run_export_statistics(args: argparse.Namespace) -> int:
    from services.legal.xlsx import write_list

    with opened_services(args) as services:
        stats = services.legal_cycles.year_statistics(args.year)
        org = services.organisation.get()
        path = write_list(stats, args.output, body=f"{org.body_line1} {org.body_line2}".strip())
    print(f"Đã xuất số liệu rà soát văn bản năm {args.year} ra tệp {path}")
    return 0


def run_import_register(args: argparse.Namespace) -> int:
    from services.errors import ValidationError

    source = Path(args.file)
    if not source.exists():
        print(f"Lỗi: không có tệp “{source}”.", file=sys.stderr)
        return 1
    try:
        with opened_services(args) as services:
            report = services.legal.import_excel(source, dry_run=args.dry_run)
    except ValidationError as exc:
        print(f"Tệp “{source.name}” có {len(exc.problems)} lỗi; chưa nhập gì:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0
