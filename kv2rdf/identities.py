"""The people and fracties kv2rdf describes: `Identity`, `Fractie`, `Period`, and `slug`.

`kv2rdf.reconcile` finds them in the reference data (or builds them from what is printed).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kv2rdf.reference.names import fold


def slug(text: str) -> str:
    """A lower-case ASCII slug that keeps every letter's identity; never empty.

    Accents are folded ("Özdil" → ``ozdil``, "Kostić" → ``kostic``, "Øystein" → ``oystein``).
    A name with letters that have no ASCII form (Greek, Cyrillic …) gets a short hash of the
    name beside what is left, so two such names never share a slug.
    """
    folded = fold(text if text.isascii() else unicodedata.normalize("NFC", text))
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not out or (not folded.isascii() and any(c.isalnum() and not c.isascii()
                                                for c in folded)):
        digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
        out = "-".join(part for part in (out, "u" + digest[:10]) if part)
    return out


@dataclass(frozen=True, slots=True)
class Period:
    """A dated period: a seat in a fractie or a post held (``end`` None while it lasts)."""

    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class Fractie:
    """A fractie: the party's key, short and long name when known, else the printed label."""

    key: str
    label: str
    short_name: str | None = None
    long_name: str | None = None

    @property
    def resolved(self) -> bool:
        """Whether the party is one of the reference table's."""
        return self.long_name is not None


@dataclass(frozen=True, slots=True)
class Identity:
    """A person as kv2rdf describes them.

    ``key`` is the tail of the person IRI: the TK ``Persoon`` id, ``wikidata/{QID}``, or
    ``naam/{printed key}``; ``name``, ``family_name`` and ``given_name`` come from the
    reference data when matched, else as printed. ``seat`` is the period of the member's seat
    in ``fractie``; ``term`` the period the minister held the post.
    """

    key: str
    name: str
    family_name: str
    given_name: str | None
    tk_id: str | None = None
    wikidata: str | None = None
    fractie: Fractie | None = None
    seat: Period | None = None
    term: Period | None = None
    ministry: str | None = None

    @property
    def local(self) -> str:
        """A lower-case key for IRIs under a work (participations)."""
        return slug(self.key.removeprefix("naam/").replace("/", "-"))
