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


# -- the shared graph when documents are replaced ---------------------------------------------
#
# A document names shared entities from its own graph (a participation names a person, a post,
# a fractie, a ministry; a work names its type). When documents are replaced, the entities their
# old graphs named (and the posts' ministries and holders, one step further in the shared
# graph) are the candidates; after the load, a candidate that no graph but the shared one names
# any more — directly, or through a shared entity that a graph names — leaves the shared graph
# with every triple about it. What is said about an entity that is still named stays: the
# shared graph holds the union of what the loaded documents say about it.

#: Entities per request when pruning.
PRUNE_CHUNK = 1000


def named_by(graphs: Iterable[str], shared: str) -> str:
    """A SELECT of the shared entities (``?e``) that ``graphs`` name, directly or one step on."""
    values = " ".join(f"<{g}>" for g in graphs)
    return (f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {values} }} "
            f"{{ GRAPH ?g {{ ?s ?p ?e }} }} UNION "
            f"{{ GRAPH ?g {{ ?s ?p ?x }} GRAPH <{shared}> {{ ?x ?q ?e }} }} "
            f"GRAPH <{shared}> {{ ?e a ?t }} }}")


def prune_unnamed(entities: Iterable[str], shared: str) -> list[str]:
    """SPARQL updates that remove the ``entities`` no graph but the shared one names any more."""
    ordered = sorted(entities)
    updates = []
    for start in range(0, len(ordered), PRUNE_CHUNK):
        values = " ".join(f"<{e}>" for e in ordered[start:start + PRUNE_CHUNK])
        updates.append(
            f"DELETE {{ GRAPH <{shared}> {{ ?e ?p ?o }} }} WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH <{shared}> {{ ?e ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?e }} FILTER(?g != <{shared}>) }} "
            f"FILTER NOT EXISTS {{ GRAPH <{shared}> {{ ?x ?y ?e }} "
            f"GRAPH ?h {{ ?z ?w ?x }} FILTER(?h != <{shared}>) }} }}")
    return updates
