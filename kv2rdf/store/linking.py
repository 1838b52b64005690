"""Case linking in a store: one question set per case, with evidence a user can query and undo.

`link` gathers the question sets of every loaded document, lets `kv2rdf.store.cases` decide
which are one case, and rewrites each alias in the graphs that minted it — the set, its
questions, participations and text spans — to the case's canonical IRI, so that questions,
notices and answers meet without reasoning (``eli-dl:answers_to``, ``kv:postponesAnswerTo``
and ``eli:has_part`` all name the canonical set). The graph ``{base}id/koppelingen`` keeps,
per link, an ``owl:sameAs`` from each replaced IRI and a ``kv:CaseLink`` record with the
evidence and the graphs rewritten. `unlink` undoes a link and marks it rejected, so a later
run does not make it again. Reloading a document brings its own IRIs back; ``kv2rdf load``
links again after every load. Linking the same documents in any order gives the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kv2rdf.namespaces import KV
from kv2rdf.store.case_sets import chunked_records, iri_term, question_sets, string_term
from kv2rdf.store.case_sets import records as _records
from kv2rdf.store.cases import ZAAKNUMMER, Ambiguity, Link, find_links
from kv2rdf.store.derived import derive, replace_in_parts
from kv2rdf.store.derived import narrowed_delete as _narrowed_delete
from kv2rdf.store.link_queries import CITED, PUBLISHED, PUBLISHED_BY, whole
from kv2rdf.store.local import GraphStore, NamedGraph

OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
QUESTION = ox.NamedNode(str(KV.Question))
FOLLOWS_UP = ox.NamedNode(str(KV.followsUp))
OEP_URL = "https://zoek.officielebekendmakingen.nl/"
GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }"


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What a `link` run did: the links made (new ones first) and the ambiguities left."""

    links: tuple[Link, ...]
    ambiguities: tuple[Ambiguity, ...]
    rewritten: tuple[str, ...]


def link_graph_name(iri: str) -> str:
    """The graph that holds the links of the instance namespace ``iri`` belongs to."""
    return iri[:iri.index("/id/") + len("/id/")] + "koppelingen"


def record_iri(link: Link) -> str:
    """The IRI of the record of ``link``: under the canonical set, keyed by the alias."""
    tail = link.alias.split("/kamervraag/", 1)[-1].replace("/", "-")
    return f"{link.canonical}/koppeling/{tail}"


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term) if isinstance(term, ox.Triple) else term.value


def _within(iri: str, root: str) -> bool:
    return iri == root or iri.startswith(root + "/")


def _renamer(old: str, new: str) -> Callable[[ox.NamedNode], ox.NamedNode]:
    def rename(node: ox.NamedNode) -> ox.NamedNode:
        return ox.NamedNode(new + node.value[len(old):]) if _within(node.value, old) else node
    return rename


def _rewrite(triples: Iterable[ox.Triple], rename: Callable[[ox.NamedNode], ox.NamedNode]
             ) -> list[ox.Triple]:
    out = []
    for t in triples:
        s = rename(t.subject) if isinstance(t.subject, ox.NamedNode) else t.subject
        o = rename(t.object) if isinstance(t.object, ox.NamedNode) else t.object
        out.append(ox.Triple(s, t.predicate, o))
    return out


def graph_triples(store: GraphStore, name: str) -> list[ox.Triple]:
    """The triples of the named graph ``name`` (none when there is no such graph)."""
    text = store.query(GRAPH_TRIPLES % name).graph or ""
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def _record(link: Link, aliases: Iterable[tuple[str, str]]) -> list[ox.Triple]:
    rec = ox.NamedNode(record_iri(link))
    triples = [ox.Triple(rec, RDF_TYPE, ox.NamedNode(str(KV.CaseLink))),
               ox.Triple(rec, ox.NamedNode(str(KV.linkedAlias)), ox.NamedNode(link.alias)),
               ox.Triple(rec, ox.NamedNode(str(KV.linkedTo)), ox.NamedNode(link.canonical))]
    triples += [ox.Triple(rec, ox.NamedNode(str(KV.evidence)), ox.Literal(e))
                for e in link.evidence]
    triples += [ox.Triple(rec, PROV_DERIVED, ox.NamedNode(g)) for g in link.graphs]
    triples += [ox.Triple(ox.NamedNode(a), OWL_SAME_AS, ox.NamedNode(c)) for a, c in aliases]
    return triples


def rejected_pairs(records: Iterable[ox.Triple]) -> frozenset[tuple[str, str]]:
    """The (alias, canonical) pairs of the records marked ``kv:rejected``."""
    by_record: dict[str, dict[str, str]] = defaultdict(dict)
    for t in records:
        by_record[_value(t.subject)][t.predicate.value] = _value(t.object)
    return frozenset((r[str(KV.linkedAlias)], r[str(KV.linkedTo)]) for r in by_record.values()
                     if r.get(str(KV.rejected)) == "true")


def link(store: GraphStore, graphs: Collection[str] | None = None) -> LinkReport:
    """Link the question sets of each case in ``store``; see the module docstring.

    ``graphs`` names the graphs loaded since the last run: then only the cases they can touch
    are linked again, and only their days to answer and follow-ups are derived again, with
    the same result as a run over everything (None). See `kv2rdf.store.case_sets`.
    """
    sets = question_sets(store, graphs)
    if not sets:
        return LinkReport((), (), ())
    book = link_graph_name(sets[0].iri)
    links, ambiguities = find_links(sets, rejected_links(store, book))
    changed: dict[str, list[ox.Triple]] = {}
    records: list[ox.Triple] = []
    for one in links:
        rename = _renamer(one.alias, one.canonical)
        aliases: set[tuple[str, str]] = {(one.alias, one.canonical)}
        for name in one.graphs:
            before = changed.get(name) or graph_triples(store, name)
            aliases |= {(_value(t.subject), rename(t.subject).value) for t in before
                        if t.predicate == RDF_TYPE and t.object == QUESTION
                        and isinstance(t.subject, ox.NamedNode)
                        and rename(t.subject) != t.subject}
            changed[name] = _rewrite(before, rename)
        records += _record(one, sorted(aliases))
    store.replace([NamedGraph(name, tuple(triples), "link") for name, triples
                   in sorted(changed.items())], lambda graph: None)
    if links:
        drops = " ;\n".join(f"DELETE WHERE {{ GRAPH <{book}> {{ <{record_iri(one)}> ?p ?o }} }}"
                            for one in links)
        replace_in_parts(store, drops, book, records)
    canonical = {one.alias: one.canonical for one in links}
    scope = None if graphs is None else (
        {canonical.get(qs.iri, qs.iri) for qs in sets} | set(canonical))
    derive(store, book, scope, set(graphs or ()))
    chains = follow_ups(store, scope)
    old = _narrowed_delete(book, f"?s <{FOLLOWS_UP.value}> ?o", scope, ("s", "o"))
    if chains or graphs is None or scope:
        replace_in_parts(store, old, book, chains)
    return LinkReport(tuple(links), tuple(ambiguities), tuple(sorted(changed)))


HOLDS_SETS = "ASK { ?qs a kv:WrittenQuestions }"


def holds_question_sets(store: GraphStore) -> bool:
    """Whether ``store`` holds any question set.

    Loading into a store without one, linking everything afterwards (``graphs`` None) gives
    the same links and facts as linking the loaded graphs, in one pass over the store instead
    of one request per few hundred sets: at 100,000 documents, minutes instead of a quarter
    of an hour.
    """
    return bool(store.query(HOLDS_SETS).boolean)


def scope_of_load(store: GraphStore, graphs: Collection[str]) -> Collection[str] | None:
    """What to link after loading ``graphs``: those, or everything (None).

    Everything when the store holds no question set yet (see `holds_question_sets`); so ask
    before loading.
    """
    return graphs if holds_question_sets(store) else None


REJECTED = """SELECT ?a ?c WHERE { GRAPH <%s> { ?r kv:rejected true ;
  kv:linkedAlias ?a ; kv:linkedTo ?c } }"""


def rejected_links(store: GraphStore, book: str) -> frozenset[tuple[str, str]]:
    """The (alias, canonical) pairs a user has undone, read from the graph of links."""
    return frozenset((r["a"], r["c"]) for r in _records(store, REJECTED % book, "a", "c"))


def follow_ups(store: GraphStore, sets: Collection[str] | None = None) -> list[ox.Triple]:
    """``kv:followsUp`` from each question set to the loaded earlier cases its questions cite.

    A citation is a reference to the earlier case's publication: its questions
    (``kv-tk-{zaaknummer}``), its answer or a notice (``ah-tk-…``), or its zaaknummer.
    ``sets`` narrows it to the follow-ups from and to those question sets.
    """
    if sets is None:
        published = _records(store, whole(PUBLISHED), "id", "qs")
        cited = _records(store, whole(CITED), "qs", "ref")
    else:
        terms = [iri_term(i) for i in sets]
        cited = list(chunked_records(store, CITED, "qs", terms, "qs", "ref"))
        keys = {r["ref"][len(OEP_URL):] for r in cited if r["ref"].startswith(OEP_URL)}
        ids = keys | {k[len("kv-tk-"):] for k in keys if ZAAKNUMMER.match(k[len("kv-tk-"):])}
        published = list(chunked_records(store, PUBLISHED, "id",
                                         [string_term(i) for i in ids], "id", "qs"))
        published += [r for branch in PUBLISHED_BY for r in chunked_records(
            store, branch, "qs", terms, "id", "qs")]
        refs = {OEP_URL + _key(r["id"]) for r in published if r["qs"] in sets}
        cited += chunked_records(store, CITED, "ref", [iri_term(r) for r in refs], "qs", "ref")
    cases: dict[str, set[str]] = defaultdict(set)
    for row in published:
        cases[OEP_URL + _key(row["id"])].add(row["qs"])
    return sorted({ox.Triple(ox.NamedNode(row["qs"]), FOLLOWS_UP, ox.NamedNode(earlier))
                   for row in cited
                   for earlier in cases.get(row["ref"], ()) if earlier != row["qs"]}, key=str)


def _key(identifier: str) -> str:
    """The OEP publication key of an identifier: a zaaknummer stands for its questions."""
    return identifier if not ZAAKNUMMER.match(identifier) else f"kv-tk-{identifier}"


def unlink(store: GraphStore, iri: str) -> list[str]:
    """Undo the links whose alias or canonical IRI is ``iri``; mark them rejected.

    Return the aliases restored. The graphs a link rewrote get the alias IRIs back.
    """
    book = link_graph_name(iri)
    records = graph_triples(store, book)
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    graphs: dict[str, list[str]] = defaultdict(list)
    for t in records:
        fields[_value(t.subject)][t.predicate.value] = _value(t.object)
        if t.predicate == PROV_DERIVED:
            graphs[_value(t.subject)].append(_value(t.object))
    undone: list[str] = []
    changed: dict[str, list[ox.Triple]] = {}
    for rec, f in sorted(fields.items()):
        alias, canonical = f.get(str(KV.linkedAlias)), f.get(str(KV.linkedTo))
        if not alias or not canonical or iri not in (alias, canonical) \
                or f.get(str(KV.rejected)) == "true":
            continue
        rename = _renamer(canonical, alias)
        for name in sorted(graphs[rec]):
            changed[name] = _rewrite(changed.get(name) or graph_triples(store, name), rename)
        records = [t for t in records if not (t.predicate == OWL_SAME_AS
                                              and _within(_value(t.object), canonical)
                                              and _within(_value(t.subject), alias))]
        records.append(ox.Triple(ox.NamedNode(rec), ox.NamedNode(str(KV.rejected)),
                                 ox.Literal(True)))
        undone.append(alias)
    if undone:
        changed[book] = sorted(set(records), key=str)
        store.replace([NamedGraph(name, tuple(triples), "unlink") for name, triples
                       in sorted(changed.items())], lambda graph: None)
    return undone
