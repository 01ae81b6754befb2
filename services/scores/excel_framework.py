"""Import a province's criteria table from Excel: code, name, maximum; hierarchy from codes.

The hierarchy comes from the codes ("1", "1.1", "1.1.2": the parent is the longest dotted
prefix that is itself a code) or, when no code has a dot, from the indentation of the name
(Excel's indent, or leading spaces). Everything is checked before anything is written, and
each problem names its sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from services.errors import Problem, UserError, ValidationError
from services.scores.arithmetic import EPSILON, Band, band_problems, fmt
from services.scores.dto import CriterionSpec
from services.scores.specs import spec_problems
from services.text import nfc, search_key
from services.xlsx.headers import HeaderSpec, find_header

if TYPE_CHECKING:
    from services.xlsx.reader import SheetData

_HEADERS = {
    "code": ("ma tieu chi", "ma so", "ma", "stt", "tt"),
    "name": ("ten tieu chi", "noi dung", "tieu chi", "ten", "linh vuc"),
    "max_points": ("diem toi da", "toi da", "diem chuan", "thang diem", "diem"),
    "method": ("phuong thuc", "phuong phap"),
    "guidance": ("huong dan", "cach cham", "ghi chu"),
}
_METHODS = (  # folded prefixes or fragments of the "Phương thức" cell
    (("tinh cham", "do tinh", "so lieu cua tinh"), "province"),
    (("diem thuong",), "bonus"),
    (("diem tru",), "penalty"),
    (("dieu tra", "xhh", "khao sat"), "survey"),
    (("tham dinh",), "appraised"),
    (("so lieu", "du lieu"), "data"),
    (("tu danh gia", "tu cham"), "self_assessed"),
)


def _method(text: str) -> str:
    folded = search_key(text)
    for fragments, method in _METHODS:
        if any(f in folded for f in fragments):
            return method
    return "self_assessed"


@dataclass(frozen=True)
class SheetRow:
    row: int
    code: str
    name: str
    max_points: float | None
    indent: int
    method: str
    guidance: str


@dataclass(frozen=True)
class ParsedFramework:
    sheet: str
    specs: tuple[CriterionSpec, ...]
    rows: tuple[int, ...]  # the sheet row of each spec
    notes: tuple[Problem, ...] = ()  # what the reader fixed: legacy text, formulas, merged cells
    bands: tuple[Band, ...] = ()  # from a "Xếp loại" sheet, when the file has one


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


_SPEC = HeaderSpec.of(_HEADERS, required=("code", "name", "max_points"), prefix=True)


def _find_header(ws: SheetData) -> tuple[int, dict[str, int]] | None:
    """The header row and each field's 1-based column (the shared header matching)."""
    found = find_header(ws, _SPEC)
    if found is None:
        return None
    return found[0], {f: c + 1 for f, c in found[1].items()}


def read_framework_workbook(path: Path, unit: str = "points") -> ParsedFramework:
    """Parse and check the first sheet with a "Mã / Tên / Điểm tối đa" header.

    The file is read by ``services.xlsx.reader`` (hostile files refused in plain words;
    TCVN3/VNI text converted, noted in ``ParsedFramework.notes``).
    """
    from services.xlsx.reader import read_xlsx

    wb = read_xlsx(Path(path), indents=True)
    for ws in wb.sheets:
        header = _find_header(ws)
        if header is not None:
            parsed = _parse_sheet(ws, *header, unit)
            notes = tuple(p for p in wb.notes if p.where == f"Trang “{ws.name}”")
            return replace(parsed, notes=notes, bands=_bands_sheet(wb.sheets))
    raise UserError(
        f"Tệp “{Path(path).name}”: không thấy dòng tiêu đề có các cột “Mã”, “Tên tiêu chí” "
        "và “Điểm tối đa”."
    )


def _parse_sheet(
    ws: SheetData, header_row: int, columns: dict[str, int], unit: str
) -> ParsedFramework:
    where = lambda r, field: f"Trang “{ws.name}”, dòng {r}, cột {_letter(columns[field])}"  # noqa: E731
    problems: list[Problem] = []
    rows: list[SheetRow] = []
    totals: list[tuple[int, object]] = []
    for r in range(header_row + 1, len(ws.rows) + 1):
        values = ws.rows[r - 1]
        cells = {f: values[c - 1] if c <= len(values) else None for f, c in columns.items()}
        raw_code, raw_name = cells["code"], cells["name"]
        raw_max = cells["max_points"]
        if all(v is None or str(v).strip() == "" for v in (raw_code, raw_name, raw_max)):
            continue
        code = _code_text(raw_code)
        name = str(raw_name or "")
        if not code and search_key(name).startswith("tong"):
            totals.append((r, raw_max))  # "TỔNG ĐIỂM" line: checked against the fields below
            continue
        indent = ws.indent(r, columns["name"]) + (len(name) - len(name.lstrip(" "))) // 2
        points: float | None = None
        if raw_max is not None and str(raw_max).strip() != "":
            try:
                points = float(str(raw_max).strip().replace(",", "."))
            except ValueError:
                problems.append(
                    Problem(where(r, "max_points"), f"“{raw_max}” không phải là số điểm.")
                )
        method = "self_assessed"
        if "method" in cells and cells["method"]:
            method = _method(str(cells["method"]))
        guidance = str(cells["guidance"] or "") if "guidance" in cells else ""
        rows.append(SheetRow(r, code, nfc(name), points, indent, method, nfc(guidance)))
    if not rows:
        raise UserError(f"Trang “{ws.name}”: không có tiêu chí nào dưới dòng tiêu đề.")
    parents = (
        _parents_by_code(rows) if any("." in x.code for x in rows) else _parents_by_indent(rows)
    )
    has_children = set(parents.values())
    adjustments = _adjustments(rows, parents)
    specs = []
    for i, x in enumerate(rows):
        points = x.max_points
        if unit == "percent" and points is None:
            points = 100.0
        if (
            points is None
            and i not in has_children
            and not any(p.where == where(x.row, "max_points") for p in problems)
        ):
            problems.append(Problem(where(x.row, "max_points"), "thiếu điểm tối đa."))
        specs.append(
            CriterionSpec(
                code=x.code,
                name=x.name,
                max_points=points if points is not None else _children_sum(i, rows, parents),
                parent_code=rows[parents[i]].code if i in parents else None,
                method=x.method if x.method in _PLAIN_METHODS else "self_assessed",
                guidance=x.guidance,
                adjustment=adjustments.get(i, ""),
                province_scored=x.method == "province",
            )
        )
    roots_total = round(
        sum(s.max_points for s in specs if s.parent_code is None and not s.adjustment), 6
    )
    for r, raw in totals:
        try:
            declared = float(str(raw).strip().replace(",", ".")) if raw not in (None, "") else None
        except ValueError:
            declared = None
        if declared is not None and abs(declared - roots_total) > 0.005:
            problems.append(
                Problem(
                    where(r, "max_points"),
                    f"dòng tổng ghi {fmt(declared)} điểm, các lĩnh vực cộng lại {fmt(roots_total)}.",
                )
            )
    fields = {"code": "code", "name": "name", "max_points": "max_points"}
    for i, field, message in spec_problems(specs, unit):
        problems.append(Problem(where(rows[i].row, fields[field]), message))
    if problems:
        raise ValidationError(problems)
    return ParsedFramework(ws.name, tuple(specs), tuple(x.row for x in rows))


_PLAIN_METHODS = ("self_assessed", "appraised", "survey", "data")


def _adjustments(rows: list[SheetRow], parents: dict[int, int]) -> dict[int, str]:
    """Bonus and penalty groups: a top row named "Điểm thưởng"/"Điểm trừ" (or so marked in
    the "Phương thức" column) and everything below it."""
    kinds: dict[int, str] = {}
    for i, x in enumerate(rows):
        folded = search_key(x.name)
        words = folded.split(" ", 1)[1] if folded[:1].isalnum() and " " in folded else folded
        kind = x.method if x.method in ("bonus", "penalty") else ""
        for text in (folded, words):
            if text.startswith("diem thuong"):
                kind = kind or "bonus"
            elif text.startswith("diem tru"):
                kind = kind or "penalty"
        if i in parents and parents[i] in kinds:
            kind = kinds[parents[i]]
        if kind:
            kinds[i] = kind
    return kinds


_BAND_HEADERS = {
    "label": ("xep loai", "muc xep loai", "muc", "loai"),
    "min": ("tu", "nguong", "diem tu", "ty le tu", "toi thieu"),
}


def _bands_sheet(sheets) -> tuple[Band, ...]:
    """Grading bands from a sheet named "Xếp loại": a label and the lowest % of each band."""
    for ws in sheets:
        if search_key(ws.name) not in ("xep loai", "muc xep loai"):
            continue
        where = f"Trang “{ws.name}”"
        for r, row in enumerate(ws.rows[:10], start=1):
            found: dict[str, int] = {}
            for column, value in enumerate(row, start=1):
                text = search_key(str(value or ""))
                for field, names in _BAND_HEADERS.items():
                    if field not in found and text and any(text.startswith(n) for n in names):
                        found[field] = column
                        break
            if {"label", "min"} <= found.keys():
                return _read_bands(ws, r, found, where)
        raise ValidationError(
            [Problem(where, "không thấy dòng tiêu đề có cột “Xếp loại” và “Từ (%)”.")]
        )
    return ()


def _read_bands(ws, header: int, columns: dict[str, int], where: str) -> tuple[Band, ...]:
    bands, problems = [], []
    for r in range(header + 1, len(ws.rows) + 1):
        values = ws.rows[r - 1]
        label = values[columns["label"] - 1] if columns["label"] <= len(values) else None
        raw = values[columns["min"] - 1] if columns["min"] <= len(values) else None
        if not str(label or "").strip() and raw in (None, ""):
            continue
        try:
            bands.append(Band(nfc(str(label or "").strip()), float(str(raw).replace(",", "."))))
        except ValueError:
            problems.append(
                Problem(
                    f"{where}, dòng {r}, cột {_letter(columns['min'])}",
                    f"“{raw}” không phải là tỷ lệ %.",
                )
            )
    problems += [Problem(where, m) for m in band_problems(bands)]
    if problems:
        raise ValidationError(problems)
    return tuple(sorted(bands, key=lambda b: b.min, reverse=True))


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value if value is not None else "")).rstrip(".")


def _parents_by_code(rows: list[SheetRow]) -> dict[int, int]:
    index: dict[str, int] = {}
    for i, x in enumerate(rows):
        index.setdefault(x.code, i)
    parents = {}
    for i, x in enumerate(rows):
        parts = x.code.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in index and index[prefix] != i:
                parents[i] = index[prefix]
                break
    return parents


def _parents_by_indent(rows: list[SheetRow]) -> dict[int, int]:
    parents: dict[int, int] = {}
    stack: list[tuple[int, int]] = []  # stack of (indent, row index)
    for i, x in enumerate(rows):
        while stack and stack[-1][0] >= x.indent:
            stack.pop()
        if stack:
            parents[i] = stack[-1][1]
        stack.append((x.indent, i))
    return parents


def _children_sum(i: int, rows: list[SheetRow], parents: dict[int, int]) -> float:
    total = 0.0
    for child, parent in parents.items():
        if parent == i:
            own = rows[child].max_points
            total += own if own is not None else _children_sum(child, rows, parents)
    return round(total, 6) if abs(total) > EPSILON else 0.0
