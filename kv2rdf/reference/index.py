"""An index over a snapshot for matching.

Persons by folded family name, seats and posts by person, parties by key, ministries by name.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from kv2rdf.reference.names import family_names, fold
from kv2rdf.reference.records import CabinetPost, Mandate, Party, ReferencePerson, Snapshot
from kv2rdf.reference.snapshot import active_path, read_snapshot

_MINISTER_OF = re.compile(r"^Minister van (?P<name>.+)$")


@dataclass(frozen=True)
class Reference:
    """A snapshot with lookup tables; build it with `Reference.of` or `load_reference`."""

    snapshot: Snapshot
    by_name: dict[str, tuple[ReferencePerson, ...]]
    by_id: dict[str, ReferencePerson]
    mandates: dict[str, tuple[Mandate, ...]]
    posts: dict[str, tuple[CabinetPost, ...]]
    parties: dict[str, Party]
    ministries: dict[str, str]

    @classmethod
    def of(cls, snapshot: Snapshot) -> Reference:
        """Index ``snapshot``."""
        by_name: dict[str, list[ReferencePerson]] = defaultdict(list)
        for person in snapshot.persons:
            for name in (person.family_name,
                         *family_names(person.full_name, person.family_name,
                                       person.given_name)):
                if person not in by_name[fold(name)]:
                    by_name[fold(name)].append(person)
        mandates: dict[str, list[Mandate]] = defaultdict(list)
        for m in snapshot.mandates:
            mandates[m.person_id].append(m)
        posts: dict[str, list[CabinetPost]] = defaultdict(list)
        ministries: dict[str, str] = {}
        for c in snapshot.posts:
            posts[c.person_id].append(c)
            found = _MINISTER_OF.match(c.label)
            if found and c.post == f"post:minister-{c.ministry.removeprefix('org:')}":
                ministries.setdefault(fold(found["name"]), c.ministry)
            ministries.setdefault(fold(c.label), c.ministry)
        return cls(snapshot=snapshot,
                   by_name={k: tuple(v) for k, v in by_name.items()},
                   by_id={p.id: p for p in snapshot.persons},
                   mandates={k: tuple(sorted(v, key=lambda m: m.start))
                             for k, v in mandates.items()},
                   posts={k: tuple(sorted(v, key=lambda c: c.start)) for k, v in posts.items()},
                   parties={p.key: p for p in snapshot.parties},
                   ministries=ministries)

    def seats(self, person_id: str, on: date | None = None) -> tuple[Mandate, ...]:
        """The Kamer seats of a person (``ReferencePerson.id``), or those held on ``on``."""
        return tuple(m for m in self.mandates.get(person_id, ()) if on is None or m.covers(on))

    def held_posts(self, person_id: str, on: date | None = None) -> tuple[CabinetPost, ...]:
        """The cabinet posts of a person, or those held on ``on``."""
        return tuple(c for c in self.posts.get(person_id, ()) if on is None or c.covers(on))

    def named(self, printed_family_name: str) -> tuple[ReferencePerson, ...]:
        """The persons whose family name (with tussenvoegsel) is ``printed_family_name``."""
        return self.by_name.get(fold(printed_family_name), ())


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> Reference:
    return Reference.of(read_snapshot(path))


def load_reference(path: Path | None = None) -> Reference:
    """The reference in use (see `kv2rdf.reference.snapshot.active_path`) or at ``path``.

    It is read once and cached while the file does not change.
    """
    chosen = path or active_path()
    return _load(chosen, os.stat(chosen).st_mtime)
