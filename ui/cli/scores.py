"""Index scores on the command line: framework import, scoring table export, evidence pack.

`main.py excel import framework FILE --index PAR --year Y [--dry-run]`
`main.py excel export scores --index PAR --year Y -o FILE`
`main.py evidence pack --year Y -o FILE.zip`
`main.py scores templates --year Y`  (load the shipped templates, marked "to check")
`main.py pdf scores --index PAR --year Y -o FILE [--draft]`  (Báo cáo tự đánh giá, chấm điểm)
`main.py excel export submission --index PAR --year Y -o FILE`  (for the province's software)
`main.py pdf explanation --index PAR --year Y --round N -o FILE`  (Báo cáo giải trình)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import EXCEL_EXPORT_HELP, EXCEL_HELP, EXCEL_IMPORT_HELP, command_group
from ui.cli.database import opened_services

INDEX_CHOICES = ("PAR", "PAPI", "SIPAS")
PDF_HELP = "in văn bản PDF đúng thể thức Nghị định 30"


def _index(text: str) -> str:
    value = text.strip().upper()
    if value not in INDEX_CHOICES:
        raise argparse.ArgumentTypeError(f"chỉ số “{text}” không có; chọn PAR, PAPI hoặc SIPAS")
    return value


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    excel = command_group(subparsers, "excel", help=EXCEL_HELP)
    excel_import = command_group(excel, "import", help=EXCEL_IMPORT_HELP)
    framework = excel_import.add_parser(
        "framework",
        parents=[common],
        help="nhập bộ tiêu chí chỉ số của tỉnh (mã, tên, điểm tối đa)",
        description="Đọc bảng tiêu chí (cột Mã, Tên tiêu chí, Điểm tối đa); kiểm tra toàn bộ "
        "trước, có lỗi thì báo theo trang, dòng, cột và không ghi gì.",
    )
    framework.add_argument("file", metavar="TỆP", type=Path, help="tệp .xlsx")
    framework.add_argument("--index", type=_index, required=True, help="PAR, PAPI hoặc SIPAS")
    framework.add_argument("--year", type=int, required=True, help="năm của bộ tiêu chí")
    framework.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    framework.set_defaults(handler=run_import_framework)

    excel_export = command_group(excel, "export", help=EXCEL_EXPORT_HELP)
    scores = excel_export.add_parser(
        "scores",
        parents=[common],
        help="xuất bảng chấm điểm (công thức cộng điểm giữ nguyên trong Excel)",
    )
    scores.add_argument("--index", type=_index, required=True, help="PAR, PAPI hoặc SIPAS")
    scores.add_argument("--year", type=int, required=True, help="năm")
    scores.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp .xlsx")
    scores.set_defaults(handler=run_export_scores)

    evidence = command_group(subparsers, "evidence", help="tài liệu kiểm chứng")
    pack = evidence.add_parser(
        "pack",
        parents=[common],
        help="đóng gói tài liệu kiểm chứng của một năm thành tệp ZIP (thư mục theo mã tiêu chí)",
    )
    pack.add_argument("--year", type=int, required=True, help="năm")
    pack.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp .zip")
    pack.set_defaults(handler=run_evidence_pack)

    group = command_group(subparsers, "scores", help="bộ tiêu chí chỉ số")
    templates = group.add_parser(
        "templates",
        parents=[common],
        help="nạp ba bộ tiêu chí mẫu (PAR, PAPI, SIPAS) cho một năm; mẫu cần kiểm tra lại",
    )
    templates.add_argument("--year", type=int, required=True, help="năm")
    templates.set_defaults(handler=run_load_templates)

    pdf = command_group(subparsers, "pdf", help=PDF_HELP)
    report = pdf.add_parser(
        "scores",
        parents=[common],
        help="Báo cáo tự đánh giá, chấm điểm một chỉ số của một năm (PDF)",
        description="Xuất Báo cáo tự đánh giá, chấm điểm đúng thể thức Nghị định 30, kèm Phụ lục "
        "bảng chấm điểm (khổ ngang) có tổng điểm, tỷ lệ đạt và xếp loại.",
    )
    report.add_argument("--index", type=_index, required=True, help="PAR, PAPI hoặc SIPAS")
    report.add_argument("--year", type=int, required=True, help="năm")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp PDF")
    report.add_argument("--draft", action="store_true", help="bản dự thảo (có dấu “DỰ THẢO”)")
    report.set_defaults(handler=run_pdf_scores)

    submission = excel_export.add_parser(
        "submission",
        parents=[common],
        help="xuất bảng tự đánh giá cho phần mềm chấm điểm của tỉnh (điểm, giải trình, tệp)",
    )
    submission.add_argument("--index", type=_index, required=True, help="PAR, PAPI hoặc SIPAS")
    submission.add_argument("--year", type=int, required=True, help="năm")
    submission.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp .xlsx"
    )
    submission.set_defaults(handler=run_export_submission)

    explanation = pdf.add_parser(
        "explanation",
        parents=[common],
        help="Báo cáo giải trình kết quả thẩm định của một lần thẩm định (PDF)",
    )
    explanation.add_argument("--index", type=_index, required=True, help="PAR, PAPI hoặc SIPAS")
    explanation.add_argument("--year", type=int, required=True, help="năm")
    explanation.add_argument("--round", type=int, default=1, help="lần thẩm định (mặc định 1)")
    explanation.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp PDF"
    )
    explanation.add_argument("--draft", action="store_true", help="bản dự thảo")
    explanation.set_defaults(handler=run_pdf_explanation)


def _framework(services, index_key: str, year: int):
    from services.errors import UserError

    framework = services.frameworks.find(index_key, year)
    if framework is None:
        raise UserError(f"Chưa có bộ tiêu chí {index_key} năm {year}.")
    return framework


def run_import_framework(args: argparse.Namespace) -> int:
    from services.errors import ValidationError
    from services.scores.arithmetic import fmt

    with opened_services(args) as services:
        try:
            report = services.frameworks.import_excel(
                args.index, args.year, args.file, dry_run=args.dry_run
            )
        except ValidationError as exc:
            import sys

            print(
                f"Tệp “{args.file.name}” có {len(exc.problems)} lỗi; chưa ghi gì:", file=sys.stderr
            )
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
    what = "Kiểm tra xong (chưa ghi, --dry-run)" if args.dry_run else "Đã nhập"
    action = "thay bộ tiêu chí cũ" if report.replaced else "bộ tiêu chí mới"
    print(
        f"{what}: {report.criteria} tiêu chí, {report.fields} lĩnh vực, tổng điểm tối đa "
        f"{fmt(report.total_max)} – {args.index} năm {args.year} ({action}), trang “{report.sheet}”."
    )
    for note in report.notes:  # TCVN3/VNI text converted, formulas, merged cells
        print(f"Lưu ý – {note}")
    return 0


def run_export_scores(args: argparse.Namespace) -> int:
    with opened_services(args) as services:
        framework = _framework(services, args.index, args.year)
        profile = services.organisation.get()
        heading = " ".join(p for p in (profile.body_line1, profile.body_line2) if p)
        path = services.assessments.export_scores(framework.id, args.output, heading)
    print(f"Đã xuất bảng chấm điểm {args.index} năm {args.year}: {path}")
    return 0


def run_evidence_pack(args: argparse.Namespace) -> int:
    with opened_services(args) as services:
        report = services.evidence.pack(args.year, args.output)
    megabytes = report.bytes / 1024 / 1024
    print(
        f"Đã tạo gói tài liệu kiểm chứng năm {args.year}: {report.files} tệp, {megabytes:.1f} MB – {report.path}"
    )
    return 0


def run_load_templates(args: argparse.Namespace) -> int:
    with opened_services(args) as services:
        loaded = services.frameworks.load_templates(args.year)
    if not loaded:
        print(f"Năm {args.year} đã có đủ bộ tiêu chí; không nạp thêm.")
    for framework in loaded:
        print(
            f"Đã nạp bộ tiêu chí mẫu {framework.index_key} năm {args.year} ({framework.criteria_count} tiêu chí) – mẫu cần kiểm tra."
        )
    return 0


def run_pdf_scores(args: argparse.Namespace) -> int:
    with opened_services(args) as services:
        framework = _framework(services, args.index, args.year)
        info = services.assessments.write_report_pdf(framework.id, args.output, draft=args.draft)
    print(
        f"Đã ghi Báo cáo tự đánh giá, chấm điểm {args.index} năm {args.year}: "
        f"{args.output} ({info.pages} trang)."
    )
    return 0


def run_export_submission(args: argparse.Namespace) -> int:
    with opened_services(args) as services:
        framework = _framework(services, args.index, args.year)
        profile = services.organisation.get()
        heading = " ".join(p for p in (profile.body_line1, profile.body_line2) if p)
        report = services.assessments.export_submission(framework.id, args.output, heading)
    print(
        f"Đã xuất bảng tự đánh giá {args.index} năm {args.year} cho phần mềm của tỉnh "
        f"({report.criteria} tiêu chí): {report.path}"
    )
    if report.missing:
        print(f"Chưa có tài liệu kiểm chứng lẫn giải trình: {', '.join(report.missing)}")
    return 0


def run_pdf_explanation(args: argparse.Namespace) -> int:
    from services.errors import UserError

    with opened_services(args) as services:
        framework = _framework(services, args.index, args.year)
        rounds = services.appraisal_rounds.rounds(framework.id)
        chosen = next((r for r in rounds if r.number == args.round), None)
        if chosen is None:
            raise UserError(f"{args.index} năm {args.year} không có lần thẩm định {args.round}.")
        info = services.appraisal_documents.write_pdf(chosen.id, args.output, draft=args.draft)
    print(
        f"Đã ghi Báo cáo giải trình kết quả thẩm định lần {args.round} {args.index} năm "
        f"{args.year}: {args.output} ({info.pages} trang)."
    )
    return 0
