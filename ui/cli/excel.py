"""`excel export tasks` and `excel import progress`: the plan's Excel work from the command line.

Same services, checks and Vietnamese messages as the window. The `excel` group is shared
with other features (they add `excel import framework`, `excel export scores`), so it is
fetched or created through ``get_or_add_group`` rather than added twice.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import EXCEL_EXPORT_HELP, EXCEL_HELP, EXCEL_IMPORT_HELP, command_group
from ui.cli.database import opened_services


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    excel = command_group(subparsers, "excel", help=EXCEL_HELP)
    export = command_group(excel, "export", help=EXCEL_EXPORT_HELP)
    tasks = export.add_parser(
        "tasks",
        parents=[common],
        help="xuất danh sách nhiệm vụ của kế hoạch một năm",
        description="Xuất bảng nhiệm vụ (sẵn để in: A4 ngang, dòng tiêu đề, ngày tháng thật).",
    )
    tasks.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của kế hoạch")
    tasks.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp .xlsx sẽ ghi")
    tasks.add_argument("--unit", metavar="MÃ", help="chỉ nhiệm vụ của một bộ phận (ví dụ TP)")
    tasks.set_defaults(handler=run_export_tasks)
    imports = command_group(excel, "import", help=EXCEL_IMPORT_HELP)
    progress = imports.add_parser(
        "progress",
        parents=[common],
        help="nhập tiến độ từ phiếu báo cáo các bộ phận đã điền",
        description="Kiểm tra toàn bộ tệp trước; có lỗi thì báo từng lỗi (trang, dòng, cột) và "
        "không ghi gì; không lỗi thì ghi tất cả trong một lần.",
    )
    progress.add_argument(
        "file", nargs="+", metavar="TỆP", help="tệp .xlsx đã điền (nhiều tệp: nhập cùng một lần)"
    )
    progress.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra và liệt kê thay đổi, không ghi"
    )
    progress.set_defaults(handler=run_import_progress)


def run_export_tasks(args: argparse.Namespace) -> int:
    from services.errors import UserError

    with opened_services(args) as services:
        plan = services.plans.plan_for_year(args.year)
        if plan is None:
            years = ", ".join(str(y) for y in services.plans.years()) or "chưa có"
            raise UserError(f"Không có kế hoạch năm {args.year} (các năm có: {years}).")
        unit_id = None
        note = ""
        if args.unit:
            unit = services.units.by_code().get(args.unit.strip().upper())
            if unit is None:
                codes = ", ".join(services.units.by_code())
                raise UserError(f"Không có bộ phận mã “{args.unit}” (các mã: {codes}).")
            unit_id, note = unit.id, f"Lọc: bộ phận {unit.display}"
        result = services.excel.export_tasks(plan.id, Path(args.output), unit_id=unit_id, note=note)
    print(f"Đã xuất {result.rows} nhiệm vụ ra tệp {result.path}")
    return 0


def run_import_progress(args: argparse.Namespace) -> int:
    from services.plan.excel_progress import describe_change

    with opened_services(args) as services:
        paths = [Path(f) for f in args.file]
        check = services.progress_import.check_files(paths)
        if len(paths) > 1:
            for summary in check.files:
                errors = f"{summary.problems} lỗi" if summary.problems else "không có lỗi"
                print(f"{summary.name}: đọc {summary.rows_read} dòng; {errors}.")
        if check.problems:
            print(
                f"{'Các tệp' if len(paths) > 1 else 'Tệp'} có {len(check.problems)} lỗi nên chưa nhập gì:"
            )
            for problem in check.problems:
                print(f"  {problem}")
            return 1
        print(
            f"Đã đọc {check.rows_read} dòng; {len(check.changes)} nhiệm vụ thay đổi, "
            f"{check.unchanged} dòng không đổi."
        )
        for change in check.changes:
            print(f"  {describe_change(change)}")
        for note in check.notes:  # TCVN3/VNI text converted to Unicode
            print(f"Lưu ý – {note}")
        if args.dry_run:
            print("Chạy thử (--dry-run): chưa ghi gì.")
            return 0
        count = services.progress_import.apply(check)
    print(f"Đã ghi tiến độ của {count} nhiệm vụ.")
    return 0
