"""`backup` and `restore`: for the Windows Task Scheduler and for support staff."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = subparsers.add_parser(
        "backup",
        parents=[common],
        help="sao lưu tệp dữ liệu và thư mục tài liệu kiểm chứng ra một tệp .zip",
        description="Sao lưu (kể cả khi chương trình đang mở) tệp dữ liệu, thư mục evidence "
        "và mục lục mã kiểm tra sha256 vào một tệp .zip.",
    )
    backup.add_argument("-o", "--output", metavar="TỆP", required=True, help="tệp .zip cần tạo")
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore",
        parents=[common],
        help="khôi phục dữ liệu từ một bản sao lưu .zip",
        description="Kiểm tra bản sao lưu, nâng cấp nếu cũ hơn, cất tệp dữ liệu hiện tại vào "
        "thư mục backups rồi thay bằng bản sao lưu. Hãy đóng ParDesk trước khi khôi phục.",
    )
    restore.add_argument("archive", metavar="TỆP", help="tệp .zip sao lưu")
    restore.set_defaults(handler=run_restore)


def _db_path(args: argparse.Namespace) -> Path:
    from ui.cli.database import db_target

    target = db_target(args)
    from services.errors import UserError
    from services.store.db import is_server_url

    if is_server_url(str(target)):
        raise UserError(
            "Sao lưu/khôi phục bằng lệnh này chỉ dùng cho tệp dữ liệu SQLite; với máy chủ "
            "PostgreSQL hãy dùng pg_dump, hoặc lệnh transfer để chép sang một tệp .sqlite."
        )
    return Path(str(target).removeprefix("sqlite:///")).expanduser()


def run_backup(args: argparse.Namespace) -> int:
    from services.safety.backup import create_backup

    output = Path(args.output)
    if output.suffix.lower() != ".zip":
        output = output.with_name(output.name + ".zip")
    info = create_backup(_db_path(args), output)
    if info.cleaned:
        print(f"Đã xóa {len(info.cleaned)} tệp dở dang do lần sao lưu trước bị ngắt:")
        for path in info.cleaned:
            print(f"  - {path}")
    print(f"Đã sao lưu vào: {info.path}")
    print(f"Lược đồ: {info.schema_revision}; tài liệu kiểm chứng: {info.evidence_count} tệp")
    print(f"Dung lượng dữ liệu: {info.total_size / 1024 / 1024:.1f} MB")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from services.safety.restore import restore_backup
    from services.text import format_date

    db_path = _db_path(args)
    result = restore_backup(Path(args.archive), db_path)
    for line in result.earlier.lines():
        print(line)
    info = result.info
    print(
        f"Đã khôi phục bản sao lưu lúc {info.created_at:%H:%M} {format_date(info.created_at)} "
        f"vào: {db_path}"
    )
    if result.upgraded_from:
        print(f"Bản sao lưu cũ đã được nâng cấp lược đồ {result.upgraded_from} → mới nhất.")
    if result.kept_aside:
        print(f"Tệp dữ liệu trước khi khôi phục được cất tại: {result.kept_aside}")
    if result.evidence_aside:
        print(f"Thư mục tài liệu kiểm chứng cũ được cất tại: {result.evidence_aside}")
    return 0
