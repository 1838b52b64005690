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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from kv2rdf.errors import StoreError
from kv2rdf.namespaces import KV
from kv2rdf.store.cases import ZAAKNUMMER, Ambiguity, Link, QuestionSet, find_links
from kv2rdf.store.local import GraphStore, NamedGraph

OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
QUESTION = ox.NamedNode(str(KV.Question))
FOLLOWS_UP = ox.NamedNode(str(KV.followsUp))
DAYS = ox.NamedNode(str(KV.daysToAnswer))
LATE = ox.NamedNode(str(KV.answeredLate))
INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

SETS = """SELECT ?qs ?g ?d ?title WHERE { GRAPH ?g { ?qs a kv:WrittenQuestions .
  OPTIONAL { ?qs dct:dateSubmitted ?d } OPTIONAL { ?qs dct:title ?title } } }"""
IDENTIFIERS = """SELECT DISTINCT ?qs ?id WHERE { ?qs a kv:WrittenQuestions .
  { ?qs dct:identifier ?id } UNION { ?qs skos:notation ?id } }"""
ASKERS = """SELECT DISTINCT ?qs ?who WHERE { ?qs a kv:WrittenQuestions ; kv:participation ?p .
  ?p eli-dl:participation_role ?role ; eli-dl:had_participant_person ?who .
  FILTER(?role IN (kvrol:indiener, kvrol:medeindiener)) }"""
QUESTIONS = """SELECT DISTINCT ?qs ?text WHERE { ?qs a kv:WrittenQuestions ; eli:has_part ?q .
  ?q schema:text ?text }"""
CITED = """SELECT DISTINCT ?qs ?ref WHERE { ?qs a kv:WrittenQuestions ; eli:has_part ?q .
  ?q dct:references ?ref }"""
PUBLISHED = """SELECT DISTINCT ?id ?qs WHERE { ?w dct:identifier ?id .
  { ?w eli-dl:answers_to ?qs } UNION { ?w kv:postponesAnswerTo ?qs }
  UNION { ?w a kv:WrittenQuestions . BIND(?w AS ?qs) } }"""
ANSWERED = """SELECT DISTINCT ?ad ?qs ?d0 ?d1 WHERE { ?ad a kv:AnswerDocument ;
  eli:work_type kvdoc:antwoord-schriftelijke-vragen ; dct:dateSubmitted ?d1 ;
  eli-dl:answers_to ?qs . ?qs dct:dateSubmitted ?d0 }"""
# A notice saying the questions were answered by letter: the case is answered on its date.
LETTERS = """SELECT DISTINCT ?qs ?d0 ?d1 WHERE { ?n a kv:PostponementNotice ;
  kv:answeredByLetter ?letter ; kv:postponesAnswerTo ?qs ; dct:dateSubmitted ?d1 .
  ?qs dct:dateSubmitted ?d0 }"""
OEP_URL = "https://zoek.officielebekendmakingen.nl/"
#: The customary term for answering written questions: three weeks.
TERM_DAYS = 21
GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }"


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What a `link` run did: the links made (new ones first) and the ambiguities left."""

    links: tuple[Link, ...]
    ambiguities: tuple[Ambiguity, ...]
    rewritten: tuple[str, ...]


def question_sets(store: GraphStore) -> list[QuestionSet]:
    """Every question set in ``store``, with what the decision needs, in IRI order."""
    graphs: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str] = {}
    titles: dict[str, str] = {}
    for row in _records(store, SETS, "qs", "g"):
        graphs[row["qs"]].add(row["g"])
        dates.setdefault(row["qs"], row.get("d", ""))
        titles[row["qs"]] = max(titles.get(row["qs"], ""), row.get("title", ""))
    zaak, askers, texts = defaultdict(set), defaultdict(set), defaultdict(set)
    for row in _records(store, IDENTIFIERS, "qs", "id"):
        if ZAAKNUMMER.match(row["id"]):
            zaak[row["qs"]].add(row["id"])
    for row in _records(store, ASKERS, "qs", "who"):
        askers[row["qs"]].add(row["who"].rsplit("/", 1)[-1])
    for row in _records(store, QUESTIONS, "qs", "text"):
        texts[row["qs"]].add(row["text"])
    return [QuestionSet(iri, frozenset(graphs[iri]), frozenset(zaak[iri]), dates[iri] or None,
                        frozenset(askers[iri]), titles[iri], tuple(sorted(texts[iri])))
            for iri in sorted(graphs)]


def _records(store: GraphStore, sparql: str, *needed: str) -> list[dict[str, str]]:
    """The rows of a SELECT query; `StoreError` when the store answers other variables."""
    result = store.query(sparql)
    if not set(needed) <= set(result.variables):
        raise StoreError(f"{store.location}: the store answered a query with the variables "
                         f"{', '.join(result.variables) or 'none'} instead of "
                         f"{', '.join(needed)}; it cannot be linked")
    return [row for row in result.records() if set(needed) <= set(row)]


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


def link(store: GraphStore) -> LinkReport:
    """Link the question sets of each case in ``store``; see the module docstring."""
    sets = question_sets(store)
    if not sets:
        return LinkReport((), (), ())
    book = link_graph_name(sets[0].iri)
    records = graph_triples(store, book)
    links, ambiguities = find_links(sets, rejected_pairs(records))
    changed: dict[str, list[ox.Triple]] = {}
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
        records = [t for t in records if _value(t.subject) != record_iri(one)]
        records += _record(one, sorted(aliases))
    store.replace([NamedGraph(name, tuple(triples), "link") for name, triples
                   in sorted(changed.items())], lambda graph: None)
    store.replace([NamedGraph(derived_graph_name(book), tuple(derived_facts(store)), "link")],
                  lambda graph: None)
    chains = follow_ups(store)
    records = [t for t in records if t.predicate != FOLLOWS_UP] + chains
    if links or chains:
        store.replace([NamedGraph(book, tuple(sorted(set(records), key=str)), "link")],
                      lambda graph: None)
    return LinkReport(tuple(links), tuple(ambiguities), tuple(sorted(changed)))


def derived_graph_name(book: str) -> str:
    """The graph of facts derived over documents, beside the graph of links."""
    return book.rsplit("/", 1)[0] + "/afgeleid"


def derived_facts(store: GraphStore) -> list[ox.Triple]:
    """Days to answer and lateness, for each regular answer and each answered question set.

    An answer document gets ``kv:daysToAnswer`` from the submission of the questions it
    answers to its receipt; a question set gets the days to its first answer and
    ``kv:answeredLate`` when that is beyond the customary three weeks (`TERM_DAYS`).
    """
    first: dict[str, int] = {}
    triples: set[ox.Triple] = set()
    for row in _records(store, ANSWERED, "ad", "qs", "d0", "d1"):
        try:
            days = (date.fromisoformat(row["d1"]) - date.fromisoformat(row["d0"])).days
        except ValueError:
            continue
        triples.add(ox.Triple(ox.NamedNode(row["ad"]), DAYS, ox.Literal(str(days), datatype=INT)))
        first[row["qs"]] = min(days, first.get(row["qs"], days))
    for row in _records(store, LETTERS, "qs", "d0", "d1"):
        try:
            days = (date.fromisoformat(row["d1"]) - date.fromisoformat(row["d0"])).days
        except ValueError:
            continue
        first[row["qs"]] = min(days, first.get(row["qs"], days))
    for qs, days in first.items():
        triples.add(ox.Triple(ox.NamedNode(qs), DAYS, ox.Literal(str(days), datatype=INT)))
        triples.add(ox.Triple(ox.NamedNode(qs), LATE, ox.Literal(days > TERM_DAYS)))
    return sorted(triples, key=str)


def follow_ups(store: GraphStore) -> list[ox.Triple]:
    """``kv:followsUp`` from each question set to the loaded earlier cases its questions cite.

    A citation is a reference to the earlier case's publication: its questions
    (``kv-tk-{zaaknummer}``), its answer or a notice (``ah-tk-…``), or its zaaknummer.
    """
    cases: dict[str, set[str]] = defaultdict(set)
    for row in _records(store, PUBLISHED, "id", "qs"):
        key = row["id"] if not ZAAKNUMMER.match(row["id"]) else f"kv-tk-{row['id']}"
        cases[OEP_URL + key].add(row["qs"])
    return sorted({ox.Triple(ox.NamedNode(row["qs"]), FOLLOWS_UP, ox.NamedNode(earlier))
                   for row in _records(store, CITED, "qs", "ref")
                   for earlier in cases.get(row["ref"], ()) if earlier != row["qs"]}, key=str)


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
