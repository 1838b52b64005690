"""Facts derived over a case's documents, kept in the graph ``{base}id/afgeleid``.

Queries over the whole store would otherwise join every question, answer item and
participation to count or date a case; the facts below let them start from one triple per
case. `kv2rdf.store.linking` derives them again after every load, for the question sets the
load can touch (or for all of them), so they follow documents that are loaded, replaced or
linked again; the same documents always give the same facts.

Per question set (``kv:WrittenQuestions``):

* ``kv:daysToAnswer`` and ``kv:answeredLate``: days to the first regular answer (or a notice
  that it was answered by letter), and whether that is beyond three weeks (`TERM_DAYS`);
* ``kv:questionCount``: its numbered questions (``kv:Question``), 0 when there are none;
* ``kv:answerDocumentCount``: the answer documents that answer it, 0 when there are none;
* ``kv:firstAnswered``: the earliest date "ontvangen" of those answer documents;
* ``kv:askedFor``: the fracties its indiener and medeindieners asked for.

Per answer document, regular or further ("nader"): ``kv:daysToAnswer`` (per set it answers,
to the document's own date "ontvangen"), ``kv:answerCount`` (its answer items, ``kv:Answer``),
``kv:answeringMinistry`` for the ministry of each post a signer signed for, and
``kv:groupedAnswer`` for each of its answer items that answers more than one numbered
question at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date

import pyoxigraph as ox

from kv2rdf.namespaces import KV, KVDOC
from kv2rdf.store.case_sets import CHUNK, chunked_records, iri_term
from kv2rdf.store.case_sets import records as _records
from kv2rdf.store.link_queries import (
    ANSWER_DOCS,
    ANSWER_DOCS_IN,
    ANSWERED,
    COUNTS,
    FRACTIES,
    GROUPED_ITEMS,
    ITEMS,
    LETTERS,
    MINISTRIES,
    whole,
)
from kv2rdf.store.local import GraphStore

DAYS = ox.NamedNode(str(KV.daysToAnswer))
LATE = ox.NamedNode(str(KV.answeredLate))
QUESTIONS = ox.NamedNode(str(KV.questionCount))
ANSWER_DOCUMENTS = ox.NamedNode(str(KV.answerDocumentCount))
FIRST_ANSWERED = ox.NamedNode(str(KV.firstAnswered))
ASKED_FOR = ox.NamedNode(str(KV.askedFor))
GROUPED = ox.NamedNode(str(KV.groupedAnswer))
MINISTRY = ox.NamedNode(str(KV.answeringMinistry))
ANSWERS = ox.NamedNode(str(KV.answerCount))
INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
#: The customary term for answering written questions: three weeks.
TERM_DAYS = 21
#: Derived triples inserted per request at most (`replace_in_parts`).
INSERT_PART = 20_000

REGULAR = str(KVDOC["antwoord-schriftelijke-vragen"])  # only regular ones answer a case


def derived_graph_name(book: str) -> str:
    """The graph of facts derived over documents, beside the graph of links."""
    return book.rsplit("/", 1)[0] + "/afgeleid"


def _rows(store: GraphStore, sparql: str, var: str, scope: Collection[str] | None,
          *needed: str) -> Iterator[dict[str, str]]:
    """The rows of ``sparql``: all (in its `whole` form), or those with ``var`` in ``scope``."""
    if scope is None:
        return iter(_records(store, whole(sparql), *needed))
    return chunked_records(store, sparql, var, [iri_term(i) for i in scope], *needed)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=INT)


def answer_times(store: GraphStore, sets: Collection[str] | None) -> set[ox.Triple]:
    """Days to answer, for each answer document; and lateness, for each answered question set.

    An answer document's days run to its own date "ontvangen" (a further answer's too); a
    question set's to its first regular answer, or to a notice that it was answered by letter.
    """
    first: dict[str, int] = {}
    triples: set[ox.Triple] = set()
    for row in _rows(store, ANSWERED, "qs", sets, "ad", "qs", "d0", "d1", "type"):
        days = _days(row)
        if days is None:
            continue
        triples.add(ox.Triple(ox.NamedNode(row["ad"]), DAYS, _integer(days)))
        if row["type"] == REGULAR:
            first[row["qs"]] = min(days, first.get(row["qs"], days))
    for row in _rows(store, LETTERS, "qs", sets, "qs", "d0", "d1"):
        days = _days(row)
        if days is not None:
            first[row["qs"]] = min(days, first.get(row["qs"], days))
    for qs, days in first.items():
        triples.add(ox.Triple(ox.NamedNode(qs), DAYS, _integer(days)))
        triples.add(ox.Triple(ox.NamedNode(qs), LATE, ox.Literal(days > TERM_DAYS)))
    return triples


def answer_days(store: GraphStore, documents: Collection[str]) -> set[ox.Triple]:
    """Days to answer of the answer documents ``documents``, for every set each one answers.

    A document that answers two cases has its facts derived again when either is: its days
    for the other case must not be lost.
    """
    return {ox.Triple(ox.NamedNode(row["ad"]), DAYS, _integer(days))
            for row in _rows(store, ANSWERED, "ad", documents, "ad", "qs", "d0", "d1", "type")
            if (days := _days(row)) is not None}


def _days(row: dict[str, str]) -> int | None:
    """Days from ``d0`` to ``d1``; None when either is not a date."""
    try:
        return (date.fromisoformat(row["d1"]) - date.fromisoformat(row["d0"])).days
    except ValueError:
        return None


def set_facts(store: GraphStore, sets: Collection[str] | None) -> tuple[set[ox.Triple],
                                                                         set[str]]:
    """Counts, first answer and fracties of the question sets; and their answer documents."""
    triples: set[ox.Triple] = set()
    for row in _rows(store, COUNTS, "qs", sets, "qs", "n"):
        triples.add(ox.Triple(ox.NamedNode(row["qs"]), QUESTIONS, _integer(int(row["n"]))))
        triples.add(ox.Triple(ox.NamedNode(row["qs"]), ANSWER_DOCUMENTS, _integer(0)))
    documents: set[str] = set()
    for row in _rows(store, ANSWER_DOCS, "qs", sets, "qs", "n"):
        subject = ox.NamedNode(row["qs"])
        triples.discard(ox.Triple(subject, ANSWER_DOCUMENTS, _integer(0)))
        triples.add(ox.Triple(subject, ANSWER_DOCUMENTS, _integer(int(row["n"]))))
        if row.get("first"):
            triples.add(ox.Triple(subject, FIRST_ANSWERED, ox.Literal(row["first"],
                                                                      datatype=DATE)))
        documents.update(row.get("docs", "").split())
    for row in _rows(store, FRACTIES, "qs", sets, "qs", "f"):
        triples.add(ox.Triple(ox.NamedNode(row["qs"]), ASKED_FOR, ox.NamedNode(row["f"])))
    return triples, documents


def document_facts(store: GraphStore, documents: Collection[str] | None) -> set[ox.Triple]:
    """Per answer document: its items, those that answer 2+ questions, the ministries."""
    return set().union(*document_parts(store, documents))


def document_parts(store: GraphStore,
                   documents: Collection[str] | None) -> Iterator[set[ox.Triple]]:
    """`document_facts` a query at a time: the grouped items, the item counts, the ministries."""
    yield {ox.Triple(ox.NamedNode(row["ad"]), GROUPED, ox.NamedNode(row["item"]))
           for row in _rows(store, GROUPED_ITEMS, "ad", documents, "ad", "item")}
    yield {ox.Triple(ox.NamedNode(row["ad"]), ANSWERS, _integer(int(row["n"])))
           for row in _rows(store, ITEMS, "ad", documents, "ad", "n")}
    yield {ox.Triple(ox.NamedNode(row["ad"]), MINISTRY, ox.NamedNode(row["m"]))
           for row in _rows(store, MINISTRIES, "ad", documents, "ad", "m")}


def whole_facts(store: GraphStore) -> Iterator[set[ox.Triple]]:
    """Every derived fact of the store, in parts that need not be held at once.

    The answer times, the question sets' facts and each kind of answer-document fact are
    found by queries of their own; a part is let go once it is written, before the next
    query's hash tables are built (the facts of 100,000 documents take 400 MB held whole).
    """
    yield answer_times(store, None)
    yield set_facts(store, None)[0]
    yield from document_parts(store, None)


def derived_facts(store: GraphStore, sets: Collection[str],
                  graphs: Iterable[str] = ()) -> tuple[set[ox.Triple], set[str]]:
    """The derived facts about the sets in ``sets`` and the documents of ``graphs``.

    Returns the facts (`replace_in_parts` sorts them once) and the subjects whose facts they
    replace: the sets, the answer documents that answer them, and the answer documents among
    ``graphs``. Every fact of the store comes from `whole_facts`.
    """
    facts = answer_times(store, sets)
    about_sets, documents = set_facts(store, sets)
    facts |= about_sets
    documents |= {row["ad"] for row in _rows(store, ANSWER_DOCS_IN, "ad", set(graphs), "ad")}
    facts |= document_facts(store, documents) | answer_days(store, documents)
    subjects = set(sets) | documents | set(graphs) | {
        t.subject.value for t in facts if isinstance(t.subject, ox.NamedNode)}
    return facts, subjects


def derive(store: GraphStore, book: str, scope: set[str] | None, graphs: set[str]) -> None:
    """Derive the facts again: all of them, or those of the sets in ``scope`` (and ``graphs``)."""
    name = derived_graph_name(book)
    if scope is None:
        store.update(f"DROP SILENT GRAPH <{name}>")
        for part in whole_facts(store):
            replace_in_parts(store, "", name, part)
        return
    facts, subjects = derived_facts(store, scope, graphs)
    if subjects:
        replace_in_parts(store, narrowed_delete(name, "?s ?p ?o", subjects, ("s",)), name, facts)


def replace_in_parts(store: GraphStore, delete: str, graph: str,
                     triples: Iterable[ox.Triple]) -> None:
    """Run ``delete`` (if any), then insert ``triples`` into ``graph``, `INSERT_PART` a request.

    The first request holds the delete and the first part, so a small change is one
    transaction; a large one (the facts of a whole corpus: 945,000 triples at 100,000
    documents) does not become one request of hundreds of megabytes that the store holds in
    memory whole. A run broken off half-way is mended by linking again.
    """
    ordered = sorted(triples if isinstance(triples, set) else set(triples), key=str)
    parts = [ordered[i:i + INSERT_PART] for i in range(0, len(ordered), INSERT_PART)]
    if delete:
        store.update(f"{delete} ;\n{insert_data(graph, parts[0])}" if parts else delete)
    elif parts:
        store.update(insert_data(graph, parts[0]))
    for part in parts[1:]:
        store.update(insert_data(graph, part))


def insert_data(graph: str, triples: Iterable[ox.Triple]) -> str:
    """A SPARQL ``INSERT DATA`` of ``triples`` into ``graph``, in the order given."""
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{data.decode('utf-8')}}} }}"


def narrowed_delete(graph: str, pattern: str, scope: Collection[str] | None,
                    variables: tuple[str, ...]) -> str:
    """Delete the triples of ``pattern`` in ``graph``: all, or those naming ``scope``."""
    if scope is None:
        return f"DELETE WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}"
    ordered = [iri_term(i) for i in sorted(scope)]
    return " ;\n".join(f"DELETE {{ GRAPH <{graph}> {{ {pattern} }} }} WHERE {{ VALUES ?{v} "
                       f"{{ {' '.join(ordered[i:i + CHUNK])} }} GRAPH <{graph}> {{ {pattern} }} }}"
                       for v in variables for i in range(0, len(ordered), CHUNK))
