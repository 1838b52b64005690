"""Shared entities: what many documents describe alike (people, parties, posts, ministries).

Every document describes the people, fracties, posts and ministries it names, so the same
person is described in thousands of documents. A description never depends on the document:
people are keyed and labelled from the reference data (or from what is printed, keyed on all of
it), and what is dated (a seat, a term in a post) is a membership keyed by its start.
`SHARED_CLASSES` names those kinds; a subject typed with one of them is a shared entity.
Loading puts their triples in one shared graph (`kv2rdf.store.bulk`), and bulk validation
lets documents that describe them identically share a validation run (`kv2rdf.bulk_validation`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib.namespace import FOAF, ORG, RDF, SKOS, TIME

from kv2rdf.namespaces import KV, TOOIONT

#: Classes whose instances many documents describe: person, fractie, post, ministry, concept,
#: and the dated memberships from the reference data (a seat in a fractie, a term in a post,
#: with their OWL-Time periods), which every document naming that person describes alike.
SHARED_CLASSES = frozenset(str(c) for c in (FOAF.Person, KV.Fractie, ORG.Organization,
                                            ORG.Post, TOOIONT.Ministerie, SKOS.Concept,
                                            ORG.Membership, TIME.ProperInterval, TIME.Instant))
RDF_TYPE = str(RDF.type)


def shared_subjects(triples: Iterable[tuple[str, str, str]]) -> set[str]:
    """The subjects typed with a shared class, from (subject, predicate, object) strings."""
    return {s for s, p, o in triples if p == RDF_TYPE and o in SHARED_CLASSES}
