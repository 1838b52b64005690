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

import re
from datetime import date

from kv2rdf import ministries
from kv2rdf.identities import Fractie, Identity, Period, slug
from kv2rdf.model import Person, Post
from kv2rdf.reference import Match, Party, Reference, canonical_party, load_reference
from kv2rdf.reference import match_member as _match_member
from kv2rdf.reference import match_minister as _match_minister
from kv2rdf.reference.names import family_names

_TITLES = re.compile(r"^(?:(?:prof|mr|dr|drs|ir|ing|ds|bc)\.\s*)+", re.IGNORECASE)


def _fractie(party: Party) -> Fractie:
    return Fractie(party.key, party.short_name, party.short_name, party.long_name)


def fractie(printed: str, on: date | None, reference: Reference | None = None) -> Fractie:
    """The fractie a printed party label stands for on ``on``, or the label as printed."""
    party = canonical_party(printed, on, reference=reference) if printed.strip() else None
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


_KNOWN: dict[tuple[object, ...], Identity] = {}
_KNOWN_UNDER: list[Reference] = []


def _known(reference: Reference) -> dict[tuple[object, ...], Identity]:
    """The identities found under ``reference`` so far (forgotten when it changes)."""
    if not _KNOWN_UNDER or _KNOWN_UNDER[0] is not reference or len(_KNOWN) >= 4096:
        _KNOWN.clear()
        _KNOWN_UNDER[:] = [reference]
    return _KNOWN


def member(person: Person, party: str | None, on: date | None) -> Identity:
    """The identity of an asker printed with ``party`` on the submission date ``on``."""
    ref = load_reference()
    known = _known(ref)
    key = ("member", person, party, on)
    found = known.get(key)
    if found is None:
        found = known[key] = _member(ref, person, party, on)
    return found


def _member(ref: Reference, person: Person, party: str | None, on: date | None) -> Identity:
    match = _match_member(person.family_name, party, on, person.given_name, reference=ref)
    found = _matched(match, person) if match.matched else None
    if found is not None and match.party is not None:
        seats = [m for m in ref.seats(match.person.id if match.person else "", on)
                 if m.party == match.party.key]
        seat = Period(seats[0].start, seats[0].end) if seats else None
        key, name, family, given = found
        return Identity(key, name, family, given, match.tk_id, match.wikidata,
                        _fractie(match.party), seat)
    group = fractie(party, on, ref) if party else None
    suffix = group.key.removeprefix("naam/") if group else None
    return Identity(_printed_key(person, suffix), person.name, person.family_name,
                    person.given_name, fractie=group)


def minister(person: Person, post: Post, on: date | None) -> Identity:
    """The identity of a signing minister or staatssecretaris in ``post`` on ``on``."""
    ref = load_reference()
    known = _known(ref)
    key = ("minister", person, post, on)
    found = known.get(key)
    if found is None:
        found = known[key] = _minister(ref, person, post, on)
    return found


def _minister(ref: Reference, person: Person, post: Post, on: date | None) -> Identity:
    match = _match_minister(person.family_name, post.label, on, person.given_name,
                            reference=ref)
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
