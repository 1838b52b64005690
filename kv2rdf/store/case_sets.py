"""What case linking reads from a store: question sets, gathered through the store's indexes.

A store of 100,000 documents holds 100,000 question sets and a million question texts; none
of that is pulled into Python whole. `question_sets` reads in steps, each query narrowed by a
``VALUES`` block, so the store answers from its indexes (linking everything reads all sets
and all askers in one query each, in the forms of `kv2rdf.store.link_queries`):

1. the sets (IRI, graph, date "ingezonden") of the graphs in scope — all graphs, or those
   loaded since the last run — and their zaaknummers;
2. incremental runs only: every other set that shares a date or a zaaknummer with a set in
   scope, and so on until no new date or zaaknummer turns up (`kv2rdf.store.cases` links
   only sets that share one, so the closure holds every case a new document can touch);
3. the askers of the sets that share a date or zaaknummer with another set;
4. the questions' texts and the title of the sets that share a date and an asker with
   another set: the only pairs whose evidence reads them.

A set left out of steps 3 and 4 could not be linked to any other, with or without them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator

from kv2rdf.errors import StoreError
from kv2rdf.store.cases import ZAAKNUMMER, QuestionSet
from kv2rdf.store.link_queries import (
    ASKERS,
    DATED,
    IDENTIFIERS,
    QUESTIONS,
    SETS,
    SETS_OF,
    SETS_ON,
    TITLES,
    whole,
)
from kv2rdf.store.local import GraphStore

#: IRIs (or literals) per ``VALUES`` block: keeps every request small. Past about 1,000
#: values Oxigraph stops using them as an index lookup (on a 100,000-document store a request
#: for the sets of 1,000 graphs took 0.06–0.09 s, for 2,000 graphs 5.5–6 s).
CHUNK = 500
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def records(store: GraphStore, sparql: str, *needed: str) -> list[dict[str, str]]:
    """The rows of a SELECT query; `StoreError` when the store answers other variables."""
    result = store.query(sparql)
    if not set(needed) <= set(result.variables):
        raise StoreError(f"{store.location}: the store answered a query with the variables "
                         f"{', '.join(result.variables) or 'none'} instead of "
                         f"{', '.join(needed)}; it cannot be linked")
    return [row for row in result.records() if set(needed) <= set(row)]


def iri_term(value: str) -> str:
    """``value`` as a SPARQL IRI term."""
    return f"<{value}>"


def string_term(value: str) -> str:
    """``value`` as a SPARQL string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def date_term(value: str) -> str:
    """``value`` as an ``xsd:date`` literal."""
    return f"{string_term(value)}^^<{XSD_DATE}>"


def narrowed(sparql: str, var: str, terms: Iterable[str]) -> str:
    """``sparql`` with ``VALUES ?var { … }`` opening its (first) WHERE block."""
    head, brace, tail = sparql.partition("WHERE {")
    return f"{head}{brace} VALUES ?{var} {{ {' '.join(terms)} }}{tail}"


def chunked_records(store: GraphStore, sparql: str, var: str, terms: Collection[str],
                    *needed: str) -> Iterator[dict[str, str]]:
    """The rows of ``sparql`` narrowed to ``terms`` (all rows when ``terms`` is None)."""
    ordered = sorted(terms)
    for start in range(0, len(ordered), CHUNK):
        yield from records(store, narrowed(sparql, var, ordered[start:start + CHUNK]), *needed)


class _Gathered:
    """Sets found so far: graphs, dates and zaaknummers per IRI."""

    def __init__(self) -> None:
        self.graphs: dict[str, set[str]] = defaultdict(set)
        self.dates: dict[str, str] = {}
        self.zaak: dict[str, set[str]] = defaultdict(set)

    def add_rows(self, rows: Iterable[dict[str, str]]) -> None:
        """Take (qs, g) and (qs, g, d) rows: a set keeps its earliest date ("" for none)."""
        for row in rows:
            iri = row["qs"]
            self.graphs[iri].add(row["g"])
            day = row.get("d", "")
            if day and (not self.dates.get(iri) or day < self.dates[iri]):
                self.dates[iri] = day
            else:
                self.dates.setdefault(iri, "")

    def add_identifiers(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            if ZAAKNUMMER.match(row["id"]):
                self.zaak[row["qs"]].add(row["id"])


def question_sets(store: GraphStore, graphs: Collection[str] | None = None
                  ) -> list[QuestionSet]:
    """The question sets linking must see, with what the decision needs, in IRI order.

    ``graphs`` None: every set in the store. Otherwise the sets of those graphs and every set
    that may be one case with them (see the module notes).
    """
    found = _Gathered()
    if graphs is None:
        found.add_rows(records(store, SETS, "qs", "g"))
        found.add_rows(records(store, DATED, "qs", "g", "d"))
        found.add_identifiers(records(store, IDENTIFIERS, "qs", "id"))
    else:
        _closure(store, found, graphs)
    blocks: dict[str, list[str]] = defaultdict(list)
    for iri in found.graphs:
        for key in [f"z:{z}" for z in found.zaak[iri]] + (
                [f"d:{found.dates[iri]}"] if found.dates[iri] else []):
            blocks[key].append(iri)
    paired = {iri for members in blocks.values() if len(members) > 1 for iri in members}
    askers: dict[str, set[str]] = defaultdict(set)
    for row in (records(store, whole(ASKERS), "qs", "who") if graphs is None else
                chunked_records(store, ASKERS, "qs", [iri_term(i) for i in paired], "qs", "who")):
        if row["qs"] in paired:
            askers[row["qs"]].add(row["who"].rsplit("/", 1)[-1])
    readers = set()
    for key, members in blocks.items():
        if key.startswith("d:"):
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if askers[a] & askers[b] and not (found.zaak[a] and found.zaak[b]):
                        readers |= {a, b}
    texts: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, str] = {}
    terms = [iri_term(i) for i in readers]
    for row in chunked_records(store, QUESTIONS, "qs", terms, "qs", "text"):
        texts[row["qs"]].add(row["text"])
    for row in chunked_records(store, TITLES, "qs", terms, "qs", "title"):
        titles[row["qs"]] = max(titles.get(row["qs"], ""), row["title"])
    return [QuestionSet(iri, frozenset(found.graphs[iri]), frozenset(found.zaak[iri]),
                        found.dates[iri] or None, frozenset(askers[iri]), titles.get(iri, ""),
                        tuple(sorted(texts[iri])))
            for iri in sorted(found.graphs)]


def _closure(store: GraphStore, found: _Gathered, graphs: Collection[str]) -> None:
    """The sets of ``graphs``, then the sets sharing a date or zaaknummer, until closed."""
    new = {row["qs"] for row in chunked_records(store, SETS, "g",
                                                 [iri_term(g) for g in graphs], "qs", "g")}
    seen_dates: set[str] = set()
    seen_zaak: set[str] = set()
    while new:
        terms = [iri_term(i) for i in new]
        found.add_rows(chunked_records(store, SETS, "qs", terms, "qs", "g"))  # every graph
        found.add_rows(chunked_records(store, DATED, "qs", terms, "qs", "g", "d"))
        found.add_identifiers(chunked_records(store, IDENTIFIERS, "qs", terms, "qs", "id"))
        dates = {found.dates[i] for i in new if found.dates.get(i)} - seen_dates
        zaak = {z for i in new for z in found.zaak[i]} - seen_zaak
        seen_dates |= dates
        seen_zaak |= zaak
        more = {row["qs"] for row in chunked_records(
            store, SETS_ON, "d", [date_term(d) for d in dates], "qs", "g")}
        more |= {row["qs"] for row in chunked_records(
            store, SETS_OF, "id", [string_term(z) for z in zaak], "qs", "g")}
        new = more - set(found.graphs)
