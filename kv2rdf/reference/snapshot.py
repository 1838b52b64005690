"""Reading and writing a reference snapshot (gzip'd JSON), and finding the one in use.

The snapshot in use is, in this order: the file named by ``$KV2RDF_REFERENCE`` when it exists;
the user's refreshed copy (``$XDG_DATA_HOME/kv2rdf/reference.json.gz``, by default under
``~/.local/share``) when it exists; the snapshot shipped in the package.
"""

from __future__ import annotations

import gzip
import json
import os
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kv2rdf.errors import DataError
from kv2rdf.reference.records import (
    CabinetPost,
    Mandate,
    Party,
    PartyAlias,
    ReferencePerson,
    Snapshot,
)

FORMAT = 1
ENV = "KV2RDF_REFERENCE"


@lru_cache(maxsize=1)
def packaged_path() -> Path:
    """The snapshot shipped inside the package."""
    return Path(str(resources.files("kv2rdf.reference") / "data" / "reference.json.gz"))


def user_path() -> Path:
    """Where ``kv2rdf reference update`` writes by default."""
    return _user_path(os.environ.get("XDG_DATA_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=8)
def _user_path(data_home: str | None, home: str | None) -> Path:
    """`user_path` for these values of ``$XDG_DATA_HOME`` and ``$HOME`` (looked up per person)."""
    base = data_home or str(Path.home() / ".local" / "share")
    return Path(base) / "kv2rdf" / "reference.json.gz"


def active_path() -> Path:
    """The snapshot in use: ``$KV2RDF_REFERENCE``, the user's copy, or the packaged one."""
    named = os.environ.get(ENV)
    if named and os.path.isfile(named):  # os.path: a lookup per person converted
        return Path(named)
    user = user_path()
    return user if os.path.isfile(user) else packaged_path()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def to_json(snapshot: Snapshot) -> dict[str, Any]:
    """The snapshot as plain JSON data (compact rows, sorted)."""
    return {
        "format": FORMAT,
        "source": snapshot.source,
        "persons": sorted([p.id, p.tk_id, p.wikidata, p.full_name, p.family_name, p.given_name,
                           p.initials] for p in snapshot.persons),
        "mandates": sorted(([m.person_id, m.party, m.label, _text(m.start), _text(m.end), m.id]
                            for m in snapshot.mandates), key=lambda r: [str(v) for v in r]),
        "posts": sorted(([c.person_id, c.ministry, c.post, c.label, _text(c.start), _text(c.end)]
                         for c in snapshot.posts), key=lambda r: [str(v) for v in r]),
        "parties": [[p.key, p.short_name, p.long_name,
                     [[a.label, _text(a.start), _text(a.end)] for a in p.aliases]]
                    for p in sorted(snapshot.parties, key=lambda p: p.key)],
    }


def from_json(data: dict[str, Any]) -> Snapshot:
    """A snapshot from the JSON data written by `to_json`."""
    if data.get("format") != FORMAT:
        raise DataError(f"reference snapshot format {data.get('format')!r} is not {FORMAT}")
    return Snapshot(
        persons=tuple(ReferencePerson(id=r[0], tk_id=r[1], wikidata=r[2], full_name=r[3],
                                      family_name=r[4], given_name=r[5], initials=r[6])
                      for r in data["persons"]),
        mandates=tuple(Mandate(r[0], r[1], r[2], date.fromisoformat(r[3]), _day(r[4]), r[5])
                       for r in data["mandates"]),
        posts=tuple(CabinetPost(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), _day(r[5]))
                    for r in data["posts"]),
        parties=tuple(Party(r[0], r[1], r[2], tuple(PartyAlias(a[0], _day(a[1]), _day(a[2]))
                                                    for a in r[3]))
                      for r in data["parties"]),
        source=data.get("source", ""))


def dumps_snapshot(snapshot: Snapshot) -> bytes:
    """The snapshot as gzip'd JSON; the same snapshot always gives the same bytes."""
    text = json.dumps(to_json(snapshot), ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def read_snapshot(path: Path) -> Snapshot:
    """Read a snapshot file written by `write_snapshot`."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, EOFError, ValueError) as exc:
        raise DataError(f"{path}: not a kv2rdf reference snapshot ({exc})") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: not a kv2rdf reference snapshot")
    try:
        return from_json(data)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise DataError(f"{path}: broken reference snapshot ({exc})") from exc


def write_snapshot(snapshot: Snapshot, path: Path) -> None:
    """Write ``snapshot`` to ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(dumps_snapshot(snapshot))
    tmp.replace(path)
