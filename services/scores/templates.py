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


def template_path(index_key: str) -> Path:
    return resource_path("frameworks", TEMPLATE_FILES[index_key])


def read_template(index_key: str) -> Template:
    import yaml

    with template_path(index_key).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    unit = "percent" if data.get("unit") == "percent" else "points"
    default_method = data.get("method_default", "self_assessed")
    specs: list[CriterionSpec] = []
    for child in data.get("children", []):
        _walk(child, None, specs, default_method, unit)
    return Template(
        index_key=index_key,
        code=str(data["code"]),
        name=nfc(data["name"]),
        version_label=str(data.get("version", "")),
        unit=unit,
        bands=_bands(data.get("bands")),
        criteria=tuple(specs),
    )


def _bands(raw: Any) -> tuple[Band, ...]:
    if not raw:
        return DEFAULT_BANDS
    preset = raw.get("national_groups") or next(iter(raw.values()))
    return tuple(Band(nfc(b["label"]), float(b["min"])) for b in preset)


def _walk(
    item: dict[str, Any], parent: str | None, out: list[CriterionSpec], method: str, unit: str
) -> None:
    code = str(item["code"])
    own_method = item.get("method", "survey" if unit == "percent" else method)
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
        )
    )
    for child in item.get("children", []):
        _walk(child, code, out, own_method, unit)
