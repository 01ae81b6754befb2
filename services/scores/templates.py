"""The shipped criteria templates (resources/frameworks/*.yaml), read into CriterionSpecs.

They are reconstructions to check (design note §6), so a framework loaded from them is marked
``is_template`` until someone edits or imports the province's real table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resources import resource_path
from services.scores.arithmetic import Band
from services.scores.dto import DEFAULT_BANDS, CriterionSpec
from services.text import nfc

TEMPLATE_FILES = {
    "PAR": "par-xa.yaml",
    "PAPI": "papi-xa.yaml",
    "SIPAS": "sipas-xa.yaml",
}
# Other templates of an index, chosen by name: the national commune set of 2025 (8 fields,
# organisation and civil service apart, bonus and penalty) beside the 7-field reconstruction.
TEMPLATE_VARIANTS: dict[str, dict[str, tuple[str, str]]] = {
    "PAR": {
        "1187": (
            "par-xa-1187.yaml",
            "Mẫu 8 lĩnh vực theo QĐ 1187/QĐ-BNV (2025), điểm cần kiểm tra",
        ),
    },
}
_METHODS = {"self_assessed", "appraised", "survey", "data"}


@dataclass(frozen=True)
class Template:
    index_key: str
    code: str
    name: str
    version_label: str
    unit: str
    bands: tuple[Band, ...]
    criteria: tuple[CriterionSpec, ...]
    band_presets: tuple[tuple[str, tuple[Band, ...]], ...] = ()
    sipas_link: str = ""  # the PAR criterion that takes the SIPAS %
    adjustment_rule: str = "add"
    decision: str = ""  # the decision the structure follows (to check against the province's)


def template_path(index_key: str, variant: str = "") -> Path:
    if variant:
        return resource_path("frameworks", TEMPLATE_VARIANTS[index_key][variant][0])
    return resource_path("frameworks", TEMPLATE_FILES[index_key])


def read_template(index_key: str, variant: str = "") -> Template:
    import yaml

    with template_path(index_key, variant).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    unit = "percent" if data.get("unit") == "percent" else "points"
    default_method = data.get("method_default", "self_assessed")
    specs: list[CriterionSpec] = []
    for child in data.get("children", []):
        _walk(child, None, specs, default_method, unit)
    # Bonus and penalty points outside the 100 (the provinces' điểm thưởng, điểm trừ).
    for group in data.get("adjustments") or ():
        kind = str(group.get("method", ""))
        if kind in ("bonus", "penalty"):
            _walk(group, None, specs, "self_assessed", unit, kind)
    presets = _presets(data.get("bands"))
    chosen = str(data.get("bands_default", "")) or "national_groups"
    chosen = BAND_PRESET_NAMES.get(chosen, chosen)
    bands = dict(presets).get(chosen) or (presets[0][1] if presets else DEFAULT_BANDS)
    return Template(
        index_key=index_key,
        code=str(data["code"]),
        name=nfc(data["name"]),
        version_label=str(data.get("version", "")),
        unit=unit,
        bands=bands,
        criteria=tuple(specs),
        band_presets=presets,
        sipas_link=str(data.get("sipas_link", "")),
        adjustment_rule="cap" if data.get("adjustment_rule") == "cap" else "add",
        decision=nfc(str(data.get("decision", ""))),
    )


BAND_PRESET_NAMES = {
    "national_groups": "Nhóm A/B/C/D (cách xếp nhóm của Bộ Nội vụ)",
    "quang_tri_2017": "Tốt/Khá/Trung bình/Yếu (như Quảng Trị 2017)",
}


def _presets(raw: Any) -> tuple[tuple[str, tuple[Band, ...]], ...]:
    """Every band preset of the template, by its shown name (the first is the default)."""
    if not raw:
        return ()
    return tuple(
        (
            BAND_PRESET_NAMES.get(key, nfc(str(key))),
            tuple(Band(nfc(b["label"]), float(b["min"])) for b in preset),
        )
        for key, preset in raw.items()
    )


def _walk(
    item: dict[str, Any],
    parent: str | None,
    out: list[CriterionSpec],
    method: str,
    unit: str,
    adjustment: str = "",
) -> None:
    code = str(item["code"])
    own_method = item.get("method", "survey" if unit == "percent" else method)
    if own_method in ("bonus", "penalty"):
        own_method = "self_assessed"
    guidance = " ".join(nfc(str(item[k])) for k in ("scoring", "examples", "note") if item.get(k))
    out.append(
        CriterionSpec(
            code=code,
            name=nfc(item["name"]),
            max_points=float(item.get("max_points", 100 if unit == "percent" else 0)),
            parent_code=parent,
            method=own_method if own_method in _METHODS else "self_assessed",
            guidance=guidance,
            applicable=bool(item.get("applicable", True)),
            weight=float(item["weight"]) if item.get("weight") is not None else None,
            aliases=tuple(str(a) for a in item.get("aliases", ())),
            adjustment=adjustment,
            province_scored=item.get("scored_by") == "province",
        )
    )
    for child in item.get("children", []):
        _walk(child, code, out, own_method, unit, adjustment)
