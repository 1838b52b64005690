"""Refresh a snapshot from an export of the Tweede Kamer Open Data Portal (OData v4).

The export is a set of JSON files as the API returns them: ``{"value": [...]}`` pages of the
entities ``Persoon``, ``Fractie``, ``FractieZetel`` and ``FractieZetelPersoon`` (several pages
per entity allowed). The entity of a file is read from its ``@odata.context``, else from the
start of its file name. Nothing is fetched.

Persons are keyed by their ``Persoon`` id: names are refreshed, and the Wikidata id and the
cabinet posts of the snapshot are kept. Seats are keyed by their ``FractieZetelPersoon`` id:
a seat of the export replaces the snapshot's seat with that id or is added; a seat marked
``Verwijderd`` is removed. Other records marked ``Verwijderd`` are ignored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from kv2rdf.errors import DataError
from kv2rdf.reference.names import slug
from kv2rdf.reference.parties import party_for_label
from kv2rdf.reference.records import Mandate, Party, ReferencePerson, Snapshot

ENTITIES = ("FractieZetelPersoon", "FractieZetel", "Fractie", "Persoon")
Export = dict[str, list[dict[str, Any]]]


def _entity(path: Path, data: dict[str, Any]) -> str | None:
    context = str(data.get("@odata.context", ""))
    tail = context.rpartition("#")[2].split("(")[0].split("/")[0]
    if tail in ENTITIES:
        return tail
    return next((e for e in ENTITIES if path.name.startswith(e)), None)


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.json")) if path.is_dir() else [path]
    return found


def read_export(paths: list[Path]) -> Export:
    """The records of the export files (or folders of them) at ``paths``, by entity."""
    export: Export = defaultdict(list)
    files = _files(paths)
    if not files:
        raise DataError(f"{', '.join(map(str, paths))}: no JSON files of the Open Data Portal")
    for path in files:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise DataError(f"{path}: not a JSON file of the Open Data Portal ({exc})") from exc
        entity = _entity(path, data) if isinstance(data, dict) else None
        if entity is None or not isinstance(data.get("value"), list):
            raise DataError(f"{path}: not an OData page of Persoon, Fractie, FractieZetel or "
                            "FractieZetelPersoon")
        export[entity] += [r for r in data["value"] if isinstance(r, dict) and r.get("Id")]
    return dict(export)


def _live(export: Export, entity: str) -> list[dict[str, Any]]:
    return [r for r in export.get(entity, []) if not r.get("Verwijderd")]


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return " ".join(str(value).split()) or None if value is not None else None


def _person(record: dict[str, Any], old: ReferencePerson | None) -> ReferencePerson:
    family = " ".join(filter(None, (_text(record, "Tussenvoegsel"),
                                    _text(record, "Achternaam"))))
    given = _text(record, "Roepnaam") or (_text(record, "Voornamen") or "").split(" ")[0] or None
    return ReferencePerson(id=old.id if old else f"tk:{record['Id']}",
                           full_name=" ".join(filter(None, (given, family))),
                           family_name=family, tk_id=str(record["Id"]),
                           wikidata=old.wikidata if old else None, given_name=given,
                           initials=_text(record, "Initialen"))


def update_snapshot(base: Snapshot, export: Export) -> tuple[Snapshot, list[str]]:
    """``base`` refreshed with ``export``; also the lines that report what changed."""
    by_tk = {p.tk_id: p for p in base.persons if p.tk_id}
    persons = {p.id: p for p in base.persons}
    refreshed: dict[str, str] = {}
    added = 0
    for record in _live(export, "Persoon"):
        old = by_tk.get(str(record["Id"]))
        if not (record.get("Achternaam") or "").strip():
            continue
        person = _person(record, old)
        added += old is None
        persons[person.id] = person
        refreshed[str(record["Id"])] = person.id
    parties = {p.key: p for p in base.parties}
    fracties: dict[str, tuple[Party, str]] = {}
    for record in _live(export, "Fractie"):
        label = _text(record, "NaamNL") or _text(record, "Afkorting") or str(record["Id"])
        short = _text(record, "Afkorting") or label
        party = party_for_label(short, tuple(parties.values()))
        if party.key not in parties:
            party = party_for_label(label, tuple(parties.values()))
        if party.key not in parties:
            party = Party(slug(short), short, label)
            parties[party.key] = party
        fracties[str(record["Id"])] = (party, short)
    seats = {str(r["Id"]): str(r.get("Fractie_Id")) for r in _live(export, "FractieZetel")}
    mandates = {m.id or f"#{n}": m for n, m in enumerate(base.mandates)}
    removed = {str(r["Id"]) for r in export.get("FractieZetelPersoon", []) if r.get("Verwijderd")}
    skipped = changed = 0
    for record in _live(export, "FractieZetelPersoon"):
        tk_id = str(record.get("Persoon_Id"))
        person_id = refreshed.get(tk_id) or (by_tk[tk_id].id if tk_id in by_tk else None)
        fractie = fracties.get(seats.get(str(record.get("FractieZetel_Id")), ""))
        start = _day(record.get("Van"))
        if person_id is None or fractie is None or start is None:
            skipped += 1
            continue
        seat = Mandate(person_id, fractie[0].key, fractie[1], start,
                       _day(record.get("TotEnMet")), str(record["Id"]))
        changed += mandates.get(seat.id or "") != seat
        mandates[seat.id or ""] = seat
    dropped = len(removed & mandates.keys())
    kept = tuple(m for key, m in mandates.items() if key not in removed)
    report = [f"{len(refreshed)} persons refreshed from the export ({added} new)",
              f"{changed} seats added or changed, {dropped} removed",
              f"{len(parties) - len(base.parties)} new parties"]
    if skipped:
        report.append(f"{skipped} seats left out: their person, seat or fractie is not in the "
                      "export or the snapshot")
    source = base.source + "; refreshed from a Tweede Kamer Open Data Portal export"
    return Snapshot(tuple(persons.values()), kept, base.posts, tuple(parties.values()),
                    source if "Open Data Portal export" not in base.source else base.source), \
        report
