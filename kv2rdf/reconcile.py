"""Who a printed person is: the reconciled identity of an asker or answerer.

A member ("het lid Van Dijk (CDA)") is looked up in the reference data on the submission date,
a minister ("Minister Helder") on the date the answer was received (`kv2rdf.reference`). A
match gives the Tweede Kamer ``Persoon`` id, the Wikidata id, the name as the reference data
records it, the fractie the member sat for (with the seat's dates) or the post the minister
held (with its dates). Without a match the person is known only as printed: the key is then
built from what is printed — family name with tussenvoegsel, initials or first name when
printed, and the party (or, for a minister, the post) — so that two namesakes are never one
person.

The result depends on the reference snapshot in use (`kv2rdf.reference.load_reference`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kv2rdf import ministries
from kv2rdf.model import Person, Post
from kv2rdf.reference import Match, Party, canonical_party, load_reference
from kv2rdf.reference import match_member as _match_member
from kv2rdf.reference import match_minister as _match_minister
from kv2rdf.reference.names import family_names, fold

_TITLES = re.compile(r"^(?:(?:prof|mr|dr|drs|ir|ing|ds|bc)\.\s*)+", re.IGNORECASE)



def slug(text: str) -> str:
    """A lower-case ASCII slug that keeps every letter's identity; never empty.

    Accents are folded ("Özdil" → ``ozdil``, "Kostić" → ``kostic``, "Øystein" → ``oystein``).
    A name with letters that have no ASCII form (Greek, Cyrillic …) gets a short hash of the
    name beside what is left, so two such names never share a slug.
    """
    folded = fold(unicodedata.normalize("NFC", text))
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if any(c.isalnum() and not c.isascii() for c in folded) or not out:
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


def _fractie(party: Party) -> Fractie:
    return Fractie(party.key, party.short_name, party.short_name, party.long_name)


def fractie(printed: str, on: date | None) -> Fractie:
    """The fractie a printed party label stands for on ``on``, or the label as printed."""
    party = canonical_party(printed, on) if printed.strip() else None
    return _fractie(party) if party else Fractie("naam/" + slug(printed), printed)


def _printed_key(person: Person, suffix: str | None) -> str:
    parts = [person.family_name]
    if person.given_name:
        parts.append(person.given_name)
    if suffix:
        parts.append(suffix)
    return "naam/" + "-".join(slug(p) for p in parts)


def _matched(match: Match, person: Person) -> tuple[str, str, str, str | None] | None:
    """(key, name, family name, given name) of a matched person with an identifier."""
    ref = match.person
    if ref is None or not (ref.tk_id or ref.wikidata):
        return None
    key = ref.tk_id or f"wikidata/{ref.wikidata}"
    name = _TITLES.sub("", ref.full_name).strip() or ref.full_name
    family = family_names(ref.full_name, ref.family_name, ref.given_name)[0] \
        if ref.family_name else person.family_name
    return key, name, family, ref.given_name


def member(person: Person, party: str | None, on: date | None) -> Identity:
    """The identity of an asker printed with ``party`` on the submission date ``on``."""
    match = _match_member(person.family_name, party, on, person.given_name)
    found = _matched(match, person) if match.matched else None
    if found is not None and match.party is not None:
        seats = [m for m in load_reference().seats(match.person.id if match.person else "", on)
                 if m.party == match.party.key]
        seat = Period(seats[0].start, seats[0].end) if seats else None
        key, name, family, given = found
        return Identity(key, name, family, given, match.tk_id, match.wikidata,
                        _fractie(match.party), seat)
    group = fractie(party, on) if party else None
    suffix = group.key.removeprefix("naam/") if group else None
    return Identity(_printed_key(person, suffix), person.name, person.family_name,
                    person.given_name, fractie=group)


def minister(person: Person, post: Post, on: date | None) -> Identity:
    """The identity of a signing minister or staatssecretaris in ``post`` on ``on``."""
    match = _match_minister(person.family_name, post.label, on, person.given_name)
    found = _matched(match, person) if match.matched else None
    if found is not None and match.post is not None:
        key, name, family, given = found
        held = match.post
        return Identity(key, name, family, given, match.tk_id, match.wikidata,
                        term=Period(held.start, held.end),
                        ministry=ministries.REFERENCE_KEYS.get(held.ministry))
    return Identity(_printed_key(person, slug(post.label)), person.name, person.family_name,
                    person.given_name)


def post_ministry(post: Post, identity: Identity | None = None) -> str | None:
    """The TOOI code of a post's ministry: from the printed post, else from the reference."""
    found = ministries.ministry(post.ministry) if post.ministry else None
    if found is not None:
        return found.code
    return identity.ministry if identity else None
