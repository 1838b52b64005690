"""Reconcile printed members and ministers with the reference data.

A member ("het lid Van Dijk (CDA)") is matched only when exactly one person of that family name
(with tussenvoegsel, compared without case and accents) sat for that party on that date; a
minister ("Minister Helder") only when exactly one person of that name held a post in that
ministry, of that rank, on that date. Anything else is reported with the reason, never guessed.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from kv2rdf import ministries
from kv2rdf.reference.index import Reference, load_reference
from kv2rdf.reference.names import fold
from kv2rdf.reference.parties import resolve_party
from kv2rdf.reference.records import CabinetPost, Party, ReferencePerson

_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.\s*)+$")
_POST = re.compile(r"^(?P<title>Minister-President|Minister|Staatssecretaris)\b"
                   r"(?:\s+(?:van|voor))?\s*(?P<rest>.*)$", re.IGNORECASE)


class MatchStatus(enum.Enum):
    """The outcome of a match."""

    MATCHED = "matched"
    NO_CANDIDATE = "no candidate"
    AMBIGUOUS = "ambiguous"
    PARTY_UNKNOWN = "party unknown"
    POST_UNKNOWN = "post unknown"
    NO_DATE = "no date"


@dataclass(frozen=True, slots=True)
class Match:
    """The result of matching a printed name: the person, or why there is none.

    ``party`` is the canonical party a member sat for on the date; ``post`` the post a
    minister held on the date; ``candidates`` the persons that made a match ambiguous.
    """

    status: MatchStatus
    printed: str
    reason: str
    person: ReferencePerson | None = None
    party: Party | None = None
    post: CabinetPost | None = None
    candidates: tuple[ReferencePerson, ...] = ()

    @property
    def matched(self) -> bool:
        """Whether exactly one person was found."""
        return self.status is MatchStatus.MATCHED

    @property
    def tk_id(self) -> str | None:
        """The Tweede Kamer ``Persoon`` id of the matched person, if any."""
        return self.person.tk_id if self.person else None

    @property
    def wikidata(self) -> str | None:
        """The Wikidata QID of the matched person, if any."""
        return self.person.wikidata if self.person else None

    @property
    def full_name(self) -> str | None:
        """The full name of the matched person, if any."""
        return self.person.full_name if self.person else None

    @property
    def person_key(self) -> str | None:
        """A stable key for a person IRI; None when nothing was matched.

        ``tk/{Persoon id}``, else ``wikidata/{QID}``, else ``ref/{snapshot id}``.
        """
        if self.person is None:
            return None
        if self.person.tk_id:
            return f"tk/{self.person.tk_id}"
        if self.person.wikidata:
            return f"wikidata/{self.person.wikidata}"
        return f"ref/{self.person.id.removeprefix('person:')}"


def _family(ref: Reference, printed: str) -> tuple[tuple[ReferencePerson, ...], str]:
    """The persons printed as ``printed``, and the name they were found under.

    A double name ("Faber-van de Klashorst") that no one in the data carries is tried by its
    parts, since the data may record only one of them ("Faber").
    """
    found = ref.named(printed)
    if found or "-" not in printed:
        return found, printed
    parts = [part.strip() for part in printed.split("-") if ref.named(part.strip())]
    found = tuple(dict.fromkeys(p for part in parts for p in ref.named(part)))
    return found, " or ".join(parts) if parts else printed


def _named(ref: Reference, printed: str, given: str | None
           ) -> tuple[tuple[ReferencePerson, ...], str]:
    found, name = _family(ref, printed)
    if not given or not given.strip():
        return found, name
    key = fold(given)
    if _INITIALS.match(given.strip()):
        letters = re.sub(r"[^a-z]", "", key)
        return tuple(p for p in found if not (p.initials or p.given_name) or fold(
            p.initials or "").replace(".", "").replace(" ", "").startswith(letters) or (
            not p.initials and fold(p.given_name or "")[:1] == letters[:1])), name
    first = key.split()[0]
    return tuple(p for p in found
                 if not p.given_name or fold(p.given_name).split()[0] == first), name


def _as(printed: str, name: str) -> str:
    return "" if name == printed else f" (recorded as {name})"


def _unique(persons: list[ReferencePerson]) -> tuple[ReferencePerson, ...]:
    return tuple(dict.fromkeys(persons))


def _names(persons: tuple[ReferencePerson, ...]) -> str:
    return ", ".join(p.full_name for p in persons)


def match_member(printed_family_name: str, party_as_printed: str | None, on_date: date | None,
                 initials_or_given: str | None = None, *,
                 reference: Reference | None = None) -> Match:
    """Match a member as printed ("Van Dijk", "CDA") on the submission date.

    Matched only when exactly one person of that family name sat for that party on
    ``on_date``; ``initials_or_given`` ("I.", "Inge"), when printed, narrows the candidates.
    """
    ref = reference or load_reference()
    printed = printed_family_name.strip()
    if on_date is None:
        return Match(MatchStatus.NO_DATE, printed, "no date to match the member on")
    if not party_as_printed or not party_as_printed.strip():
        return Match(MatchStatus.PARTY_UNKNOWN, printed, "no party printed beside the name")
    parties = resolve_party(party_as_printed, on_date, ref.snapshot.parties)
    if not parties:
        return Match(MatchStatus.PARTY_UNKNOWN, printed,
                     f"party {party_as_printed!r} is not known on {on_date}")
    keys = {p.key for p in parties}
    named, name = _named(ref, printed, initials_or_given)
    seats = [(p, m) for p in named for m in ref.mandates.get(p.id, ()) if m.covers(on_date)]
    sitting = _unique([p for p, m in seats if m.party in keys])
    if len(sitting) == 1:
        party = next(ref.parties[m.party] for p, m in seats if m.party in keys)
        return Match(MatchStatus.MATCHED, printed, f"the only {printed} of {party.short_name} on "
                     f"{on_date}{_as(printed, name)}", person=sitting[0], party=party)
    if sitting:
        return Match(MatchStatus.AMBIGUOUS, printed, f"{len(sitting)} members called {printed} "
                     f"sat for {party_as_printed} on {on_date}: {_names(sitting)}",
                     candidates=sitting)
    if not _family(ref, printed)[0]:
        return Match(MatchStatus.NO_CANDIDATE, printed,
                     f"no one called {printed} in the reference data")
    elsewhere = sorted({f"{p.full_name} ({ref.parties[m.party].short_name})" for p, m in seats})
    where = f"; on that date: {', '.join(elsewhere)}" if elsewhere else ""
    return Match(MatchStatus.NO_CANDIDATE, printed, f"no member called {printed} sat for "
                 f"{party_as_printed} on {on_date}{where}",
                 candidates=_unique([p for p, _ in seats]))


def canonical_party(party_as_printed: str, on_date: date | None, *,
                    reference: Reference | None = None) -> Party | None:
    """The one party ``party_as_printed`` stands for on ``on_date``, or None.

    None when the name is unknown or meant more than one party then (PvdA during the joint
    GroenLinks-PvdA fractie); a matched member's `Match.party` is the party of the seat.
    """
    ref = reference or load_reference()
    found = resolve_party(party_as_printed, on_date, ref.snapshot.parties)
    return found[0] if len(found) == 1 else None


def ministry_of(post_label_or_ministry: str, reference: Reference | None = None
                ) -> tuple[str | None, str | None]:
    """The ministry key (``org:min-bzk``) and rank of a printed post, ministry name or key.

    The post may be printed ("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
    or a ministry named ("Financiën"); the rank is minister, staatssecretaris or None.
    """
    ref = reference or load_reference()
    text = " ".join(post_label_or_ministry.split())
    if text.startswith("org:"):
        return text, None
    found = _POST.match(text)
    rank = None
    rest = text
    if found:
        title = found["title"].casefold()
        rank = "staatssecretaris" if title == "staatssecretaris" else "minister"
        rest = found["rest"]
        if title == "minister-president":
            return ref.ministries.get(fold("Minister van Algemene Zaken"), "org:min-az"), rank
    names = [text, rest]
    for name in (text, rest):
        known = ministries.ministry(name) or ministries.portfolio_ministry(name)
        if known:
            names.append(known.name)
    for name in names:
        key = ref.ministries.get(fold(name))
        if key:
            return key, rank
    return None, rank


def match_minister(printed_family_name: str, post_label_or_ministry: str, on_date: date | None,
                   initials_or_given: str | None = None, *,
                   reference: Reference | None = None) -> Match:
    """Match a minister or staatssecretaris as printed ("Helder") in a post on the answer date.

    Matched only when exactly one person of that name held a post of that rank in that
    ministry ("Minister voor Langdurige Zorg en Sport" → VWS) on ``on_date``. A minister
    who was never a member has no TK id but usually a Wikidata id.
    """
    ref = reference or load_reference()
    printed = printed_family_name.strip()
    if on_date is None:
        return Match(MatchStatus.NO_DATE, printed, "no date to match the minister on")
    ministry, rank = ministry_of(post_label_or_ministry, ref)
    if ministry is None:
        return Match(MatchStatus.POST_UNKNOWN, printed,
                     f"no ministry known for {post_label_or_ministry!r}")
    named, name = _named(ref, printed, initials_or_given)
    held = [(p, c) for p in named for c in ref.posts.get(p.id, ()) if c.covers(on_date)]
    fitting = [(p, c) for p, c in held if c.ministry == ministry and rank in (None, c.rank)]
    persons = _unique([p for p, _ in fitting])
    if len(persons) == 1:
        label = fold(post_label_or_ministry)
        post = next((c for _, c in fitting if fold(c.label) == label), fitting[0][1])
        return Match(MatchStatus.MATCHED, printed, f"the only {printed} in {ministry} on "
                     f"{on_date}{_as(printed, name)}", person=persons[0], post=post)
    if persons:
        return Match(MatchStatus.AMBIGUOUS, printed, f"{len(persons)} persons called {printed} "
                     f"held a post in {ministry} on {on_date}: {_names(persons)}",
                     candidates=persons)
    if not _family(ref, printed)[0]:
        return Match(MatchStatus.NO_CANDIDATE, printed,
                     f"no one called {printed} in the reference data")
    elsewhere = sorted({f"{p.full_name} ({c.label})" for p, c in held})
    where = f"; on that date: {', '.join(elsewhere)}" if elsewhere else ""
    return Match(MatchStatus.NO_CANDIDATE, printed, f"no one called {printed} held a "
                 f"{rank or 'post'} post in {ministry} on {on_date}{where}",
                 candidates=_unique([p for p, _ in held]))
