"""Load the built-in sample (the Dị Sử ward's 2025 plan) into a new database.

The sample lives in ``resources/sample/ke-hoach-2025.yaml``, transcribed line by line from
the ward's real plan; its ``notes`` say what was joined, defaulted or left as written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from sqlalchemy.orm import Session, sessionmaker

from models import Organisation, Plan, PlanSection, PlanTask, Unit
from resources import resource_path
from services.text import nfc, search_key

SAMPLE_FILE = resource_path("sample", "ke-hoach-2025.yaml")


def read_sample() -> dict[str, Any]:
    with SAMPLE_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def load_sample(session_factory: sessionmaker[Session]) -> int:
    """Insert organisation, units and plan in one transaction; return the plan id."""
    data = read_sample()
    with session_factory.begin() as session:
        org = data["organisation"]
        session.add(
            Organisation(
                **{k: nfc(v) for k, v in org.items() if k != "default_recipients"},
                default_recipients="\n".join(nfc(r) for r in org["default_recipients"]),
            )
        )
        units = {}
        for position, u in enumerate(data["units"], start=1):
            unit = Unit(code=nfc(u["code"]), name=nfc(u["name"]), kind=u["kind"], position=position)
            session.add(unit)
            units[unit.code] = unit
        session.flush()
        plan = _plan(data["plan"], org)
        session.add(plan)
        session.flush()
        for position, item in enumerate(data["plan"]["sections"], start=1):
            _add_item(session, plan.id, None, position, item, units)
        return plan.id


def _plan(p: dict[str, Any], org: dict[str, Any]) -> Plan:
    return Plan(
        year=p["year"],
        number=p["number"],
        document_type=nfc(p["document_type"]),
        symbol=nfc(p["symbol"]),
        place=nfc(p["place"]),
        date_day=p["date"]["day"],
        date_month=p["date"]["month"],
        date_year=p["date"]["year"],
        summary=nfc(p["summary"]),
        opening="\n".join(nfc(x) for x in p["opening"]),
        closing="\n".join(nfc(x) for x in p["closing"]),
        recipients="\n".join(nfc(x) for x in p["recipients"]),
        sign_authority=nfc(org["sign_authority"]),
        sign_deputy=nfc(org["sign_deputy"]),
        signer_title=nfc(org["signer_title"]),
        signer_name=nfc(org["signer_name"]),
    )


def _add_item(
    session: Session,
    plan_id: int,
    parent: PlanSection | None,
    position: int,
    item: dict[str, Any],
    units: dict[str, Unit],
) -> None:
    if "title" in item:
        section = PlanSection(
            plan_id=plan_id,
            parent_id=parent.id if parent else None,
            position=position,
            kind=item["kind"],
            label=nfc(item["label"]),
            title=nfc(item["title"]),
            search_key=search_key(item["label"], item["title"]),
        )
        session.add(section)
        session.flush()
        for child_position, child in enumerate(item.get("children", []), start=1):
            _add_item(session, plan_id, section, child_position, child, units)
        return
    assert parent is not None, "a task must sit under a section"
    lead = units.get(item.get("lead") or "")
    criteria = ", ".join(nfc(c) for c in item.get("criteria", []))
    text = nfc(item["text"])
    session.add(
        PlanTask(
            plan_id=plan_id,
            section_id=parent.id,
            position=position,
            label=nfc(item["label"]),
            text=text,
            actionable=bool(item.get("actionable", True)),
            lead_unit=lead,
            partners=[units[c] for c in item.get("partners", [])],
            start_on=_as_date(item.get("start")),
            deadline=_as_date(item.get("deadline")),
            deadline_is_default=bool(item.get("deadline_is_default", False)),
            recurrence=item.get("recurrence", "none"),
            criteria_codes=criteria,
            search_key=search_key(text, lead.code if lead else "", criteria),
        )
    )
