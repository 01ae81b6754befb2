"""`init` and `check`: create, migrate and inspect a database."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.bundle import Services
    from services.store.db import Database


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    init = subparsers.add_parser(
        "init",
        parents=[common],
        help="tạo (hoặc nâng cấp) tệp dữ liệu, nạp kế hoạch mẫu",
        description="Tạo tệp dữ liệu mới và nâng cấp lược đồ; tệp mới được nạp kế hoạch mẫu "
        "năm 2025 trừ khi có --empty.",
    )
    init.add_argument("--empty", action="store_true", help="tạo dữ liệu trống, không nạp mẫu")
    init.set_defaults(handler=run_init)
    check = subparsers.add_parser(
        "check",
        parents=[common],
        help="kiểm tra tệp dữ liệu: lược đồ, số bản ghi, tính toàn vẹn, tài liệu kiểm chứng",
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="xóa các tệp dở dang do ParDesk bị ngắt để lại (tệp tài liệu kiểm chứng không "
        "thuộc bản ghi nào, tệp khôi phục/sao lưu dở dang), liệt kê từng tệp",
    )
    check.set_defaults(handler=run_check)


def db_target(args: argparse.Namespace) -> str | Path:
    from services.store.paths import default_db_path

    return getattr(args, "db", None) or default_db_path()


@contextmanager
def opened_database(args: argparse.Namespace) -> Iterator[Database]:
    """The database of ``--db`` or the default file for one batch command, closed after it.

    Opened as the window opens it (checked, backed up and migrated when older, refused when
    newer) but never created: a mistyped path must not silently become an empty database.
    """
    from services.errors import DatabaseOpenError
    from services.store.db import is_server_url
    from services.store.startup import prepare_database

    target = db_target(args)
    if not is_server_url(str(target)) and not Path(target).exists():
        raise DatabaseOpenError(
            f"Không có tệp dữ liệu “{target}”. Hãy chạy “main.py init --db TỆP” để tạo."
        )
    db, outcome = prepare_database(target, sample=False)
    print_tidied(outcome.tidied)
    try:
        yield db
    finally:
        db.dispose()


@contextmanager
def opened_services(args: argparse.Namespace) -> Iterator[Services]:
    """All the services of the database of ``--db``, for commands that touch several areas.

    A command that needs one area (``pdf plan``) opens ``opened_database`` and builds only
    that area's service: the whole bundle imports every area and costs a batch run ~0.5 s.
    """
    from services.bundle import build_services

    with opened_database(args) as db:
        yield build_services(db)


def run_init(args: argparse.Namespace) -> int:
    from services.store.startup import prepare_database

    db, outcome = prepare_database(db_target(args), sample=not args.empty)
    print_tidied(outcome.tidied)
    try:
        if outcome.created:
            what = "trống" if args.empty else "có kế hoạch mẫu năm 2025"
            print(f"Đã tạo tệp dữ liệu {what}: {db.url}")
        elif outcome.before != outcome.after:
            print(f"Đã nâng cấp lược đồ {outcome.before} → {outcome.after}: {db.url}")
            print(f"Bản sao trước khi nâng cấp: {outcome.backup}")
        else:
            print(f"Tệp dữ liệu đã ở lược đồ mới nhất ({outcome.after}): {db.url}")
    finally:
        db.dispose()
    return 0


def print_tidied(lines: tuple[str, ...] | list[str]) -> None:
    """What a start tidied after an interruption: on stderr, so piped output stays clean."""
    import sys

    for line in lines:
        print(line, file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    from services.errors import DatabaseOpenError
    from services.safety.checks import check_database
    from services.store.db import is_server_url, open_database

    target = db_target(args)
    if not is_server_url(str(target)) and not Path(target).exists():
        raise DatabaseOpenError(f"Không có tệp dữ liệu “{target}”.")
    if args.repair:
        _repair(target)
    db = open_database(target)
    try:
        report = check_database(db)
    finally:
        db.dispose()
    print(f"Tệp dữ liệu: {report.location}")
    print(f"Lược đồ: {report.revision or 'chưa có'} (phiên bản chương trình cần: {report.head})")
    print("Số bản ghi:")
    for table, count in report.counts.items():
        print(f"  {table:<24} {count:>8}")
    print(f"Kiểm tra toàn vẹn: {'; '.join(report.integrity)}")
    _print_findings(report)
    print("KẾT QUẢ: TỐT" if report.ok else "KẾT QUẢ: CÓ VẤN ĐỀ")
    return 0 if report.ok else 1


def _repair(target: str | Path) -> None:
    """``check --repair``: the start's tidy-up, then the orphan evidence files, each listed."""
    from services.safety.checks import repair_evidence
    from services.safety.leftovers import Tidied
    from services.store.db import is_server_url, open_database
    from services.store.startup import tidy_after_interruption

    path = None if is_server_url(str(target)) else Path(str(target).removeprefix("sqlite:///"))
    done = tidy_after_interruption(path) if path is not None else Tidied()
    db = open_database(target)
    try:
        done += repair_evidence(db)
    finally:
        db.dispose()
    if not done:
        print("Sửa chữa: không có tệp dở dang nào cần xóa.")
    for line in done.lines():
        print(line.replace("Đã xóa", "Sửa chữa: đã xóa", 1) if line.startswith("Đã xóa") else line)


def _print_findings(report) -> None:
    """Evidence files and orphans, each kind listed (at most 50 of each)."""
    where = f" (bảng {report.evidence_table})" if report.evidence_table else ""
    print(f"Tài liệu kiểm chứng trong thư mục evidence: {report.evidence_files} tệp{where}")
    for title, items in (
        ("Tệp tài liệu kiểm chứng bị thiếu", report.missing_files),
        ("Tệp tài liệu kiểm chứng bị thay đổi (sai mã sha256)", report.altered_files),
        ("Tệp trong thư mục evidence không thuộc bản ghi nào", report.orphan_files),
        ("Bản ghi mồ côi (bản ghi cha không còn)", report.orphan_rows),
    ):
        if items:
            print(f"{title}: {len(items)}")
            for item in items[:50]:
                print(f"  - {item}")
