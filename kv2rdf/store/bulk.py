"""Storage stage, in bulk: many documents into a store with flat memory.

Workers (`LoadJob`, run by `kv2rdf.batch.run`) convert the inputs and return each document's
graph as N-Quads; `Spool` writes them, in input order, to a temporary N-Quads file, so the main
process never holds more than a few chunks. Then the store takes the whole file:

* the embedded store drops the graphs about to be replaced, then reads the file with
  Oxigraph's bulk loader (`LocalStore.bulk_replace`);
* a server gets batches of graphs, one request each (`RemoteStore.bulk_replace`).

Shared entities (people, fracties, posts, ministries, concepts: `kv2rdf.entities`) are
described in every document that names them. Their triples go once into one shared graph
(`shared_graph`) instead of into each document's graph, so the union default graph holds
each of them once and queries that join through them do not multiply. A document's graph
holds everything else; loading a document again still replaces its graph, and the shared
graph only gains what it lacked (the same triples again change nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kv2rdf._ntriples import statement_lines
from kv2rdf.batch import Outcome
from kv2rdf.entities import RDF_TYPE, SHARED_CLASSES
from kv2rdf.errors import Kv2RdfError
from kv2rdf.formats import SourceFormat
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.pipeline import (
    display_path,
    located,
    metadata_beside,
    read_input,
    warning_lines,
)
from kv2rdf.store.inputs import RDF_SUFFIXES, converted, graphs_from_rdf
from kv2rdf.store.load_check import check_graphs, report_lines
from kv2rdf.store.spool import Spool
from kv2rdf.triples import Triples

__all__ = ["Document", "LoadJob", "Read", "Spool", "shared_graph", "split_shared"]

#: A graph's triples: pyoxigraph's (read from an RDF file) or kv2rdf's own (a conversion).
Graph = list[ox.Triple] | Triples
#: What a worker reads from one input: named graphs, warnings, (questions, answers).
Read = tuple[list[tuple[str, Graph]], list[str], tuple[int, int]]


def shared_graph(base: str = DEFAULT_BASE) -> str:
    """The name of the graph that holds the shared entities."""
    return f"{base}graaf/gedeeld"


def split_shared(triples: Sequence[ox.Triple]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(the document's own triples, the triples about shared entities)."""
    shared = {t.subject for t in triples if t.predicate.value == RDF_TYPE
              and isinstance(t.object, ox.NamedNode) and t.object.value in SHARED_CLASSES}
    own = [t for t in triples if t.subject not in shared]
    return own, [t for t in triples if t.subject in shared]


@dataclass(frozen=True, slots=True)
class Document:
    """One graph to load: its name, its N-Quads, and its shared triples as N-Triples lines."""

    name: str
    origin: str
    nquads: bytes
    triples: int
    shared: tuple[bytes, ...]


@dataclass(frozen=True, slots=True)
class LoadJob:
    """Turn inputs (RDF files or sources) into `Document`s; picklable for worker processes."""

    fmt: SourceFormat | None = None
    strict: bool = False
    base: str = DEFAULT_BASE
    validate: bool = False
    engine: str = "fast"  # the validation engine (reports are the same)

    def graphs(self, path: Path) -> Read:
        """The named graphs of one input, its warnings, and its questions and answers."""
        data = read_input(path)
        shown = display_path(path)  # a name that is not UTF-8 is shown with U+FFFD
        rdf = RDF_SUFFIXES.get(path.suffix.lower())
        if rdf is not None:
            found = graphs_from_rdf(data, rdf, shown, path.resolve().as_uri())
            return [(g.name, list(g.triples)) for g in found], [], (0, 0)
        name, triples, doc = converted(data, shown, fmt=self.fmt, strict=self.strict,
                                       base=self.base, metadata=metadata_beside(path))
        return [(name, triples)], warning_lines(doc), (len(doc.questions), len(doc.answers))

    def __call__(self, chunk: Sequence[str]) -> list[Outcome]:
        """One outcome per input; its payload is the list of `Document`s.

        With ``validate``, an input whose graph violates the shapes is reported, marked
        violated and not loaded.
        """
        outcomes = []
        for source in chunk:
            try:
                graphs, warnings, (questions, answers) = self.graphs(Path(source))
                checked = check_graphs([g for _, g in graphs], origin=source,
                                       engine=self.engine) if self.validate else []
            except Kv2RdfError as exc:
                outcomes.append(Outcome(source, (located(Path(source), exc),), failed=True))
                continue
            violated = any(not report.conforms for report in checked)
            outcomes.append(Outcome(
                source, (*warnings, *report_lines(source, checked)),
                warnings=len(warnings) + sum(len(report.warnings) for report in checked),
                questions=questions, answers=answers, violated=violated,
                payload=None if violated else [_document(name, source, triples)
                                               for name, triples in graphs]))
        return outcomes


def _document(name: str, origin: str, triples: Graph) -> Document:
    """A graph to load: the document's own triples as N-Quads, its shared ones apart."""
    if isinstance(triples, Triples):  # written by kv2rdf's own writer: no pyoxigraph terms
        subjects = {s for s, p, o in triples if p == RDF_TYPE and o in SHARED_CLASSES}
        own_lines = statement_lines((t for t in triples if t[0] not in subjects), name)
        shared_lines = statement_lines(t for t in triples if t[0] in subjects)
        return Document(name, origin, own_lines.encode(), len(triples),
                        tuple(shared_lines.encode().splitlines()))
    own, shared = split_shared(triples)
    graph = ox.NamedNode(name)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in own]
    lines = ox.serialize(shared, format=ox.RdfFormat.N_TRIPLES) or b""
    return Document(name, origin, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"",
                    len(triples), tuple(lines.splitlines()))
