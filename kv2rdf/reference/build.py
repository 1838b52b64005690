"""Build the packaged snapshot from the CC0 reference CSVs (persons, tk-mandates, cabinet-posts).

Run from a checkout: ``python -m kv2rdf.reference.build DIR [OUT]`` where DIR holds
``persons.csv``, ``tk-mandates.csv`` and ``cabinet-posts.csv`` (the ``anneschuth/polder``
export, CC0 1.0). Persons recorded twice under two ids (same family name, compatible first
initial, no conflicting ids, the same post or fractie at the same time) are merged into the
record that carries the most identifiers.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from kv2rdf.reference.names import family_names, fold
from kv2rdf.reference.parties import PARTIES, party_for_label
from kv2rdf.reference.records import CabinetPost, Mandate, Party, ReferencePerson, Snapshot
from kv2rdf.reference.snapshot import packaged_path, write_snapshot

SOURCE = ("Tweede Kamer members and cabinet posts from the anneschuth/polder dataset "
          "(commit 82b2d3b0, May 2026; CC0 1.0), its mandates taken from the Tweede Kamer Open "
          "Data Portal, cabinet posts from Wikidata and Staatscourant decrees")
_ROLE = "Kamerlid voor "


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _none(text: str) -> str | None:
    return text.strip() or None


def _person(row: dict[str, str]) -> ReferencePerson:
    given = _none(row["given"])
    names = family_names(row["full"], row["family"], given)
    return ReferencePerson(id=row["person_id"], full_name=row["full"].strip(),
                           family_name=names[0] if names else row["family"],
                           tk_id=_none(row["tk_persoon_id"]), wikidata=_none(row["wikidata"]),
                           given_name=given, initials=_none(row["initials"]))


def _first_letter(person: ReferencePerson) -> str | None:
    name = person.initials or person.given_name
    return fold(name)[:1] or None if name else None


def _same_person(a: ReferencePerson, b: ReferencePerson) -> bool:
    if a.tk_id and b.tk_id and a.tk_id != b.tk_id:
        return False
    if a.wikidata and b.wikidata and a.wikidata != b.wikidata:
        return False
    first_a, first_b = _first_letter(a), _first_letter(b)
    return first_a is None or first_b is None or first_a == first_b


def _overlap(a: tuple[str, date, date | None], b: tuple[str, date, date | None]) -> bool:
    return a[0] == b[0] and a[1] <= (b[2] or date.max) and b[1] <= (a[2] or date.max)


def _rank(person: ReferencePerson) -> tuple[int, str]:
    """Records with more identifiers first, then by id."""
    return -(person.tk_id is not None) - (person.wikidata is not None), person.id


def merge_duplicates(snapshot: Snapshot) -> tuple[Snapshot, dict[str, str]]:
    """Merge persons recorded twice; returns the snapshot and the merged ids (old → kept).

    Records sharing a Wikidata or TK id are one person; so are records of the same family
    name with a compatible first initial and no conflicting ids that held the same post or
    fractie at the same time.
    """
    spans: dict[str, list[tuple[str, date, date | None]]] = defaultdict(list)
    for m in snapshot.mandates:
        spans[m.person_id].append((m.party, m.start, m.end))
    for c in snapshot.posts:
        spans[c.person_id].append((c.ministry, c.start, c.end))
    by_name: dict[str, list[ReferencePerson]] = defaultdict(list)
    for person in snapshot.persons:
        by_name[fold(person.family_name)].append(person)
    merged: dict[str, str] = {}
    by_id: dict[str, list[ReferencePerson]] = defaultdict(list)
    for person in snapshot.persons:
        for key in (person.tk_id, person.wikidata):
            if key:
                by_id[key].append(person)
    for same in by_id.values():  # one Wikidata or TK id under two names ("Richard Pieters")
        keep, *others = sorted(same, key=_rank)
        merged.update({o.id: keep.id for o in others if o.id != keep.id and o.id not in merged})
    for group in by_name.values():
        ranked = sorted(group, key=_rank)
        for i, keep in enumerate(ranked):
            if keep.id in merged:
                continue
            for other in ranked[i + 1:]:
                if other.id not in merged and _same_person(keep, other) and any(
                        _overlap(a, b) for a in spans[keep.id] for b in spans[other.id]):
                    merged[other.id] = keep.id
    for old, kept in list(merged.items()):
        while kept in merged:
            kept = merged[kept]
        merged[old] = kept
    persons = tuple(p for p in snapshot.persons if p.id not in merged)
    mandates = tuple(Mandate(merged.get(m.person_id, m.person_id), m.party, m.label, m.start,
                             m.end, m.id) for m in snapshot.mandates)
    posts = tuple(CabinetPost(merged.get(c.person_id, c.person_id), c.ministry, c.post, c.label,
                              c.start, c.end) for c in snapshot.posts)
    return Snapshot(persons, mandates, posts, snapshot.parties, snapshot.source), merged


def build(folder: Path) -> tuple[Snapshot, dict[str, str]]:
    """The snapshot of the CSVs in ``folder``, and the ids of the persons merged away."""
    persons = tuple(_person(r) for r in _rows(folder / "persons.csv"))
    parties: dict[str, Party] = {p.key: p for p in PARTIES}
    mandates = []
    for row in _rows(folder / "tk-mandates.csv"):
        label = row["role"].removeprefix(_ROLE).strip()
        party = party_for_label(label, tuple(parties.values()))
        parties.setdefault(party.key, party)
        mandates.append(Mandate(row["person_id"], party.key, label,
                                date.fromisoformat(row["start_date"]),
                                date.fromisoformat(row["end_date"]) if row["end_date"] else None,
                                _none(row["fractiezetelpersoon_id"])))
    posts = tuple(CabinetPost(r["person_id"], r["organization_id"], r["post_id"], r["role"],
                              date.fromisoformat(r["start_date"]),
                              date.fromisoformat(r["end_date"]) if r["end_date"] else None)
                  for r in _rows(folder / "cabinet-posts.csv"))
    return merge_duplicates(Snapshot(persons, tuple(mandates), posts, tuple(parties.values()),
                                     SOURCE))


def main(argv: list[str]) -> int:
    """Command line: ``python -m kv2rdf.reference.build DIR [OUT]``."""
    if not argv or len(argv) > 2:
        print("usage: python -m kv2rdf.reference.build DIR [OUT]", file=sys.stderr)
        return 2
    snapshot, merged = build(Path(argv[0]))
    out = Path(argv[1]) if len(argv) > 1 else packaged_path()
    write_snapshot(snapshot, out)
    for old, kept in sorted(merged.items()):
        print(f"merged {old} into {kept}")
    print(f"{out}: {len(snapshot.persons)} persons, {len(snapshot.mandates)} mandates, "
          f"{len(snapshot.posts)} posts, {len(snapshot.parties)} parties")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
