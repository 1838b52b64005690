"""The reference data as frozen records: persons, Kamer mandates, cabinet posts, parties.

Dutch terms: *Kamerlid* (member of the Tweede Kamer), *fractie* (parliamentary group of a
party), *bewindspersoon* (minister or staatssecretaris), *tussenvoegsel* ("van", "de" in
"van Dijk").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ReferencePerson:
    """A person with a Kamer mandate or a cabinet post.

    ``id`` is the snapshot's own key; ``tk_id`` the Tweede Kamer Open Data Portal ``Persoon``
    id (members only); ``wikidata`` the Wikidata QID. ``family_name`` carries the
    tussenvoegsel ("van Dijk").
    """

    id: str
    full_name: str
    family_name: str
    tk_id: str | None = None
    wikidata: str | None = None
    given_name: str | None = None
    initials: str | None = None


@dataclass(frozen=True, slots=True)
class Mandate:
    """A seat in the Tweede Kamer for a fractie, from ``start`` to ``end`` (inclusive).

    ``party`` is the party key, ``label`` the fractie as recorded, ``id`` the Open Data Portal
    ``FractieZetelPersoon`` id when known.
    """

    person_id: str
    party: str
    label: str
    start: date
    end: date | None = None
    id: str | None = None

    def covers(self, day: date) -> bool:
        """Whether the seat was held on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class CabinetPost:
    """A minister's or staatssecretaris' post held from ``start`` to ``end`` (inclusive).

    ``ministry`` is the organisation key (``org:min-bzk``), ``post`` the post key
    (``post:staatssecretaris-min-bzk``), ``label`` the title as recorded.
    """

    person_id: str
    ministry: str
    post: str
    label: str
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether the post was held on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def rank(self) -> str:
        """``minister`` or ``staatssecretaris``."""
        return "staatssecretaris" if self.post.startswith("post:staatssecretaris") else "minister"


@dataclass(frozen=True, slots=True)
class PartyAlias:
    """A name a party is printed under, valid between two dates when the name was reused."""

    label: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date | None) -> bool:
        """Whether the alias meant this party on ``day`` (always, without a date)."""
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Party:
    """A fractie: stable key, short name (PVV), long name (Partij voor de Vrijheid), aliases."""

    key: str
    short_name: str
    long_name: str
    aliases: tuple[PartyAlias, ...] = ()

    def names(self) -> tuple[PartyAlias, ...]:
        """Every name of the party: short, long and the aliases."""
        return (PartyAlias(self.short_name), PartyAlias(self.long_name), *self.aliases)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One version of the reference data, with the attribution of where it came from."""

    persons: tuple[ReferencePerson, ...]
    mandates: tuple[Mandate, ...]
    posts: tuple[CabinetPost, ...]
    parties: tuple[Party, ...]
    source: str = ""
