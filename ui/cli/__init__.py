"""The command line: `main.py [--db PATH]` opens the window, subcommands do batch work.

Subcommand names and flags are a public interface that support staff script; keep them.
Each feature adds a module with ``register(subparsers, common)`` to ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from services.version import APP_NAME, APP_VERSION

COMMAND_MODULES = (
    "ui.cli.database",
    "ui.cli.backup",
    "ui.cli.excel",
    "ui.cli.scores",
    "ui.cli.disclosure",
    "ui.cli.legal",
    "ui.cli.pdf",
    "ui.cli.transfer",
)


ARGPARSE_MESSAGES = (
    ("the following arguments are required:", "thiếu tham số bắt buộc:"),
    ("unrecognized arguments:", "tham số không nhận ra:"),
    ("invalid choice:", "lựa chọn không hợp lệ:"),
    ("choose from", "chọn một trong"),
    ("expected one argument", "cần một giá trị"),
    ("invalid int value:", "không phải số nguyên:"),
    ("not allowed with argument", "không dùng cùng với"),
    ("argument ", "tham số "),
)


class VietnameseParser(argparse.ArgumentParser):
    """argparse with its fixed English headings and errors given in Vietnamese."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, vietnamese in ARGPARSE_MESSAGES:
            message = message.replace(english, vietnamese)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi cú pháp lệnh: {message}\nXem thêm: main.py --help\n")

    def format_help(self) -> str:
        text = super().format_help()
        for english, vietnamese in (
            ("usage:", "Cách dùng:"),
            ("positional arguments:", "Lệnh:"),
            ("options:", "Tùy chọn:"),
            ("show this help message and exit", "hiện hướng dẫn này rồi thoát"),
        ):
            text = text.replace(english, vietnamese)
        return text

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:")


EXCEL_HELP = "nhập, xuất dữ liệu bằng tệp Excel (.xlsx)"
EXCEL_IMPORT_HELP = "nhập dữ liệu từ tệp Excel"
EXCEL_EXPORT_HELP = "xuất dữ liệu ra tệp Excel"


def command_group(
    subparsers: argparse._SubParsersAction, name: str, help: str
) -> argparse._SubParsersAction:
    """The sub-subcommands of a shared group (``excel``, ``pdf``), created on first use.

    Several feature modules add to one group (``excel export tasks`` and ``excel export
    scores``), so whichever registers first creates it and the others reuse it.
    """
    existing = subparsers.choices.get(name)
    if existing is None:
        existing = subparsers.add_parser(name, help=help)
        existing._pardesk_sub = existing.add_subparsers(  # type: ignore[attr-defined]
            dest=f"{name}_command", metavar="LỆNH", required=True, parser_class=VietnameseParser
        )
    return existing._pardesk_sub  # type: ignore[attr-defined]


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts too (``main.py check --db X`` and ``--db X check``)."""
    common = VietnameseParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="tệp dữ liệu (mặc định: pardesk.sqlite trong thư mục dữ liệu của người dùng)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseParser(
        prog="main.py",
        description=f"{APP_NAME} – quản lý kế hoạch cải cách hành chính của UBND phường/xã. "
        "Không có lệnh: mở cửa sổ chương trình.",
        parents=[common_options()],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {APP_VERSION}",
        help="hiện số phiên bản rồi thoát",
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="LỆNH", parser_class=VietnameseParser
    )
    common = common_options()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; a ``UserError`` becomes its message on stderr and exit code 1."""
    from services.errors import UserError

    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
