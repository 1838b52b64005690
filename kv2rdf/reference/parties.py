"""The parties (fracties) of the Tweede Kamer: short, long and printed names.

Some names were used by a party only for a period; the aliases carry those dates.

The recorded fractie labels ("Kamerlid voor Nieuw Sociaal Contract", Open Data Portal
``Fractie.Afkorting``) are resolved against this table; a label it does not know (a one-member
group such as "Groep Markuszower") becomes a party of its own.
"""

from __future__ import annotations

from datetime import date

from kv2rdf.reference.names import fold, slug
from kv2rdf.reference.records import Party, PartyAlias


def _p(key: str, short: str, long: str, *aliases: str | PartyAlias) -> Party:
    return Party(key, short, long, tuple(a if isinstance(a, PartyAlias) else PartyAlias(a)
                                         for a in aliases))


# The joint GroenLinks-PvdA fractie was formed on 27 October 2023; in the weeks before the
# election members were still printed under their own party's name.
_JOINT = (date(2023, 10, 27), date(2023, 12, 5))

PARTIES: tuple[Party, ...] = (
    _p("pvv", "PVV", "Partij voor de Vrijheid"),
    _p("nsc", "NSC", "Nieuw Sociaal Contract"),
    _p("gl-pvda", "GL-PvdA", "GroenLinks-PvdA", "GroenLinks/PvdA", "GL/PvdA", "GLPvdA",
       "GroenLinks en PvdA", PartyAlias("PvdA", *_JOINT), PartyAlias("GroenLinks", *_JOINT),
       PartyAlias("GL", *_JOINT)),
    _p("cda", "CDA", "Christen-Democratisch Appèl", "Christen Democratisch Appel"),
    _p("d66", "D66", "Democraten 66", "D'66"),
    _p("vvd", "VVD", "Volkspartij voor Vrijheid en Democratie"),
    _p("sp", "SP", "Socialistische Partij"),
    _p("pvdd", "PvdD", "Partij voor de Dieren"),
    _p("bbb", "BBB", "BoerBurgerBeweging", "Boer Burger Beweging", "BoerBurger Beweging"),
    _p("ja21", "JA21", "JA21", "Juiste Antwoord 21"),
    _p("sgp", "SGP", "Staatkundig Gereformeerde Partij"),
    _p("cu", "CU", "ChristenUnie", "Christen Unie", "CU-SGP"),
    _p("denk", "DENK", "DENK"),
    _p("fvd", "FvD", "Forum voor Democratie"),
    _p("volt", "Volt", "Volt Nederland"),
    _p("50plus", "50PLUS", "50PLUS", "50+"),
    _p("bij1", "BIJ1", "BIJ1", "Artikel 1"),
    _p("gl", "GL", "GroenLinks"),
    _p("pvda", "PvdA", "Partij van de Arbeid"),
    _p("lpf", "LPF", "Lijst Pim Fortuyn"),
    _p("ln", "LN", "Leefbaar Nederland"),
    _p("brink", "BRINK", "Brinkman"),
    _p("grko", "GrKÖ", "Groep Kuzu/Öztürk"),
    _p("groep-van-haga", "Groep Van Haga", "Groep Van Haga",
       PartyAlias("BVNL", date(2021, 5, 13), date(2023, 12, 5)),
       PartyAlias("Belang van Nederland", date(2021, 5, 13), date(2023, 12, 5))),
)


def party_for_label(label: str, parties: tuple[Party, ...], on: date | None = None) -> Party:
    """The party a recorded fractie label stands for; a new party when none has the name."""
    found = resolve_party(label, on, parties)
    exact = [p for p in found if fold(label) in (fold(p.short_name), fold(p.long_name))]
    if exact or found:
        return (exact or list(found))[0]
    return Party(slug(label), label, label)


def resolve_party(printed: str, on: date | None, parties: tuple[Party, ...]) -> tuple[Party, ...]:
    """The parties ``printed`` ("NSC", "Nieuw Sociaal Contract") may mean on ``on``.

    Several when a name was shared for a while (PvdA during the joint GroenLinks-PvdA fractie).
    """
    found: list[Party] = []
    for party, alias in _names_of(parties).get(fold(printed), ()):
        if alias.covers(on) and not (found and found[-1] is party):
            found.append(party)
    return tuple(found)


_INDEXES: dict[int, tuple[tuple[Party, ...], dict[str, list[tuple[Party, PartyAlias]]]]] = {}


def _names_of(parties: tuple[Party, ...]) -> dict[str, list[tuple[Party, PartyAlias]]]:
    """Every (party, name) by folded name, in the table's order; made once per table."""
    known = _INDEXES.get(id(parties))
    if known is not None and known[0] is parties:
        return known[1]
    index: dict[str, list[tuple[Party, PartyAlias]]] = {}
    for party in parties:
        for alias in party.names():
            index.setdefault(fold(alias.label), []).append((party, alias))
    if len(_INDEXES) >= 8:  # a few tables at a time (the snapshot's, the built-in one)
        _INDEXES.clear()
    _INDEXES[id(parties)] = (parties, index)
    return index
