"""`excel export disclosure` (.xlsx) and `pdf disclosure` (Decree 30 PDFs) for disclosure.

The `excel` and `pdf` groups are shared with other features' modules, so they are looked up
before being added (``ui.cli.command_group``). `pdf disclosure` writes
the quarterly list of what was disclosed (Đ13.2) with ``--quarter``, else the year's report.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import EXCEL_EXPORT_HELP, EXCEL_HELP, command_group
from ui.cli.database import opened_services


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    excel = command_group(subparsers, "excel", help=EXCEL_HELP)
    export = command_group(excel, "export", help=EXCEL_EXPORT_HELP)
    command = export.add_parser(
        "disclosure",
        parents=[common],
        help="báo cáo kết quả công khai năm và danh sách công khai từng quý",
        description="Xuất tệp Excel gồm: báo cáo kết quả công khai năm, tỷ lệ đạt theo mục, "
        "nhóm, thôn, tổ dân phố, và danh sách các nội dung đã công khai của từng quý.",
    )
    command.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm kế hoạch")
    command.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    command.set_defaults(handler=run_export)
    register_pdf(subparsers, common)


PDF_HELP = "in văn bản PDF đúng thể thức Nghị định 30"


def register_pdf(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pdf = command_group(subparsers, "pdf", help=PDF_HELP)
    command = pdf.add_parser(
        "disclosure",
        parents=[common],
        help="danh sách các nội dung đã công khai của một quý, hoặc báo cáo công khai năm",
        description="Xuất PDF đúng thể thức Nghị định 30/2020/NĐ-CP: với --quarter, Thông báo "
        "danh sách các nội dung đã công khai trong quý (khoản 2 Điều 13 Luật Thực hiện dân chủ "
        "ở cơ sở); không có --quarter, Báo cáo kết quả thực hiện công khai thông tin năm.",
    )
    command.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm kế hoạch")
    command.add_argument(
        "--quarter", type=int, metavar="QUÝ", help="quý 1, 2, 3 hoặc 4 (bỏ trống: báo cáo năm)"
    )
    command.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp PDF sẽ ghi")
    command.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    command.set_defaults(handler=run_pdf)
    plan = pdf.add_parser(
        "disclosure-plan",
        parents=[common],
        help="Kế hoạch thực hiện công khai thông tin năm (khoản 1 Điều 14) thành PDF",
        description="Xuất PDF Kế hoạch thực hiện công khai thông tin năm đúng thể thức Nghị định "
        "30/2020/NĐ-CP, kèm Phụ lục nội dung, hình thức, thời điểm công khai (cả các nội dung "
        "“khi phát sinh”). Với --number-on, cấp số Kế hoạch (KH) trong sổ văn bản đi theo ngày "
        "ký trước khi in.",
    )
    plan.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm kế hoạch")
    plan.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp PDF sẽ ghi")
    plan.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    plan.add_argument(
        "--number-on", metavar="NGÀY", help="ngày ký: cấp số KH tiếp theo trong sổ văn bản đi"
    )
    plan.set_defaults(handler=run_plan_pdf)


def run_pdf(args: argparse.Namespace) -> int:
    from services.documents.render import write_pdf
    from services.errors import UserError

    output = Path(args.output)
    if output.suffix.lower() != ".pdf":
        raise UserError(f"Tệp xuất “{output}” phải có đuôi .pdf.")
    if args.quarter is not None and args.quarter not in (1, 2, 3, 4):
        raise UserError(f"Quý “{args.quarter}” không hợp lệ: chọn 1, 2, 3 hoặc 4.")
    if not 1900 <= args.year <= 2200:
        raise UserError(f"Năm “{args.year}” không hợp lệ.")
    with opened_services(args) as services:
        documents = services.disclosure_documents
        if args.quarter is None:
            document = documents.report_document(args.year, draft=args.draft)
            what = f"báo cáo công khai năm {args.year}"
        else:
            document = documents.quarterly_document(args.year, args.quarter, draft=args.draft)
            what = f"danh sách công khai quý {args.quarter} năm {args.year}"
        info = write_pdf(document, output)
    print(f"Đã ghi {what}: {output} ({info.pages} trang).")
    return 0


def run_plan_pdf(args: argparse.Namespace) -> int:
    from services.disclosure.annual_plan import AnnualPlanDocuments
    from services.documents.render import write_pdf
    from services.errors import UserError
    from services.text import DateInputError, parse_date

    output = Path(args.output)
    if output.suffix.lower() != ".pdf":
        raise UserError(f"Tệp xuất “{output}” phải có đuôi .pdf.")
    if not 1900 <= args.year <= 2200:
        raise UserError(f"Năm “{args.year}” không hợp lệ.")
    signed = None
    if args.number_on:
        try:
            signed = parse_date(args.number_on)
        except DateInputError as exc:
            raise UserError(f"Ngày ký (--number-on): {exc}") from exc
    with opened_services(args) as services:
        plans = AnnualPlanDocuments(services.database.session_factory, services.disclosure)
        if signed is not None:
            entry = plans.number(args.year, signed)
            print(f"Đã cấp số {entry.reference} ngày {signed:%d/%m/%Y}.")
        info = write_pdf(plans.document(args.year, draft=args.draft), output)
    print(f"Đã ghi kế hoạch công khai năm {args.year}: {output} ({info.pages} trang).")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from services.errors import UserError

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp xuất “{output}” phải có đuôi .xlsx.")
    with opened_services(args) as services:
        services.disclosure.export_xlsx(args.year, output)
        score = services.disclosure.score(args.year)
    print(f"Đã ghi báo cáo công khai năm {args.year}: {output}")
    print(f"Tỷ lệ đạt đến hôm nay: {score.overall.percent_text}")
    return 0
