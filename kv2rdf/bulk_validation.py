"""Validation in bulk: many documents per pySHACL run, the same reports as one by one.

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
from kv2rdf.namespaces import ELI, ELI_DL, KV
from kv2rdf.resources import ontology_path
from kv2rdf.sparql_constraints import Constraint, evaluate, split_shapes
from kv2rdf.validation import ValidationReport, load_shapes, result_order, validate

#: Predicates the shapes' SPARQL constraints follow backwards (``?x pred $this``).
INVERSE_PREDICATES = frozenset({ELI.is_part_of, ELI_DL.answers_to, KV.postponesAnswerTo})

#: Documents per pySHACL run at most; and triples (bounds memory and keeps runs short).
RUN_DOCUMENTS = 200
RUN_TRIPLES = 100_000

_OWN = 0  # an IRI one document in the run claims for itself


def footprint(graph: Graph) -> dict[str, int]:
    """Each IRI the graph mentions → `_OWN`, or the signature of a shareable description."""
    outgoing: dict[URIRef, list[tuple[object, object]]] = defaultdict(list)
    shared: set[URIRef] = set()
    pointed: set[URIRef] = set()
    objects: set[URIRef] = set()
    for s, p, o in graph:
        if isinstance(s, URIRef):
            outgoing[s].append((p, o))
            if p == RDF.type and str(o) in SHARED_CLASSES:
                shared.add(s)
        if isinstance(o, URIRef):
            objects.add(o)
            if p in INVERSE_PREDICATES:
                pointed.add(o)
    marks: dict[str, int] = {}
    for subject, pairs in outgoing.items():
        marks[str(subject)] = hash(frozenset(pairs)) | 1 if subject in shared else _OWN
    for obj in objects:
        if obj not in outgoing:
            marks[str(obj)] = _OWN if obj in pointed else 1  # a leaf both may name
    return marks


def plan_runs(graphs: Sequence[Graph], *, documents: int = RUN_DOCUMENTS,
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
        _SPLIT[id(graph)] = (graph, *split_shapes(graph))  # the graph keeps its id taken
    _, rest, constraints = _SPLIT[id(graph)]
    return rest, constraints


def validate_union(graph: Graph, *, shapes: Path | Graph | None = None) -> ValidationReport:
    """``validate(graph)``, with the SPARQL constraints run in Oxigraph."""
    rest, constraints = _split(shapes)
    found = [*validate(graph, shapes=rest).results,
             *evaluate(graph, constraints, str(ontology_path()))]
    return ValidationReport(tuple(sorted(found, key=result_order)))


def validate_many(graphs: Sequence[Graph], *,
                  shapes: Path | Graph | None = None) -> list[ValidationReport]:
    """One report per graph, equal to ``validate(graph)``, from few validation runs."""
    reports: list[ValidationReport | None] = [None] * len(graphs)
    for members in plan_runs(graphs):
        if len(members) == 1:
            reports[members[0]] = validate_union(graphs[members[0]], shapes=shapes)
            continue
        union = Graph()
        for index in members:
            union.addN((s, p, o, union) for s, p, o in graphs[index])
        results = validate_union(union, shapes=shapes).results
        for index in members:
            nodes = {str(n) for n in graphs[index].all_nodes()}
            reports[index] = ValidationReport(tuple(r for r in results if r.focus in nodes))
    return [r for r in reports if r is not None]
