"""Import the register from an Excel workbook: validate everything first, then write once.

Sheet "Văn bản" (required): one document per row. Sheet "Hiệu lực" (optional): the effect
history, one event per row, naming its document by number and symbol. Headers are matched
without accents or case, so "Ngay ban hanh" works as well as "Ngày ban hành". Every problem
is reported by sheet, row and column; with any problem, nothing is written.

Imported history does not open reviews: it records the past, whose reviews were done then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import LegalDocument, LegalEffectEvent
from services.date_input import read_date
from services.errors import Problem, ValidationError
from services.legal import vocab
from services.legal.dto import DocumentDraft, document_label
from services.legal.effect import split_articles
from services.legal.rows import apply as _apply
from services.legal.validation import NEED_BY, validate_document
from services.office.organisation import read_profile
from services.text import format_date, nfc, search_key
from services.xlsx.headers import HeaderSpec, SheetMatch, find_sheet

DOC_SHEET = "Văn bản"
EVENT_SHEET = "Hiệu lực"
DOC_COLUMNS = {
    "doc_type": ("Loại văn bản", True),
    "number_symbol": ("Số, ký hiệu", True),
    "issued_on": ("Ngày ban hành", True),
    "effective_on": ("Ngày có hiệu lực", False),
    "issuer": ("Cơ quan ban hành", True),
    "issuer_name": ("Tên cơ quan ban hành", False),
    "summary": ("Trích yếu", True),
    "field": ("Lĩnh vực", False),
    "bases": ("Căn cứ", False),
    "original_unit": ("Đơn vị ban hành trước sắp xếp", False),
    "signer": ("Người ký", False),
    "notes": ("Ghi chú", False),
}
EVENT_COLUMNS = {
    "number_symbol": ("Số, ký hiệu", True),
    "kind": ("Thay đổi", True),
    "scope": ("Phạm vi", False),
    "articles": ("Điều, khoản", False),
    "from_date": ("Từ ngày", True),
    "by": ("Văn bản tác động", False),
    "reason": ("Ghi chú", False),
}
# "HĐND", "UBND phường", "UBND xã X" are the ward's own bodies; "UBND tỉnh ..." is not.
_WARD_BODIES = {"hdnd": "hdnd", "ubnd": "ubnd"}
_WARD_LEVELS = ("phuong", "xa", "thi tran")


@dataclass(frozen=True)
class ImportReport:
    documents: int
    events: int
    written: bool
    notes: tuple[str, ...] = ()  # what the reader fixed (legacy TCVN3/VNI text, formulas...)

    def summary(self) -> str:
        verb = "Đã nhập" if self.written else "Kiểm tra xong, có thể nhập"
        text = f"{verb} {self.documents} văn bản và {self.events} sự kiện hiệu lực."
        return text + "".join(f"\nLưu ý – {note}" for note in self.notes)


@dataclass
class _DocRow:
    row: int
    draft: DocumentDraft
    basis_refs: tuple[str, ...]
    sheet: str = DOC_SHEET  # the sheet as named in the file (a user's own may differ)


@dataclass
class _EventRow:
    row: int
    number_symbol: str
    kind: str
    scope: str
    articles: str
    from_date: date | None
    by: str
    reason: str
    sheet: str = EVENT_SHEET


def _where(sheet: str, row: int, column: str = "") -> str:
    text = f"Trang “{sheet}”, dòng {row}"
    return f"{text}, cột “{column}”" if column else text


def _spec(columns: dict[str, tuple[str, bool]]) -> HeaderSpec:
    return HeaderSpec.of(
        {key: (title,) for key, (title, _req) in columns.items()},
        required=[key for key, (_title, req) in columns.items() if req],
    )


DOC_SPEC = _spec(DOC_COLUMNS)
EVENT_SPEC = _spec(EVENT_COLUMNS)


def _header_map(
    match: SheetMatch, spec: dict[str, tuple[str, bool]], problems: list[Problem]
) -> dict[str, int]:
    """The columns found; every required one missing is a problem on the header row."""
    found = match.columns
    for key, (title, required) in spec.items():
        if required and key not in found:
            problems.append(
                Problem(_where(match.sheet.name, match.header_row or 1), f"thiếu cột “{title}”.")
            )
    return found


def _text(values: tuple, columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _date(values, columns, key, where: str, problems: list[Problem]) -> date | None:
    index = columns.get(key)
    value = values[index] if index is not None and index < len(values) else None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return read_date(str(value or ""), where, problems)


def _issuer(text: str) -> str:
    """hdnd / ubnd for the ward's bodies; external for any other named body; "" if blank."""
    key = search_key(text)
    for word, code in _WARD_BODIES.items():
        if not key.startswith(word):
            continue
        rest = key.removeprefix(word).strip()
        if not rest or any(rest == lv or rest.startswith(lv + " ") for lv in _WARD_LEVELS):
            return code
    return "external" if key else ""


def _code(label: str, choices: dict[str, str]) -> str:
    key = search_key(label)
    for code, text in choices.items():
        if key in (search_key(text), code.lower()):
            return code
    return ""


def read_workbook(path: str | Path) -> tuple[list[_DocRow], list[_EventRow], list[Problem]]:
    """Parse both sheets into rows and problems; no database needed.

    The file is read by ``services.xlsx.reader``: hostile files are refused in plain words,
    TCVN3/VNI text is converted (``read_workbook_with_notes`` also says what was fixed).
    """
    docs, events, problems, _notes = read_workbook_with_notes(path)
    return docs, events, problems


def read_workbook_with_notes(
    path: str | Path,
) -> tuple[list[_DocRow], list[_EventRow], list[Problem], tuple[Problem, ...]]:
    from services.xlsx.reader import read_xlsx

    book = read_xlsx(Path(path))
    name = Path(path).name
    problems: list[Problem] = []
    doc_match = find_sheet(book, DOC_SPEC, name=DOC_SHEET, only_sheet_fallback=True)
    if doc_match is None:
        raise ValidationError(
            [
                Problem(
                    f"Tệp “{name}”",
                    f"không có trang “{DOC_SHEET}”, cũng không có trang nào có dòng tiêu đề "
                    f"gồm các cột {', '.join(f'“{t}”' for t, req in DOC_COLUMNS.values() if req)}"
                    f" (tệp có: {', '.join(book.sheet_names)}).",
                )
            ]
        )
    notes = list(book.notes)
    if not doc_match.by_name:
        notes.append(doc_match.read_note(name))
    docs = _read_docs(doc_match, problems)
    events = []
    others = replace(book, sheets=tuple(s for s in book.sheets if s is not doc_match.sheet))
    event_match = find_sheet(others, EVENT_SPEC, name=EVENT_SHEET)
    if event_match is None and any(
        search_key(s.name) == search_key(EVENT_SHEET) for s in others.sheets
    ):
        # The sheet is there but its header is not: name what is missing.
        event_match = find_sheet(others, EVENT_SPEC, name=EVENT_SHEET, only_sheet_fallback=True)
    if event_match is not None:
        if not event_match.by_name:
            notes.append(event_match.read_note(name))
        events = _read_events(event_match, problems)
    return docs, events, problems, tuple(notes)


def _read_docs(match: SheetMatch, problems: list[Problem]) -> list[_DocRow]:
    before = len(problems)
    sheet = match.sheet
    columns = _header_map(match, DOC_COLUMNS, problems)
    if len(problems) > before:
        return []  # rows of a sheet without its required columns would only repeat the fact
    rows = []
    top = match.header_row
    for number, values in enumerate(sheet.rows[top:], start=top + 1):
        if not any(v not in (None, "") for v in values):
            continue
        issuer_text = _text(values, columns, "issuer")
        issuer = _issuer(issuer_text)
        named = search_key(issuer_text) not in ("cap tren", "external")
        if named and issuer == "external" and not _text(values, columns, "issuer_name"):
            issuer_name = issuer_text
        else:
            issuer_name = _text(values, columns, "issuer_name")
        issued_at = _where(sheet.name, number, DOC_COLUMNS["issued_on"][0])
        effective_at = _where(sheet.name, number, DOC_COLUMNS["effective_on"][0])
        draft = DocumentDraft(
            doc_type=_text(values, columns, "doc_type"),
            number_symbol=_text(values, columns, "number_symbol"),
            issued_on=_date(values, columns, "issued_on", issued_at, problems),
            effective_on=_date(values, columns, "effective_on", effective_at, problems),
            issuer=issuer,
            issuer_name=issuer_name,
            summary=_text(values, columns, "summary"),
            field=_text(values, columns, "field"),
            original_unit=_text(values, columns, "original_unit"),
            signer=_text(values, columns, "signer"),
            notes=_text(values, columns, "notes"),
        )
        refs = tuple(
            nfc(r) for r in _text(values, columns, "bases").replace("\n", ";").split(";") if nfc(r)
        )
        rows.append(_DocRow(number, draft, refs, sheet.name))
    return rows


def _read_events(match: SheetMatch, problems: list[Problem]) -> list[_EventRow]:
    before = len(problems)
    sheet = match.sheet
    columns = _header_map(match, EVENT_COLUMNS, problems)
    if len(problems) > before:
        return []
    rows = []
    top = match.header_row
    for number, values in enumerate(sheet.rows[top:], start=top + 1):
        if not any(v not in (None, "") for v in values):
            continue
        where = _where(sheet.name, number, EVENT_COLUMNS["from_date"][0])
        rows.append(
            _EventRow(
                row=number,
                number_symbol=_text(values, columns, "number_symbol"),
                kind=_text(values, columns, "kind"),
                scope=_text(values, columns, "scope") or "Toàn bộ",
                articles=_text(values, columns, "articles"),
                from_date=_date(values, columns, "from_date", where, problems),
                by=_text(values, columns, "by"),
                reason=_text(values, columns, "reason"),
                sheet=sheet.name,
            )
        )
    return rows


class RegisterImporter:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def import_file(self, path: str | Path, *, dry_run: bool = False) -> ImportReport:
        docs, events, problems, notes = read_workbook_with_notes(path)
        with self._sessions.begin() as session:
            plan = _Plan(session, docs, events, problems)
            if problems:
                raise ValidationError(problems)
            if dry_run:
                session.rollback()
            else:
                plan.write()
        return ImportReport(
            len(docs), len(events), written=not dry_run, notes=tuple(str(n) for n in notes)
        )


class _Plan:
    """Checks the parsed rows against the register and against each other, then writes."""

    def __init__(
        self,
        session: Session,
        docs: list[_DocRow],
        events: list[_EventRow],
        problems: list[Problem],
    ):
        self.session = session
        self.level = read_profile(session).level
        self.docs, self.events, self.problems = docs, events, problems
        existing = session.execute(
            select(
                LegalDocument.id,
                LegalDocument.doc_type,
                LegalDocument.number_symbol,
                LegalDocument.issued_on,
            )
        ).all()
        # Documents are named by number and symbol; -(row) ids stand for the file's new rows.
        self.by_symbol: dict[str, int] = {search_key(r.number_symbol): r.id for r in existing}
        self.known: dict[int, tuple[str, date]] = {
            r.id: (document_label(r.doc_type, r.number_symbol), r.issued_on) for r in existing
        }
        self.issued: dict[int, date] = {r.id: r.issued_on for r in existing}
        self._index_new_documents()
        self.resolved_bases = {d.row: self._check_document(d) for d in docs}
        self.resolved_events = [self._check_event(e) for e in events]

    def _index_new_documents(self) -> None:
        for d in self.docs:
            key = search_key(d.draft.number_symbol)
            where = _where(d.sheet, d.row, "Số, ký hiệu")
            if not key:
                continue
            if key in self.by_symbol:
                first = self.by_symbol[key]
                message = (
                    f"“{d.draft.number_symbol}” đã có trong sổ."
                    if first > 0
                    else f"“{d.draft.number_symbol}” trùng với dòng {-first}."
                )
                self.problems.append(Problem(where, message))
                continue
            self.by_symbol[key] = -d.row
            # A row whose own date is wrong is reported once, on its own row, not on its users.
            label = document_label(d.draft.doc_type, d.draft.number_symbol)
            self.known[-d.row] = (label, d.draft.issued_on or date.min)
            if d.draft.issued_on:
                self.issued[-d.row] = d.draft.issued_on

    def _check_document(self, d: _DocRow) -> tuple[int, ...]:
        ids = []
        for ref in d.basis_refs:
            found = self.by_symbol.get(search_key(ref))
            if found is None:
                self.problems.append(
                    Problem(
                        _where(d.sheet, d.row, "Căn cứ"),
                        f"“{ref}” không có trong sổ hay trong tệp.",
                    )
                )
            else:
                ids.append(found)
        if not d.draft.issuer and d.draft.number_symbol:
            self.problems.append(
                Problem(
                    _where(d.sheet, d.row, "Cơ quan ban hành"),
                    "ghi HĐND, UBND hoặc tên cơ quan cấp trên.",
                )
            )
        draft = replace(d.draft, basis_ids=tuple(ids), issuer=d.draft.issuer or "ubnd")
        reported = {p.where for p in self.problems}
        for p in validate_document(draft, self.known, self_id=-d.row, level=self.level):
            # The validator names fields as the sheet's columns are titled; a cell already
            # reported as unreadable is not reported again as empty.
            where = _where(d.sheet, d.row, p.where)
            if where not in reported:
                self.problems.append(Problem(where, p.message))
        return tuple(ids)

    def _check_event(self, e: _EventRow) -> tuple[int, str, str, int | None] | None:
        sheet = e.sheet
        doc_id = self.by_symbol.get(search_key(e.number_symbol))
        kind, scope = _code(e.kind, vocab.EVENT_KINDS), _code(e.scope, vocab.SCOPES)
        before = len(self.problems)
        if doc_id is None:
            self.problems.append(
                Problem(
                    _where(sheet, e.row, "Số, ký hiệu"),
                    f"“{e.number_symbol}” không có trong sổ hay trong tệp.",
                )
            )
        if not kind:
            choices = "; ".join(vocab.EVENT_KINDS.values())
            self.problems.append(
                Problem(
                    _where(sheet, e.row, "Thay đổi"),
                    f"“{e.kind}” không hợp lệ; ghi một trong: {choices}.",
                )
            )
        if not scope:
            self.problems.append(
                Problem(
                    _where(sheet, e.row, "Phạm vi"),
                    f"“{e.scope}” không hợp lệ; ghi Toàn bộ hoặc Một phần.",
                )
            )
        if scope == "part" and not split_articles(e.articles):
            self.problems.append(
                Problem(
                    _where(sheet, e.row, "Điều, khoản"),
                    "phải ghi các điều, khoản khi chỉ một phần.",
                )
            )
        if kind in NEED_BY and not e.by:
            self.problems.append(
                Problem(
                    _where(sheet, e.row, "Văn bản tác động"),
                    "phải ghi văn bản thay thế, bãi bỏ, tạm ngưng.",
                )
            )
        if (
            doc_id is not None
            and e.from_date
            and doc_id in self.issued
            and e.from_date < self.issued[doc_id]
        ):
            self.problems.append(
                Problem(
                    _where(sheet, e.row, "Từ ngày"),
                    f"trước ngày ban hành văn bản ({format_date(self.issued[doc_id])}).",
                )
            )
        if len(self.problems) > before or doc_id is None or e.from_date is None:
            return None
        by_id = self.by_symbol.get(search_key(e.by)) if e.by else None
        return doc_id, kind, scope, by_id

    def write(self) -> None:
        rows: dict[int, LegalDocument] = {}
        for d in self.docs:
            row = LegalDocument()
            self.session.add(row)
            _apply(self.session, row, replace(d.draft, basis_ids=()))
            rows[d.row] = row
        self.session.flush()
        new_ids = {-r: row.id for r, row in rows.items()}
        real = lambda i: new_ids.get(i, i)  # noqa: E731
        for d in self.docs:
            rows[d.row].bases = [
                self.session.get_one(LegalDocument, real(i))
                for i in dict.fromkeys(self.resolved_bases[d.row])
            ]
        for e, resolved in zip(self.events, self.resolved_events, strict=True):
            assert resolved is not None  # any None added a problem, so write() is not reached
            doc_id, kind, scope, by_id = resolved
            self.session.add(
                LegalEffectEvent(
                    document_id=real(doc_id),
                    kind=kind,
                    scope=scope,
                    articles="\n".join(split_articles(e.articles)) if scope == "part" else "",
                    from_date=e.from_date,
                    by_document_id=real(by_id) if by_id else None,
                    by_text="" if by_id else e.by,
                    reason=e.reason,
                )
            )
