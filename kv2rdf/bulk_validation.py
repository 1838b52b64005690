"""Validation in bulk: the same reports as one by one, for many documents at once.

With the native engine (``engine="fast"``, the default) each document is validated on its own,
its core constraints (`kv2rdf.shacl_engine`) and its SPARQL constraints (`kv2rdf.sparql_native`)
alike, from an rdflib graph or from a `kv2rdf.shacl_data.TripleIndex`: no planning. Only a
SPARQL constraint the native compiler refuses runs in Oxigraph, over runs of documents planned
as below. With ``engine="pyshacl"`` whole runs go through pySHACL.

A pySHACL run has a fixed cost (mixing the vocabulary into the data, finding the targets of
every shape) that dwarfs the work for one document, so `validate_many` validates the union of
many documents' graphs at once and hands each document the results whose focus node it holds.

That gives each document the report it would get alone only when documents in one run cannot
see each other. The shapes look at a node's own triples, at the objects they name, and — in
their SPARQL constraints — at the nodes that point at it through `INVERSE_PREDICATES`
(answers to a question set, parts of a work, notices of a question set). So two documents
share a run only when every IRI they both mention is

* a shared entity (`kv2rdf.entities.SHARED_CLASSES`: person, fractie, post, ministry,
  concept) that both describe with exactly the same triples, or
* a leaf that neither describes (a code-list concept, a cited web page) and neither points at
  through an inverse predicate.

A question document and the answer to it (one question set IRI), or two documents that print
one member's name differently, therefore land in different runs. tests/test_batch.py checks
the reports against one-by-one validation on every negative case and every golden output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kv2rdf.entities import SHARED_CLASSES
from kv2rdf.errors import ShapesError, StoreError
from kv2rdf.namespaces import ELI, ELI_DL, KV
from kv2rdf.resources import ontology_path
from kv2rdf.shacl_data import TripleIndex, as_graph
from kv2rdf.shacl_engine import DataIndex, Engine, engine_for, nodes, predicate_index
from kv2rdf.sparql_constraints import Constraint, evaluate, split_shapes
from kv2rdf.sparql_native import NativeSparql
from kv2rdf.validation import (
    ENGINES,
    ValidationReport,
    ValidationResult,
    _load,
    load_shapes,
    result_order,
    validate,
)

#: Predicates the shapes' SPARQL constraints follow backwards (``?x pred $this``).
INVERSE_PREDICATES = frozenset({ELI.is_part_of, ELI_DL.answers_to, KV.postponesAnswerTo})

#: Documents per pySHACL run at most; and triples (bounds memory and keeps runs short).
RUN_DOCUMENTS = 200
RUN_TRIPLES = 100_000
#: Documents per Oxigraph run of the SPARQL constraints: some of them join on values every
#: document shares (positions, numbers), so their cost grows with the square of the run.
SPARQL_DOCUMENTS = 8

_OWN = 0  # an IRI one document in the run claims for itself
_TYPE, _INVERSE = str(RDF.type), frozenset(str(p) for p in INVERSE_PREDICATES)


def footprint(graph: Graph | TripleIndex) -> dict[str, int]:
    """Each IRI the graph mentions → `_OWN`, or the signature of a shareable description."""
    outgoing: dict[str, list[tuple[object, object]]] = defaultdict(list)
    shared: set[str] = set()
    pointed: set[str] = set()
    objects: set[str] = set()
    for predicate, table in predicate_index(graph).items():  # predicates compared once each
        typing, inverse = str(predicate) == _TYPE, str(predicate) in _INVERSE
        for obj, subjects in table.items():
            target = str(obj) if isinstance(obj, URIRef) else None
            if target is not None:
                objects.add(target)
                if inverse:
                    pointed.add(target)
            for subject in subjects:
                if isinstance(subject, URIRef):
                    outgoing[str(subject)].append((predicate, obj))
                    if typing and target in SHARED_CLASSES:
                        shared.add(str(subject))
    marks: dict[str, int] = {}
    for iri, pairs in outgoing.items():
        marks[iri] = hash(frozenset(pairs)) | 1 if iri in shared else _OWN
    for iri in objects:
        if iri not in outgoing:
            marks[iri] = _OWN if iri in pointed else 1  # a leaf both may name
    return marks


def plan_runs(graphs: Sequence[Graph | TripleIndex], *, documents: int = RUN_DOCUMENTS,
              triples: int = RUN_TRIPLES) -> list[list[int]]:
    """Indices of ``graphs`` in runs whose documents cannot see each other (first fit)."""
    runs: list[tuple[list[int], dict[str, int], list[int]]] = []
    for index, graph in enumerate(graphs):
        marks = footprint(graph)
        for members, seen, size in runs[-4:]:  # the newest runs only: planning stays linear
            if len(members) >= documents or size[0] + len(graph) > triples:
                continue
            if all(iri not in seen or (mark != _OWN and seen[iri] == mark)
                   for iri, mark in marks.items()):
                members.append(index)
                seen.update(marks)
                size[0] += len(graph)
                break
        else:
            runs.append(([index], dict(marks), [len(graph)]))
    return [members for members, _, _ in runs]


_SPLIT: dict[int, tuple[Graph, Graph, tuple[Constraint, ...]]] = {}


def _split(shapes: Path | Graph | None) -> tuple[Graph, tuple[Constraint, ...]]:
    """The shapes for pySHACL and the SPARQL constraints for Oxigraph (once per shapes)."""
    graph = load_shapes(shapes)
    if id(graph) not in _SPLIT:
        try:
            _SPLIT[id(graph)] = (graph, *split_shapes(graph))  # the graph keeps its id taken
        except StoreError as exc:  # a SERVICE clause would reach out over the network
            where = shapes if isinstance(shapes, Path) else "the shapes"
            raise ShapesError(f"{where}: cannot be used: {exc}") from exc
    _, rest, constraints = _SPLIT[id(graph)]
    return rest, constraints


def _engine(shapes: Path | Graph | None) -> Engine:
    """The native engine for the core constraints of ``shapes`` (compiled once)."""
    rest, _ = _split(shapes)
    try:
        return engine_for(rest, _load(ontology_path()))  # the vocabulary pySHACL is given
    except ShapesError as exc:
        where = shapes if isinstance(shapes, Path) else "the shapes"
        raise ShapesError(f"{where}: {exc}") from exc


_NATIVE: dict[int, NativeSparql] = {}


def _native(shapes: Path | Graph | None) -> NativeSparql:
    """The SPARQL constraints of ``shapes`` compiled for the native engine (once per shapes)."""
    rest, constraints = _split(shapes)
    if id(rest) not in _NATIVE:
        _NATIVE[id(rest)] = NativeSparql(constraints, _engine(shapes).shapes)
    return _NATIVE[id(rest)]


def validate_union(graph: Graph | TripleIndex, *, shapes: Path | Graph | None = None,
                   engine: str = "fast") -> ValidationReport:
    """``validate(graph)``: SPARQL constraints native (``fast``) or in Oxigraph (pySHACL)."""
    rest, constraints = _split(shapes)
    if engine == "fast":
        return _validate_many_fast([graph], shapes)[0]
    graph = as_graph(graph)
    core = list(validate(graph, shapes=rest, engine="pyshacl").results)
    found = [*core, *evaluate(graph, constraints, str(ontology_path()))]
    return ValidationReport(tuple(sorted(found, key=result_order)))


def validate_many(data: Sequence[Graph | TripleIndex], *, shapes: Path | Graph | None = None,
                  engine: str = "fast") -> list[ValidationReport]:
    """One report per graph (an rdflib graph or a `TripleIndex`), equal to ``validate``.

    The native engine validates each document on its own; pySHACL few runs of many.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}")
    if engine == "fast":
        return _validate_many_fast(data, shapes)
    graphs = [as_graph(g) for g in data]
    reports: list[ValidationReport | None] = [None] * len(graphs)
    for members in plan_runs(graphs):
        if len(members) == 1:
            reports[members[0]] = validate_union(graphs[members[0]], shapes=shapes,
                                                 engine=engine)
            continue
        union = _union(graphs, members)
        results = validate_union(union, shapes=shapes, engine=engine).results
        for index in members:
            nodes = {str(n) for n in graphs[index].all_nodes()}
            reports[index] = ValidationReport(tuple(r for r in results if r.focus in nodes))
    return [r for r in reports if r is not None]


def _union(graphs: Sequence[Graph], members: Sequence[int]) -> Graph:
    union = Graph()
    for index in members:
        union.addN((s, p, o, union) for s, p, o in graphs[index])
    return union


def _validate_many_fast(graphs: Sequence[Graph | TripleIndex],
                        shapes: Path | Graph | None) -> list[ValidationReport]:
    """Core and SPARQL constraints per document, natively.

    A SPARQL constraint the native engine cannot evaluate runs in Oxigraph per planned run.
    """
    native, sparql = _engine(shapes), _native(shapes)
    found: list[list[ValidationResult]] = []
    for graph in graphs:
        data = DataIndex(graph, native.vocabulary)
        found.append([*native.results(data), *sparql.results(data)])
    if sparql.fallback:
        for members in plan_runs(graphs, documents=SPARQL_DOCUMENTS):
            results = evaluate([graphs[i] for i in members], sparql.fallback,
                               str(ontology_path()))
            if len(members) == 1:
                found[members[0]].extend(results)
                continue
            for index in members:
                mentioned = {str(n) for n in nodes(graphs[index])}
                found[index].extend(r for r in results if r.focus in mentioned)
    return [ValidationReport(tuple(sorted(r, key=result_order))) for r in found]
