"""Storage stage, input: files and source documents → named graphs to load.

Each source document becomes one named graph, named after the IRI of the document's main
work: the answer document (``kv:AnswerDocument``, "antwoord"), else the postponement notice
(``kv:PostponementNotice``, "mededeling"), else the question set (``kv:WrittenQuestions``,
"schriftelijke vragen"). Those IRIs come from source identifiers (``ah-tk-…``, zaaknummer,
date "ontvangen"), never from the bytes, so loading a document again, or a corrected
conversion of it, replaces its graph instead of adding a second copy. RDF files are loaded
the same way: each graph (a Turtle/N-Triples/JSON-LD/RDF-XML file, or each graph of a
TriG/N-Quads file) is named after its one main work; RDF without a kv2rdf work (the
vocabulary, say) keeps its TriG graph name or is named after its file (``file:///…``). Files
are read by `kv2rdf.rdf_input` (no entities, DTDs, remote contexts or empty files); sources
are converted with `kv2rdf.pipeline.convert_source`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF

from kv2rdf.errors import DataError, Kv2RdfError
from kv2rdf.formats import SourceFormat
from kv2rdf.model import Document
from kv2rdf.namespaces import DEFAULT_BASE, KV
from kv2rdf.output import SOURCE_SUFFIXES, expand_sources
from kv2rdf.pipeline import (
    convert_source,
    display_path,
    located,
    metadata_beside,
    read_input,
    warning_lines,
)
from kv2rdf.rdf_input import base_of, read_quads
from kv2rdf.serialization import oxigraph_triples
from kv2rdf.store.local import NamedGraph
from kv2rdf.triples import Triples

#: RDF files by suffix; every other file is a source document to convert.
RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
}

_RDF_TYPE = str(RDF.type)
#: The classes whose instance names a document's graph, in order of preference.
MAIN_WORK_CLASSES = (str(KV.AnswerDocument), str(KV.PostponementNotice),
                     str(KV.WrittenQuestions), str(KV.OralQuestions))


@dataclass(slots=True)
class Prepared:
    """What a set of inputs yields: graphs to load, warnings, and inputs that failed."""

    graphs: list[NamedGraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def main_work(triples: Iterable[ox.Triple], origin: str) -> str | None:
    """The IRI of the main work among ``triples``; None when there is no kv2rdf work."""
    rdf_type = ox.NamedNode(str(RDF.type))
    found: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate == rdf_type and isinstance(t.subject, ox.NamedNode) \
                and isinstance(t.object, ox.NamedNode):
            found.setdefault(t.object.value, set()).add(t.subject.value)
    for cls in MAIN_WORK_CLASSES:
        works = sorted(found.get(cls, ()))
        if len(works) > 1:
            raise DataError(f"{origin}: holds {len(works)} documents ({', '.join(works[:3])}"
                            f"{', …' if len(works) > 3 else ''}); load one file per document "
                            "(kv2rdf convert -o FOLDER) or the source documents themselves")
        if works:
            return works[0]
    return None


def graphs_from_rdf(data: bytes, fmt: ox.RdfFormat, origin: str,
                    fallback: str) -> list[NamedGraph]:
    """The graphs of an RDF file: default graph and each named graph, named by main work."""
    groups: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, dict[ox.Triple, None]] = {}
    for quad in read_quads(data, fmt, origin, fallback):
        groups.setdefault(quad.graph_name, {})[quad.triple] = None
    graphs = []
    for graph_name, triples in groups.items():
        name = main_work(triples, origin)
        if name is None:
            name = graph_name.value if isinstance(graph_name, ox.NamedNode) else fallback
        graphs.append(NamedGraph(name, tuple(triples), origin))
    return graphs


def converted(data: bytes, origin: str, *, fmt: SourceFormat | None = None,
              strict: bool = False, base: str = DEFAULT_BASE,
              metadata: Path | None = None) -> tuple[str, Triples, Document]:
    """Convert a source document: its graph name, its triples and the parsed document.

    ``metadata`` is the document's OEP metadata record, when there is one.
    """
    doc, triples = convert_source(data, source=origin, fmt=fmt, strict=strict, base=base,
                                  metadata=read_input(metadata) if metadata else None,
                                  metadata_source=display_path(metadata) if metadata else None)
    types = [(s, o) for s, p, o in triples if p == _RDF_TYPE and o in MAIN_WORK_CLASSES]
    for cls in MAIN_WORK_CLASSES:  # as `main_work` chooses, on kv2rdf's own triples
        works = sorted({s for s, o in types if o == cls})
        if len(works) == 1:
            return works[0], triples, doc
        if works:
            break
    name = main_work(oxigraph_triples(triples), origin)  # not one main work: it says why
    if name is None:  # the mapping always describes a question set; guard anyway
        raise DataError(f"{origin}: the conversion holds no question set or answer")
    return name, triples, doc


def document_graph(data: bytes, origin: str, *, fmt: SourceFormat | None = None,
                   strict: bool = False, base: str = DEFAULT_BASE,
                   metadata: Path | None = None) -> tuple[NamedGraph, Document]:
    """Convert a source document; return its named graph and the parsed document.

    ``metadata`` is the document's OEP metadata record, when there is one.
    """
    doc, graph = convert_source(data, source=origin, fmt=fmt, strict=strict, base=base,
                                metadata=read_input(metadata) if metadata else None,
                                metadata_source=display_path(metadata) if metadata else None)
    triples = tuple(oxigraph_triples(graph))
    name = main_work(triples, origin)
    if name is None:  # the mapping always describes a question set; guard anyway
        raise DataError(f"{origin}: the conversion holds no question set or answer")
    return NamedGraph(name, triples, origin), doc


def graphs_from_source(data: bytes, origin: str, *, fmt: SourceFormat | None = None,
                       strict: bool = False, base: str = DEFAULT_BASE,
                       metadata: Path | None = None) -> tuple[NamedGraph, list[str]]:
    """Convert a source document; return its graph and the parser's warnings."""
    graph, doc = document_graph(data, origin, fmt=fmt, strict=strict, base=base,
                                metadata=metadata)
    return graph, warning_lines(doc)


def expand_inputs(names: Iterable[str]) -> list[Path]:
    """Input files: files as given, folders expanded to their RDF and source files (sorted)."""
    return expand_sources(names, set(SOURCE_SUFFIXES) | set(RDF_SUFFIXES))


def prepare(paths: Sequence[Path], *, fmt: SourceFormat | None = None, strict: bool = False,
            base: str = DEFAULT_BASE) -> Prepared:
    """Read and convert every input; collect the graphs, warnings and errors.

    A source is converted as ``kv2rdf convert`` does it, with the metadata record lying
    beside it (``<id>.metadata.xml`` or ``metadata.xml``).

    Two inputs that describe the same document (a text and a PDF of one answer, say) give
    the same graph name; the later one wins, as it would in a later load, with a warning.
    """
    prepared = Prepared()
    by_name: dict[str, NamedGraph] = {}
    for path in paths:
        origin = display_path(path)
        try:
            data = read_input(path)
            rdf = RDF_SUFFIXES.get(path.suffix.lower())
            if rdf is not None:
                graphs = graphs_from_rdf(data, rdf, origin, base_of(path))
            else:
                graph, warnings = graphs_from_source(data, origin, fmt=fmt, strict=strict,
                                                     base=base, metadata=metadata_beside(path))
                graphs = [graph]
                prepared.warnings.extend(warnings)
        except Kv2RdfError as exc:
            prepared.errors.append(located(path, exc))
            continue
        for graph in graphs:
            if graph.name in by_name:
                prepared.warnings.append(f"{graph.origin}: warning: describes <{graph.name}> "
                                         f"as {by_name[graph.name].origin} does; it replaces "
                                         "that one")
                del by_name[graph.name]
            by_name[graph.name] = graph
    prepared.graphs = list(by_name.values())
    return prepared
