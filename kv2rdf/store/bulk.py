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

import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

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
from kv2rdf.store.inputs import RDF_SUFFIXES, document_graph, graphs_from_rdf


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

    def graphs(self, path: Path) -> tuple[list[tuple[str, list[ox.Triple]]], list[str],
                                          tuple[int, int]]:
        """The named graphs of one input, its warnings, and its questions and answers."""
        data = read_input(path)
        shown = display_path(path)  # a name that is not UTF-8 is shown with U+FFFD
        rdf = RDF_SUFFIXES.get(path.suffix.lower())
        if rdf is not None:
            found = graphs_from_rdf(data, rdf, shown, path.resolve().as_uri())
            return [(g.name, list(g.triples)) for g in found], [], (0, 0)
        graph, doc = document_graph(data, shown, fmt=self.fmt, strict=self.strict,
                                    base=self.base, metadata=metadata_beside(path))
        return ([(graph.name, list(graph.triples))], warning_lines(doc),
                (len(doc.questions), len(doc.answers)))

    def __call__(self, chunk: Sequence[str]) -> list[Outcome]:
        """One outcome per input; its payload is the list of `Document`s."""
        outcomes = []
        for source in chunk:
            try:
                graphs, warnings, (questions, answers) = self.graphs(Path(source))
            except Kv2RdfError as exc:
                outcomes.append(Outcome(source, (located(Path(source), exc),), failed=True))
                continue
            documents = []
            for name, triples in graphs:
                own, shared = split_shared(triples)
                graph = ox.NamedNode(name)
                quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in own]
                lines = ox.serialize(shared, format=ox.RdfFormat.N_TRIPLES) or b""
                documents.append(Document(name, source, ox.serialize(
                    quads, format=ox.RdfFormat.N_QUADS) or b"", len(triples),
                    tuple(lines.splitlines())))
            outcomes.append(Outcome(source, tuple(warnings), warnings=len(warnings),
                                    questions=questions, answers=answers, payload=documents))
        return outcomes


class Spool:
    """Temporary N-Quads files of the documents to load (and of the shared graph)."""

    def __init__(self, shared_name: str) -> None:
        self.shared_name = shared_name
        self.names: list[str] = []  # in input order, each once
        self.origins: dict[str, str] = {}
        self.ranges: dict[str, tuple[int, int]] = {}
        self.sizes: dict[str, int] = {}  # triples of each document, shared ones too
        self.replaced: list[str] = []  # named twice in one load: the later one wins
        self.triples = self.shared_triples = 0
        self._seen: set[bytes] = set()
        self._tail = f" <{shared_name}> .\n".encode()
        self.path, self._file = self._open("documents")
        self.shared_path, self._shared = self._open("shared")

    @staticmethod
    def _open(kind: str) -> tuple[Path, BinaryIO]:
        fd, name = tempfile.mkstemp(prefix=f"kv2rdf-load-{kind}-", suffix=".nq")
        return Path(name), os.fdopen(fd, "w+b")

    def add(self, doc: Document) -> str | None:
        """Write one document; a warning when it replaces one written before."""
        warning = None
        if doc.name in self.ranges:
            warning = (f"{doc.origin}: warning: describes <{doc.name}> as "
                       f"{self.origins[doc.name]} does; it replaces that one")
            self.replaced.append(doc.name)
        else:
            self.names.append(doc.name)
        start = self._file.tell()
        self._file.write(doc.nquads)
        self.ranges[doc.name] = (start, self._file.tell())
        self.origins[doc.name] = doc.origin
        self.sizes[doc.name] = doc.triples
        self.triples += doc.triples
        for line in doc.shared:
            if line not in self._seen:
                self._seen.add(line)
                self._shared.write(line.rstrip()[:-1].rstrip() + self._tail)
                self.shared_triples += 1
        return warning

    def close(self) -> None:
        """Finish writing."""
        self._file.flush()
        self._shared.flush()

    def read(self, name: str) -> bytes:
        """The N-Quads of the graph ``name`` as last written."""
        start, end = self.ranges[name]
        self._file.seek(start)
        return self._file.read(end - start)

    def batches(self, limit: int) -> Iterator[tuple[list[str], bytes]]:
        """Runs of whole documents of at most about ``limit`` bytes, then the shared graph.

        A document written twice comes with its later N-Quads, where it was first named.
        """
        names: list[str] = []
        parts: list[bytes] = []
        size = 0
        for name in self.names:
            data = self.read(name)
            if names and size + len(data) > limit:
                yield names, b"".join(parts)
                names, parts, size = [], [], 0
            names.append(name)
            parts.append(data)
            size += len(data)
        if names:
            yield names, b"".join(parts)
        self._shared.seek(0)
        while True:
            lines = self._shared.readlines(limit)
            if not lines:
                break
            yield [], b"".join(lines)

    def remove(self) -> None:
        """Delete the files."""
        for handle, path in ((self._file, self.path), (self._shared, self.shared_path)):
            handle.close()
            path.unlink(missing_ok=True)
