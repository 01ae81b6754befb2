"""`excel export disclosure`: the year's disclosure report and quarterly lists as .xlsx.

The `excel` (and later `pdf`) groups are shared with other features' modules, so they are
looked up before being added (``get_or_add_group``). The PDF of the quarterly list
(`pdf disclosure --year Y --quarter Q`) waits for the shared document engine; the tables it
needs are already built by ``DisclosureService.quarterly_table``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import EXCEL_EXPORT_HELP, EXCEL_HELP, command_group


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    excel = command_group(subparsers, "excel", help=EXCEL_HELP)
    export = command_group(excel, "export", help=EXCEL_EXPORT_HELP)
    command = export.add_parser(
        "disclosure",
        parents=[common],
        help="báo cáo kết quả công khai năm và danh sách công khai từng quý",
        description="Xuất tệp Excel gồm: báo cáo kết quả công khai năm, tỷ lệ đạt theo mục, "
        "nhóm, tổ dân phố, và danh sách các nội dung đã công khai của từng quý.",
    )
    command.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm kế hoạch")
    command.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    command.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from services.bundle import build_services
    from services.db import is_server_url
    from services.errors import DatabaseOpenError, UserError
    from services.startup import prepare_database
    from ui.cli.database import db_target

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp xuất “{output}” phải có đuôi .xlsx.")
    target = db_target(args)
    if not is_server_url(str(target)) and not Path(target).exists():
        raise DatabaseOpenError(f"Không có tệp dữ liệu “{target}”.")
    db, _ = prepare_database(target, sample=False)
    try:
        services = build_services(db)
        services.disclosure.export_xlsx(args.year, output)
        score = services.disclosure.score(args.year)
    finally:
        db.dispose()
    print(f"Đã ghi báo cáo công khai năm {args.year}: {output}")
    print(f"Tỷ lệ đạt đến hôm nay: {score.overall.percent_text}")
    return 0
