"""Engine and session factory for a SQLite file or a server URL.

SQLite gets WAL, foreign keys and a busy timeout on every connection. Nothing else in the
services depends on the dialect: the same code runs on PostgreSQL through its URL.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from services.errors import DatabaseOpenError
from services.store import shared_folder

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Database:
    """What the services need: an engine and a factory of short-lived sessions."""

    engine: Engine
    session_factory: sessionmaker[Session]
    path: Path | None  # the SQLite file; None for a server database

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def location(self) -> str:
        """Where the data is, as a clerk reads it: the file's path, or "máy chủ HOST, cơ sở
        dữ liệu NAME" for a server (never a technical address, never a password)."""
        if self.path is not None:
            return str(self.path)
        url = self.engine.url
        host = url.host or "máy này"
        port = f":{url.port}" if url.port else ""
        return f"máy chủ {host}{port}, cơ sở dữ liệu {url.database or ''}".rstrip(", ")

    def dispose(self) -> None:
        self.engine.dispose()


def is_server_url(target: str) -> bool:
    return "://" in target and not target.startswith("sqlite")


def preflight_sqlite(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a usable SQLite database.

    Opening a non-SQLite or corrupt file through the engine could create -wal/-shm files or
    fail half-way through a migration, so the checks run first on a read-only connection.
    """
    folder = path.parent
    if path.is_dir():
        raise DatabaseOpenError(f"“{path}” là một thư mục, không phải tệp dữ liệu.")
    if not path.exists():
        if not folder.exists():
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                raise DatabaseOpenError(
                    f"Không tạo được thư mục dữ liệu “{folder}”: {exc.strerror or exc}."
                ) from exc
        _check_writable_folder(folder)
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise DatabaseOpenError(
            f"Tệp “{path.name}” không phải là tệp dữ liệu ParDesk (SQLite). "
            "Hãy chọn đúng tệp dữ liệu; tệp này được giữ nguyên."
        )
    if not header:
        return  # an empty file is a new database
    _check_writable_folder(folder)
    _probe_readonly(path)


def _check_writable_folder(folder: Path) -> None:
    # SQLite in WAL mode writes -wal and -shm files beside the database.
    import os

    if not os.access(folder, os.W_OK):
        raise DatabaseOpenError(
            f"Thư mục “{folder}” chỉ cho phép đọc; ParDesk cần quyền ghi vào thư mục này "
            "để lưu dữ liệu. Hãy chọn thư mục khác hoặc nhờ cán bộ tin học cấp quyền."
        )


def _probe_readonly(path: Path) -> None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2)
    except sqlite3.Error as exc:  # pragma: no cover - depends on the OS
        raise DatabaseOpenError(f"Không mở được tệp “{path.name}”: {exc}.") from exc
    conn.text_factory = bytes  # a scribbled page must not crash the decoding of a name
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower():
            raise DatabaseOpenError(
                f"Tệp dữ liệu “{path.name}” đang bị một chương trình khác khóa. "
                "Hãy đóng chương trình đó (hoặc cửa sổ ParDesk khác) rồi thử lại."
            ) from exc
        raise DatabaseOpenError(f"Không đọc được tệp “{path.name}”: {exc}.") from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DatabaseOpenError(
            f"Tệp dữ liệu “{path.name}” bị hỏng ({exc}). Tệp được giữ nguyên; "
            "hãy khôi phục từ bản sao lưu gần nhất."
        ) from exc
    finally:
        conn.close()
    if tables and b"alembic_version" not in tables:
        raise DatabaseOpenError(
            f"Tệp “{path.name}” là cơ sở dữ liệu của một chương trình khác, không phải của "
            "ParDesk; tệp được giữ nguyên. Hãy chọn đúng tệp dữ liệu ParDesk."
        )


def open_database(target: str | Path) -> Database:
    """Build the engine for a file path or a database URL, after the pre-flight checks."""
    if isinstance(target, str) and is_server_url(target):
        engine = _server_engine(target)
        path = None
    else:
        path = Path(str(target).removeprefix("sqlite:///")).expanduser()
        preflight_sqlite(path)
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _pragmas_for(path))
    factory = sessionmaker(engine, expire_on_commit=False)
    _install_safety_hooks(engine, factory)
    return Database(engine=engine, session_factory=factory, path=path)


def server_url(target: str) -> str:
    """``postgresql://…`` (and ``postgres://``) through psycopg 3, the driver ParDesk ships."""
    for bare in ("postgresql://", "postgres://"):
        if target.startswith(bare):
            return "postgresql+psycopg://" + target.removeprefix(bare)
    return target


def _server_engine(target: str) -> Engine:
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        engine = create_engine(
            server_url(target),
            pool_pre_ping=True,
            connect_args={"connect_timeout": 10} if "postgresql" in target else {},
        )
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseOpenError(f"Địa chỉ cơ sở dữ liệu “{target}” không hợp lệ: {exc}.") from exc
    try:
        with engine.connect():
            pass
    except Exception as exc:  # the server's own reason, e.g. refused, wrong password
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseOpenError(
            f"Không kết nối được máy chủ cơ sở dữ liệu "
            f"“{engine.url.render_as_string(hide_password=True)}” ({reason}). "
            "Hãy kiểm tra máy chủ đã bật, địa chỉ, tên và mật khẩu."
        ) from exc
    return engine


def _pragmas_for(path: Path):
    """WAL on a local disk; the rollback journal for a file in a shared network folder."""
    if shared_folder.is_network_path(path):
        return shared_folder.shared_folder_pragmas(BUSY_TIMEOUT_MS)
    return shared_folder.sqlite_pragmas(BUSY_TIMEOUT_MS, journal_mode="WAL", synchronous="NORMAL")


def _install_safety_hooks(engine: Engine, factory: sessionmaker[Session]) -> None:
    """The audit trail, access checks and NFC text on every session; lock errors in plain
    Vietnamese."""
    from services.accounts.access import install_access
    from services.safety.audit import install_audit
    from services.safety.locks import install_lock_messages
    from services.safety.nfc_guard import install_nfc

    install_nfc(factory)
    install_audit(factory)
    install_access(factory)
    install_lock_messages(engine)
