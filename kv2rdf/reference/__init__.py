"""Reference data on Tweede Kamer members, ministers and parties; reconciliation of names.

``match_member("Van Dijk", "CDA", date(2023, 12, 13))`` and ``match_minister("Helder",
"Minister voor Langdurige Zorg en Sport", date(2023, 10, 24))`` return a `Match`: the person
(Tweede Kamer ``Persoon`` id, Wikidata id, full name) with the party or post, or the reason why
no single person fits. The snapshot in use is shipped in the package and can be refreshed from
an Open Data Portal export (``kv2rdf reference update``).
"""

from kv2rdf.reference.check import CheckRow, check_document
from kv2rdf.reference.index import Reference, load_reference
from kv2rdf.reference.matching import (
    Match,
    MatchStatus,
    canonical_party,
    match_member,
    match_minister,
    ministry_of,
)
from kv2rdf.reference.names import fold
from kv2rdf.reference.parties import PARTIES, resolve_party
from kv2rdf.reference.records import (
    CabinetPost,
    Mandate,
    Party,
    PartyAlias,
    ReferencePerson,
    Snapshot,
)

__all__ = [
    "PARTIES",
    "CabinetPost",
    "CheckRow",
    "Mandate",
    "Match",
    "MatchStatus",
    "Party",
    "PartyAlias",
    "Reference",
    "ReferencePerson",
    "Snapshot",
    "canonical_party",
    "check_document",
    "fold",
    "load_reference",
    "match_member",
    "match_minister",
    "ministry_of",
    "resolve_party",
]
