"""`pdf plan` and `pdf report`: official documents in the Decree 30 layout from the command line.

The `pdf` group is shared with other features (`pdf legal-list`, `pdf disclosure`), so it is
fetched or created with ``get_or_add_group`` and each feature adds its own subcommands.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import command_group
from ui.cli.database import opened_database


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = command_group(subparsers, "pdf", help="in văn bản PDF đúng thể thức Nghị định 30")
    plan = group.add_parser(
        "plan",
        parents=[common],
        help="Kế hoạch của một năm thành PDF",
        description="Xuất Kế hoạch năm thành PDF đúng thể thức Nghị định 30/2020/NĐ-CP. "
        "Bản trình ký (mặc định) để trống số, ngày và chỗ ký, có ô chữ ký số.",
    )
    plan.add_argument("--year", type=int, required=True, help="năm của kế hoạch")
    plan.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp PDF sẽ ghi")
    plan.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    plan.add_argument("--docx", action="store_true", help="ghi thêm bản Word (.docx) cạnh tệp PDF")
    plan.add_argument(
        "--no-annex",
        dest="annex",
        action="store_false",
        help="không kèm Phụ lục “Bảng phân công nhiệm vụ” (mặc định có kèm)",
    )
    plan.set_defaults(handler=run_plan)
    report = group.add_parser(
        "report",
        parents=[common],
        help="Báo cáo kết quả thực hiện Kế hoạch cho một kỳ",
        description="Xuất Báo cáo kết quả thực hiện Kế hoạch cho một kỳ. Kỳ: M1..M12 (tháng), "
        "Q1..Q4 (quý), H1 (6 tháng), 9M (9 tháng), Y (12 tháng).",
    )
    report.add_argument("--year", type=int, required=True, help="năm của kế hoạch")
    report.add_argument("--period", required=True, metavar="KỲ", help="ví dụ Q3, H1, 9M, Y, M3")
    report.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp PDF sẽ ghi")
    report.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    report.add_argument("--docx", action="store_true", help="ghi thêm bản Word (.docx)")
    report.set_defaults(handler=run_report)


def write_document(document, output: str, docx: bool) -> None:
    from services.documents.render import write_docx, write_pdf

    path = Path(output)
    info = write_pdf(document, path)
    print(f"Đã ghi {path} ({info.pages} trang).")
    if docx:
        twin = path.with_suffix(".docx")
        write_docx(document, twin)
        print(f"Đã ghi bản Word {twin}.")


def run_plan(args: argparse.Namespace) -> int:
    from services.documents.service import DocumentService

    with opened_database(args) as db:
        documents = DocumentService(db.session_factory)
        document = documents.plan_document(args.year, draft=args.draft, annex=args.annex)
        write_document(document, args.output, args.docx)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from services.documents.service import DocumentService

    with opened_database(args) as db:
        documents = DocumentService(db.session_factory)
        document = documents.report_document(args.year, args.period, draft=args.draft)
        write_document(document, args.output, args.docx)
    return 0
