"""Who may change what: roles, permissions, and one check on every write.

The signed-in account travels on the session factory (``session.info["account"]``) the way
the audit actor does. ``install_access`` adds a ``before_flush`` listener that looks at every
new, changed and deleted row and refuses (``PermissionDeniedError``, nothing written) what the
account's role may not do, so every service — present and future — is covered without each
write method repeating the rule. ``require`` is the same check for actions that are not a
table write (managing accounts, signing).

Without an account (accounts not turned on: one PC, one implicit local administrator) every
change is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from services.errors import UserError

ACCOUNT = "account"

ROLE_LABELS = {
    "administrator": "Quản trị hệ thống",
    "leader": "Lãnh đạo",
    "office": "Văn phòng",
    "unit_officer": "Cán bộ bộ phận",
}

PERMISSION_LABELS = {
    "profile": "sửa thông tin đơn vị",
    "users": "quản lý tài khoản",
    "frameworks": "sửa bộ chỉ số",
    "units": "sửa danh sách bộ phận",
    "plan": "sửa kế hoạch",
    "progress": "cập nhật tiến độ",
    "own_progress": "cập nhật tiến độ nhiệm vụ của bộ phận mình",
    "evidence": "đính kèm tài liệu kiểm chứng",
    "documents": "soạn văn bản, báo cáo",
    "numbering": "cấp số văn bản",
    "sign": "duyệt và ký báo cáo",
    "assessments": "chấm điểm chỉ số",
    "legal": "rà soát văn bản",
    "disclosure": "công khai",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "administrator": frozenset({"profile", "users", "frameworks", "units"}),
    "leader": frozenset({"sign"}),
    "office": frozenset(
        {"plan", "progress", "evidence", "documents", "numbering", "assessments", "legal"}
        | {"disclosure"}
    ),
    "unit_officer": frozenset({"own_progress", "evidence"}),
}

# Any one of the permissions lets a role write the table; audit_log is written by the trail.
TABLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "organisation": frozenset({"profile"}),
    "document_settings": frozenset({"profile", "documents"}),
    "user_accounts": frozenset({"users"}),
    "app_settings": frozenset({"users"}),
    "units": frozenset({"units"}),
    "index_frameworks": frozenset({"frameworks"}),
    "criteria": frozenset({"frameworks", "assessments"}),
    "plans": frozenset({"plan"}),
    "plan_sections": frozenset({"plan"}),
    "plan_tasks": frozenset({"plan", "progress", "own_progress"}),
    "task_progress": frozenset({"progress", "own_progress"}),
    "task_occurrences": frozenset({"progress", "own_progress"}),
    "evidence_files": frozenset({"evidence"}),
    "reports": frozenset({"documents", "sign"}),
    "outgoing_documents": frozenset({"numbering", "sign"}),
    "sipas_responses": frozenset({"assessments"}),
}
_PREFIX_PERMISSIONS = (("legal_", "legal"), ("disclosure", "disclosure"))
_DISCLOSURE_TABLES = {"holidays", "residential_groups"}
# What a progress update changes on the task itself (services.plan.progress.follow_history).
PROGRESS_COLUMNS = frozenset({"status", "percent", "result_notes", "updated_at", "version"})


class PermissionDeniedError(UserError):
    """The signed-in account's role may not do this; nothing was written."""


@dataclass(frozen=True)
class Account:
    """The person at the keyboard. ``local``: accounts are off, one implicit administrator."""

    login: str
    full_name: str
    role: str
    unit_id: int | None = None
    id: int | None = None
    local: bool = False

    @property
    def role_label(self) -> str:
        if self.local:
            return "Quản trị (máy đơn)"
        return ROLE_LABELS.get(self.role, self.role) or "chưa đăng nhập"

    def may(self, permission: str) -> bool:
        return self.local or permission in ROLE_PERMISSIONS.get(self.role, frozenset())


LOCAL_ADMIN = Account(login="", full_name="", role="administrator", local=True)
# Accounts are on and nobody has signed in yet: reading only.
NOBODY = Account(login="", full_name="", role="")


def set_account(session_factory: sessionmaker[Session], account: Account | None) -> None:
    """Sessions from now on act as ``account`` (None: the implicit local administrator)."""
    from services.safety.audit import set_actor

    info = dict(session_factory.kw.get("info") or {})
    info[ACCOUNT] = None if account is None or account.local else account
    session_factory.configure(info=info)
    if account is not None and account.login:
        set_actor(session_factory, f"{account.full_name} ({account.login})")


def current_account(session_factory: sessionmaker[Session]) -> Account:
    return (session_factory.kw.get("info") or {}).get(ACCOUNT) or LOCAL_ADMIN


def _denied(account: Account, what: str) -> PermissionDeniedError:
    if not account.login:
        return PermissionDeniedError(f"Chưa đăng nhập nên không có quyền {what}.")
    return PermissionDeniedError(
        f"Tài khoản “{account.login}” ({account.role_label}) không có quyền {what}."
    )


def require(session_factory: sessionmaker[Session], permission: str) -> Account:
    """The current account, or ``PermissionDeniedError`` if its role lacks ``permission``."""
    account = current_account(session_factory)
    if not account.may(permission):
        raise _denied(account, PERMISSION_LABELS.get(permission, permission))
    return account


def table_permissions(table: str) -> frozenset[str]:
    if table in TABLE_PERMISSIONS:
        return TABLE_PERMISSIONS[table]
    if table in _DISCLOSURE_TABLES:
        return frozenset({"disclosure"})
    for prefix, permission in _PREFIX_PERMISSIONS:
        if table.startswith(prefix):
            return frozenset({permission})
    if table.startswith("evidence_") or table == "criterion_task_links":
        return frozenset({"evidence", "assessments"})
    return frozenset({"plan"})  # anything new: the office's


def install_access(session_factory: sessionmaker[Session]) -> None:
    if not getattr(session_factory, "_pardesk_access", False):  # see install_audit
        session_factory._pardesk_access = True  # type: ignore[attr-defined]
        event.listen(session_factory, "before_flush", _before_flush)
        event.listen(session_factory, "do_orm_execute", _bulk_statement)


def _before_flush(session: Session, _context, _instances) -> None:
    account: Account | None = session.info.get(ACCOUNT)
    if account is None:
        return
    for obj, action in (
        *((o, "insert") for o in session.new),
        *((o, "update") for o in session.dirty if session.is_modified(o)),
        *((o, "delete") for o in session.deleted),
    ):
        _check_row(session, account, obj, action)


def _check_row(session: Session, account: Account, obj: object, action: str) -> None:
    table = inspect(obj).mapper.local_table.name
    if table == "audit_log":
        return
    allowed = table_permissions(table)
    if any(p != "own_progress" and account.may(p) for p in allowed):
        return
    label = _table_label(table)
    if "own_progress" in allowed and account.may("own_progress"):
        task_id: int | None = getattr(obj, "id" if table == "plan_tasks" else "task_id")
        if table == "plan_tasks" and (action != "update" or _changed(obj) - PROGRESS_COLUMNS):
            raise _denied(account, "sửa nội dung nhiệm vụ (chỉ được cập nhật tiến độ)")
        if _lead_unit(session, obj, task_id) != account.unit_id or account.unit_id is None:
            raise _denied(account, "cập nhật nhiệm vụ của bộ phận khác")
        return
    raise _denied(account, f"thay đổi {label}")


def _changed(obj: object) -> set[str]:
    """Changed columns and collections (partner units, criteria links) of one row."""
    state = inspect(obj)
    return {a.key for a in state.mapper.attrs if state.attrs[a.key].history.has_changes()}


def _lead_unit(session: Session, obj: object, task_id: int | None) -> int | None:
    from models import PlanTask

    if isinstance(obj, PlanTask):
        history = inspect(obj).attrs["lead_unit_id"].history
        if history.has_changes():  # the unit as it was stored, not as it was edited
            return (history.deleted or [None])[0]
        return obj.lead_unit_id
    with session.no_autoflush:
        return session.scalar(select(PlanTask.lead_unit_id).where(PlanTask.id == task_id))


def _bulk_statement(state):
    """ORM bulk ``update(Model)``/``delete(Model)`` skip the flush: judged by table alone."""
    account: Account | None = state.session.info.get(ACCOUNT)
    if account is None or not (state.is_update or state.is_delete):
        return None
    table = getattr(state.statement.table, "name", "")
    if table == "audit_log":
        return None
    if not any(p != "own_progress" and account.may(p) for p in table_permissions(table)):
        raise _denied(account, f"thay đổi {_table_label(table)}")
    return None


def _table_label(table: str) -> str:
    from services.safety.audit import TABLE_LABELS

    return TABLE_LABELS.get(table, table).lower() if table in TABLE_LABELS else f"bảng {table}"
