"""SHACL-SPARQL constraints of node shapes, run in Oxigraph once per validation run.

The native engine evaluates the constraints itself (`kv2rdf.sparql_native`); Oxigraph runs
those its compiler refuses, and the pySHACL engine's (``validate_many(engine="pyshacl")``).

pySHACL runs a SPARQL constraint once per focus node, through rdflib's SPARQL engine: on a
Kamervragen document that took half of a validation. `split_shapes` takes those constraints
out of the shapes graph (pySHACL checks the rest), and `evaluate` runs each one once over all
data in Oxigraph, with ``$this`` as an ordinary variable, keeping the solutions whose ``?this``
is a focus node of the shape (its ``sh:targetClass``, with subclasses, ``sh:targetNode``,
``sh:targetSubjectsOf`` or ``sh:targetObjectsOf``). Each solution becomes the result pySHACL
would give: the node shape as source shape, its severity, focus ``?this``, value ``?value``
or the focus node, path ``?path`` if bound, and the constraint's message (else the shape's)
with ``{?var}`` and ``{$var}`` filled in; equal solutions count once per focus node.
tests/test_batch.py checks the outcome against pySHACL on every negative case and golden.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import Path
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kv2rdf.serialization import to_oxigraph
from kv2rdf.shacl_data import TripleIndex
from kv2rdf.shacl_engine import triples
from kv2rdf.store.query_check import check_query
from kv2rdf.validation import ValidationResult

_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_SUBCLASS_IRI, _TYPE = str(RDFS.subClassOf), str(RDF.type)


@dataclass(frozen=True, slots=True)
class Constraint:
    """One SPARQL constraint of a node shape, ready to run over all focus nodes."""

    shape: str
    severity: str
    message: str
    query: str
    targets: str  # a SPARQL group pattern binding ?this to the shape's focus nodes
    #: the IRIs the query and its targets name when every pattern has an IRI as predicate
    #: (then only triples with one of them can matter); None: the query needs every triple
    reads: frozenset[str] | None = None


def split_shapes(shapes: Graph) -> tuple[Graph, tuple[Constraint, ...]]:
    """The shapes without the node shapes' SPARQL constraints, and those constraints."""
    prefixes = "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(_declared(shapes).items()))
    rest = Graph()
    for triple in shapes:
        rest.add(triple)
    found = []
    for shape, node in sorted(shapes.subject_objects(SH.sparql)):
        select = shapes.value(node, SH.select)
        if (shape, RDF.type, SH.PropertyShape) in shapes or shapes.value(shape, SH.path) \
                or select is None or shapes.value(node, SH.deactivated) == Literal(True) \
                or not isinstance(shape, URIRef):
            continue  # left to pySHACL
        rest.remove((shape, SH.sparql, node))
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue  # a deactivated shape reports nothing
        severity = shapes.value(shape, SH.severity) or SH.Violation
        message = shapes.value(node, SH.message) or shapes.value(shape, SH.message)
        query = prefixes + re.sub(r"\$this\b", "?this", str(select))
        check_query(query, embedded=True)  # no SERVICE: Oxigraph would fetch it
        targets = _targets(shapes, shape)
        found.append(Constraint(str(shape), str(severity).rsplit("#", 1)[-1],
                                str(message or ""), query, targets,
                                _reads(query, shapes, shape)))
    return rest, tuple(found)


def _reads(query: str, shapes: Graph, shape: URIRef) -> frozenset[str] | None:
    """The IRIs ``query`` names, when every triple pattern in it has an IRI as predicate."""
    named: set[str] = {_TYPE, _SUBCLASS_IRI}
    named.update(str(p) for key in (SH.targetSubjectsOf, SH.targetObjectsOf)
                 for p in shapes.objects(shape, key))
    todo: list[object] = [translateQuery(parseQuery(query)).algebra]
    while todo:
        node = todo.pop()
        if isinstance(node, Path):
            return None
        if isinstance(node, URIRef):
            named.add(str(node))
        elif isinstance(node, CompValue):
            if "triples" in node:
                if node.name == "BGP":
                    predicates = [t[1] for t in node["triples"]]
                elif node.name == "TriplesBlock":
                    predicates = [t[i] for t in node["triples"] for i in range(1, len(t), 3)]
                else:
                    return None  # a pattern of a kind not read here: assume it reads all
                if not all(isinstance(p, URIRef) for p in predicates):
                    return None
            todo.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            todo.extend(node)
    return frozenset(named)


def _declared(shapes: Graph) -> dict[str, str]:
    return {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
            for d in shapes.objects(None, SH.declare)}


def _targets(shapes: Graph, shape: URIRef) -> str:
    parts = [f"{{ ?this a/{_SUBCLASS}* <{c}> }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [f"{{ VALUES ?this {{ <{n}> }} }}" for n in shapes.objects(shape, SH.targetNode)]
    parts += [f"{{ ?this <{p}> [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    parts += [f"{{ [] <{p}> ?this }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    return " UNION ".join(parts) or "{ FILTER(false) }"


@functools.cache
def _ontology_triples(path: str) -> tuple[ox.Triple, ...]:
    return tuple(to_oxigraph(Graph().parse(path, format="turtle")))


def evaluate(data: Graph | TripleIndex | Sequence[Graph | TripleIndex],
             constraints: tuple[Constraint, ...],
             ontology: str) -> list[ValidationResult]:
    """The results of ``constraints`` on ``data`` with the vocabulary at ``ontology``.

    ``data`` is one graph, or several taken as their union. When every pattern of the queries
    has an IRI as predicate, only the triples with those predicates go into the store (texts,
    titles and names, most of a document, are never read by them).
    """
    store = ox.Store()
    reads = [c.reads for c in constraints]
    keep = None if None in reads else frozenset().union(*reads)  # type: ignore[arg-type]
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
             for graph in ([data] if isinstance(data, (Graph, TripleIndex)) else data)
             for t in to_oxigraph(triples(graph, keep))]
    quads.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                 for t in _ontology_triples(ontology)
                 if keep is None or t.predicate.value in keep)
    store.bulk_extend(quads)
    results = []
    focus_of: dict[str, set[object]] = {}
    for constraint in constraints:
        if constraint.targets not in focus_of:  # shapes share their targets' query
            targets = store.query(f"SELECT DISTINCT ?this WHERE {{ {constraint.targets} }}")
            assert isinstance(targets, ox.QuerySolutions)
            focus_of[constraint.targets] = {row["this"] for row in targets}
        focus = focus_of[constraint.targets]
        if not focus:
            continue
        seen = set()
        solutions = store.query(constraint.query)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            bound = {name: row[name] for name in names if row[name] is not None}
            this = bound.get("this")
            if this is None or this not in focus:
                continue
            key = tuple(sorted((k, str(v)) for k, v in bound.items()))
            if key in seen:
                continue
            seen.add(key)
            results.append(_result(constraint, bound))
    return results


def _text(term: object) -> str:
    return str(getattr(term, "value", term))


def _result(constraint: Constraint, bound: dict[str, object]) -> ValidationResult:
    message = constraint.message
    for name, value in bound.items():
        message = re.sub("{[?$]" + name + "}", _text(value), message)
    path = bound.get("path")
    return ValidationResult(
        severity=constraint.severity, focus=_text(bound["this"]),
        path=_text(path) if path is not None else None, message=message,
        shape=constraint.shape, component="SPARQLConstraintComponent",
        value=_text(bound.get("value", bound["this"])))
