"""`transfer --from A --to B`: move a ward's data between a SQLite file and PostgreSQL."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "transfer",
        help="chuyển dữ liệu giữa tệp SQLite và máy chủ PostgreSQL, đối chiếu từng dòng",
        description="Sao chép toàn bộ dữ liệu từ NGUỒN sang ĐÍCH (một cơ sở dữ liệu mới, trống), "
        "rồi đối chiếu từng dòng của từng bảng. NGUỒN/ĐÍCH là đường dẫn tệp .sqlite hoặc địa chỉ "
        "postgresql://người_dùng:mật_khẩu@máy:cổng/tên_csdl.",
    )
    parser.add_argument("--from", dest="source", required=True, metavar="NGUỒN")
    parser.add_argument("--to", dest="target", required=True, metavar="ĐÍCH")
    parser.set_defaults(handler=run_transfer)


def run_transfer(args: argparse.Namespace) -> int:
    from services.bundle import evidence_folder
    from services.errors import DatabaseOpenError
    from services.safety.transfer import transfer
    from services.store.db import is_server_url
    from services.store.startup import prepare_database

    if not is_server_url(args.source) and not Path(args.source).exists():
        raise DatabaseOpenError(f"Không có tệp dữ liệu nguồn “{args.source}”.")
    source, _ = prepare_database(args.source, sample=False)
    try:
        target, _ = prepare_database(args.target, sample=False)
        try:
            report = transfer(
                source,
                target,
                source_evidence=evidence_folder(source),
                target_evidence=evidence_folder(target),
                progress=print,
            )
        finally:
            target.dispose()
    finally:
        source.dispose()
    print(f"Đã chuyển {report.total} dòng từ {report.source} sang {report.target}:")
    for table, count in report.rows.items():
        if count:
            print(f"  {table:<28} {count:>8}")
    print(f"Tài liệu kiểm chứng đã chép: {report.evidence_files} tệp")
    print("Đối chiếu từng dòng: KHỚP")
    return 0
