"""User accounts: argon2id password hashes (salted), sign-in, and the ``accounts_enabled`` switch.

Until an administrator turns accounts on, a ward on one PC works without signing in (the
implicit local administrator). Turning them on creates the first administrator in the same
transaction, so a database never has accounts switched on with nobody able to sign in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from models import AppSetting, Unit, UserAccount
from services.accounts.access import (
    NOBODY,
    ROLE_LABELS,
    Account,
    current_account,
    require,
    set_account,
)
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.text import nfc, search_key

ACCOUNTS_ENABLED = "accounts_enabled"
MIN_PASSWORD = 8


@dataclass(frozen=True)
class AccountDraft:
    login: str
    full_name: str
    role: str
    password: str = ""  # empty on an update: keep the password
    unit_id: int | None = None
    active: bool = True


@dataclass(frozen=True)
class AccountRow:
    id: int
    login: str
    full_name: str
    role: str
    role_label: str
    unit_id: int | None
    unit_name: str
    active: bool


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def fold_login(login: str) -> str:
    return search_key(login).replace(" ", "")


def _account(row: UserAccount) -> Account:
    return Account(row.login, row.full_name, row.role, row.unit_id, id=row.id)


class AccountService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory
        self._lock_when_enabled()

    def _lock_when_enabled(self) -> None:
        """With accounts on, nobody writes before signing in (the window asks at start).

        A script (Task Scheduler, the command line) signs in with PARDESK_USER and
        PARDESK_PASSWORD.
        """
        if not current_account(self._sessions).local:
            return  # already signed in on this factory
        try:
            on = self.enabled()
        except DBAPIError:  # a database not yet migrated has no settings table
            return
        if not on:
            return
        set_account(self._sessions, NOBODY)
        login = os.environ.get("PARDESK_USER", "").strip()
        if login:
            self.sign_in(login, os.environ.get("PARDESK_PASSWORD", ""))

    def current(self) -> Account:
        """Who is signed in; the implicit local administrator while accounts are off."""
        return current_account(self._sessions)

    def refresh_actor(self) -> None:
        """Put the signed-in account back as the audit actor (after a name was applied)."""
        account = current_account(self._sessions)
        if not account.local:
            set_account(self._sessions, account)

    def enabled(self) -> bool:
        with self._sessions() as session:
            row = session.get(AppSetting, ACCOUNTS_ENABLED)
            return row is not None and row.value == "1"

    def accounts(self) -> list[AccountRow]:
        with self._sessions() as session:
            units: dict[int | None, str] = {
                i: n for i, n in session.execute(select(Unit.id, Unit.name))
            }
            rows = session.scalars(select(UserAccount).order_by(UserAccount.login))
            return [
                AccountRow(
                    r.id,
                    r.login,
                    r.full_name,
                    r.role,
                    ROLE_LABELS.get(r.role, r.role),
                    r.unit_id,
                    units.get(r.unit_id, ""),
                    r.active,
                )
                for r in rows
            ]

    def enable(self, first_admin: AccountDraft) -> Account:
        """Turn accounts on with ``first_admin`` (role forced to administrator); signs them in."""
        require(self._sessions, "users")
        draft = AccountDraft(
            first_admin.login, first_admin.full_name, "administrator", first_admin.password
        )
        with self._sessions.begin() as session:
            row = session.scalar(
                select(UserAccount).where(UserAccount.login == fold_login(draft.login))
            )
            if row is None:
                row = self._insert(session, draft)
            elif row.role != "administrator" or not verify_password(
                row.password_hash, draft.password
            ):
                raise UserError("Tên đăng nhập đã có; hãy chọn tên khác cho người quản trị.")
            _set(session, ACCOUNTS_ENABLED, "1")
            account = _account(row)
        set_account(self._sessions, account)
        return account

    def disable(self) -> None:
        require(self._sessions, "users")
        with self._sessions.begin() as session:
            _set(session, ACCOUNTS_ENABLED, "0")

    def create(self, draft: AccountDraft) -> AccountRow:
        require(self._sessions, "users")
        with self._sessions.begin() as session:
            row = self._insert(session, draft)
            account_id = row.id
        return self._row(account_id)

    def update(self, account_id: int, draft: AccountDraft) -> AccountRow:
        require(self._sessions, "users")
        with self._sessions.begin() as session:
            row = session.get(UserAccount, account_id)
            if row is None:
                raise NotFoundError("Tài khoản này không còn trong dữ liệu.")
            _check(session, draft, new=False, account_id=account_id)
            if row.role == "administrator" and (draft.role != "administrator" or not draft.active):
                _keep_one_admin(session, account_id)
            row.full_name = nfc(draft.full_name).strip()
            row.role = draft.role
            row.unit_id = draft.unit_id if draft.role == "unit_officer" else None
            row.active = draft.active
            if draft.password:
                row.password_hash = hash_password(draft.password)
        return self._row(account_id)

    def sign_in(self, login: str, password: str) -> Account:
        """Check the password; on success every later session acts as this account."""
        with self._sessions() as session:
            row = session.scalar(select(UserAccount).where(UserAccount.login == fold_login(login)))
            ok = row is not None and row.active and verify_password(row.password_hash, password)
            if not ok:
                raise UserError("Tên đăng nhập hoặc mật khẩu không đúng.")
            assert row is not None  # ok is only true with a row
            account = _account(row)
        set_account(self._sessions, account)
        return account

    def _insert(self, session: Session, draft: AccountDraft) -> UserAccount:
        _check(session, draft, new=True)
        row = UserAccount(
            login=fold_login(draft.login),
            full_name=nfc(draft.full_name).strip(),
            password_hash=hash_password(draft.password),
            role=draft.role,
            unit_id=draft.unit_id if draft.role == "unit_officer" else None,
            active=draft.active,
        )
        session.add(row)
        session.flush()
        return row

    def _row(self, account_id: int) -> AccountRow:
        return next(r for r in self.accounts() if r.id == account_id)


def _set(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value


def _keep_one_admin(session: Session, account_id: int) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(UserAccount)
        .where(
            UserAccount.role == "administrator",
            UserAccount.active.is_(True),
            UserAccount.id != account_id,
        )
    )
    if not others:
        raise UserError("Phải còn ít nhất một tài khoản quản trị đang hoạt động.")


def _check(session: Session, draft: AccountDraft, *, new: bool, account_id: int = 0) -> None:
    problems = []
    login = fold_login(draft.login)
    if new:
        if not login or not login.replace(".", "").replace("_", "").isalnum():
            problems.append(
                Problem(
                    "Tên đăng nhập", "chỉ gồm chữ, số, dấu chấm hoặc gạch dưới, không để trống."
                )
            )
        elif session.scalar(select(UserAccount.id).where(UserAccount.login == login)):
            problems.append(Problem("Tên đăng nhập", f"“{login}” đã có."))
    if not nfc(draft.full_name).strip():
        problems.append(Problem("Họ và tên", "không được để trống."))
    if draft.role not in ROLE_LABELS:
        problems.append(Problem("Vai trò", f"“{draft.role}” không hợp lệ."))
    if draft.role == "unit_officer" and (
        draft.unit_id is None or session.get(Unit, draft.unit_id) is None
    ):
        problems.append(Problem("Bộ phận", "cán bộ bộ phận phải thuộc một bộ phận."))
    if (new or draft.password) and len(draft.password) < MIN_PASSWORD:
        problems.append(Problem("Mật khẩu", f"cần ít nhất {MIN_PASSWORD} ký tự."))
    if problems:
        raise ValidationError(problems)
