"""The native validation engine: compiled SHACL Core shapes over an index of the data.

pySHACL, as kv2rdf runs it, validates the data with the vocabulary "inoculated" into it (the
classes, properties, subclass axioms and named individuals of ``ontology/kv.ttl``). Here that
inoculated vocabulary is built once and kept as a second index beside each document's own
(`DataIndex`): subject → predicate → objects and predicate → object → subjects, taken from
rdflib's in-memory store without copying when the graph has one, or read straight into a
`kv2rdf.shacl_data.TripleIndex`. Each document is validated on its own, so bulk validation
needs no planning; the node shapes' SPARQL constraints are evaluated on the same index
(`kv2rdf.sparql_native`). tests/test_fast_engine.py
checks every report against pySHACL's, on the negative cases, the golden outputs and mutations.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterator
from typing import Any

from pyshacl.rdfutil.clone import clone_graph
from pyshacl.rdfutil.inoculate import inoculate
from pyshacl.rdfutil.stringify import stringify_node
from rdflib import Graph
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from kv2rdf.shacl_compile import TARGETS, Hit, Shape, compile_shapes
from kv2rdf.shacl_data import TripleIndex, as_graph
from kv2rdf.validation import ValidationResult, _stable

Spo = dict[Node, dict[Node, dict[Node, Any]]]
_EMPTY: tuple[Node, ...] = ()
_TYPE, _RDF_TYPE, _SUBCLASS = str(RDF.type), RDF.type, RDFS.subClassOf
_CLASS, _NODE, _SUBJECTS, _OBJECTS = TARGETS


def _indexes(graph: Graph | TripleIndex) -> tuple[Spo, Spo]:
    """(subject → predicate → objects, predicate → object → subjects) of ``graph``."""
    if isinstance(graph, TripleIndex):
        return graph.spo, graph.pos
    store = graph.store
    if type(store) is Memory and type(graph) is Graph and \
            len(list(store.contexts())) <= 1:  # a graph of its own: take the store's indexes
        return store._Memory__spo, store._Memory__pos  # type: ignore[attr-defined]
    spo: Spo = {}
    pos: Spo = {}
    for s, p, o in graph:
        spo.setdefault(s, {}).setdefault(p, {})[o] = 1
        pos.setdefault(p, {}).setdefault(o, {})[s] = 1
    return spo, pos


def triples(graph: Graph | TripleIndex, predicates: Collection[str] | None = None
            ) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of ``graph``, read from its index: much faster than iterating the graph.

    With ``predicates`` (IRIs as strings), only the triples with one of them.
    """
    _, pos = _indexes(graph)
    for predicate, table in pos.items():
        if predicates is not None and str(predicate) not in predicates:
            continue
        for obj, subjects in table.items():
            for subject in subjects:
                yield subject, predicate, obj


def predicate_index(graph: Graph | TripleIndex) -> Spo:
    """Predicate → object → subjects of ``graph`` (rdflib's own index when it has one)."""
    return _indexes(graph)[1]


def nodes(graph: Graph | TripleIndex) -> set[Node]:
    """Every subject and object of ``graph``."""
    spo, pos = _indexes(graph)
    return {*spo, *(o for table in pos.values() for o in table)}


def _superclasses(*tables: dict[Node, dict[Node, Any]]) -> dict[str, frozenset[str]]:
    """Each class → itself and all its superclasses (rdfs:subClassOf, transitively)."""
    up: dict[str, set[str]] = {}
    for table in tables:
        for sup, subs in table.items():
            for sub in subs:
                up.setdefault(str(sub), set()).add(str(sup))
    closed: dict[str, frozenset[str]] = {}
    for start in up:
        seen, todo = {start}, [start]
        while todo:
            for nxt in up.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        closed[start] = frozenset(seen)
    return closed


class Vocabulary:
    """The vocabulary as pySHACL mixes it into the data, indexed once."""

    def __init__(self, ontology: Graph) -> None:
        self.ontology = ontology
        self.graph = inoculate(Graph(), ontology)  # type: ignore[arg-type]
        self.spo, self.pos = _indexes(self.graph)
        self.predicates = {str(p): p for p in self.pos}
        self.supers = _superclasses(self.pos.get(RDFS.subClassOf, {}))
        self.nodes = {*self.spo, *(o for po in self.spo.values() for os in po.values()
                                   for o in os)}


class DataIndex:
    """One data graph with the vocabulary beside it: what the checks ask of the data.

    Predicates are asked for by their IRI as a ``str`` and looked up through the graph's own
    predicate terms, so lookups compare identical objects (rdflib compares terms in Python).
    """

    def __init__(self, graph: Graph | TripleIndex, vocabulary: Vocabulary) -> None:
        self.graph, self.vocabulary = graph, vocabulary
        self.spo, self.pos = _indexes(graph)
        self.predicates = {str(p): p for p in self.pos}
        extra = self.pos.get(_SUBCLASS)
        self.supers = _superclasses(vocabulary.pos.get(_SUBCLASS, {}), extra) \
            if extra else vocabulary.supers
        self._types: dict[Node, frozenset[str]] = {}
        self._mixed: Graph | None = None
        self._focus: dict[tuple[object, bool], set[Node]] = {}

    def objects(self, subject: Node, predicate: str) -> Collection[Node]:
        """The objects of ``subject predicate ?o`` in the data and the vocabulary."""
        own, key = self.spo.get(subject), self.predicates.get(predicate)
        found = own.get(key, _EMPTY) if own and key is not None else _EMPTY
        more = self.vocabulary.spo.get(subject)
        if more:
            extra = more.get(self.vocabulary.predicates.get(predicate))  # type: ignore[arg-type]
            if extra:
                return {*found, *extra}
        return found

    def subjects(self, predicate: str, obj: Node) -> Collection[Node]:
        """The subjects of ``?s predicate obj`` in the data and the vocabulary."""
        own = self.pos.get(self.predicates.get(predicate))  # type: ignore[arg-type]
        found = own.get(obj, _EMPTY) if own else _EMPTY
        more = self.vocabulary.pos.get(self.vocabulary.predicates.get(predicate))  # type: ignore[arg-type]
        if more and obj in more:
            return {*found, *more[obj]}
        return found

    def outgoing(self, subject: Node) -> Iterator[tuple[Node, Collection[Node]]]:
        """Each predicate of ``subject`` with its objects."""
        own = self.spo.get(subject, {})
        more = self.vocabulary.spo.get(subject, {})
        for predicate in {*own, *more}:
            yield predicate, self.objects(subject, str(predicate))

    def is_instance(self, node: Node, cls: str) -> bool:
        """True when a type of ``node`` is ``cls`` or a subclass of it."""
        found = self._types.get(node)
        if found is None:
            supers = self.supers
            found = self._types[node] = frozenset(
                c for t in self.objects(node, _TYPE) for c in supers.get(str(t), (str(t),)))
        return cls in found

    def focus_nodes(self, shape: Shape, *, own: bool = False) -> set[Node]:
        """The focus nodes of a shape's targets (class targets include subclasses).

        With ``own``, only those the data graph's own triples give. Shapes with the same
        targets share the answer (do not change the set returned).
        """
        key = (shape.targets, own)
        found = self._focus.get(key)
        if found is None:
            found = self._focus[key] = self._find_focus(shape, own)
        return found

    def _find_focus(self, shape: Shape, own: bool) -> set[Node]:
        found: set[Node] = set()
        tables = (self.pos,) if own else (self.pos, self.vocabulary.pos)
        for kind, value in shape.targets:
            if kind is _NODE:
                if not own:
                    found.add(value)
            elif kind is _CLASS:
                wanted = str(value)
                for table in tables:
                    for cls, members in table.get(_RDF_TYPE, {}).items():
                        key = str(cls)
                        if key == wanted or wanted in self.supers.get(key, ()):
                            found.update(members)
            elif kind is _OBJECTS:
                for table in tables:
                    found.update(table.get(value, {}))
            else:  # targetSubjectsOf
                for table in tables:
                    for subjects in table.get(value, {}).values():
                        found.update(subjects)
        return found

    def adds_to_vocabulary(self, inverse: bool) -> bool:
        """True when the data could change the results on the vocabulary's own nodes.

        That is when it says something new about a node of the vocabulary, has a subclass
        axiom, or (with inverse paths) points at a vocabulary node.
        """
        if _SUBCLASS in self.pos:
            return True
        nodes, known = self.vocabulary.nodes, self.vocabulary.spo
        for subject, pairs in self.spo.items():
            if subject in nodes:
                theirs = known.get(subject, {})
                if any(o not in theirs.get(p, ()) for p, os in pairs.items() for o in os):
                    return True
        return inverse and any(o in nodes for table in self.pos.values() for o in table)

    def text(self, node: Node | None) -> str:
        """A node as pySHACL writes it in a message (prefixed names of the mixed graph)."""
        if self._mixed is None:
            self._mixed = inoculate(clone_graph(as_graph(self.graph)),  # type: ignore[arg-type]
                                    self.vocabulary.ontology)
        return "None" if node is None else str(stringify_node(self._mixed, node))


class Engine:
    """Compiled shapes and the indexed vocabulary, ready for many documents.

    The results on the vocabulary's own focus nodes are found once; a document gets them
    as they are unless it says something new about a vocabulary node.
    """

    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes, self.inverse = compile_shapes(shapes)
        self.vocabulary = Vocabulary(ontology)
        alone = DataIndex(Graph(), self.vocabulary)
        self.own_focus = {shape: alone.focus_nodes(shape) for shape in self.shapes}
        self.own_hits = [hit for shape in self.shapes if not shape.deactivated
                         for focus in self.own_focus[shape]
                         for hit in shape.validate(alone, focus)]

    def results(self, graph: Graph | TripleIndex | DataIndex) -> list[ValidationResult]:
        """The core-constraint results of one data graph, or of its index (unsorted)."""
        data = graph if isinstance(graph, DataIndex) else DataIndex(graph, self.vocabulary)
        if data.adds_to_vocabulary(self.inverse):
            hits = [hit for shape in self.shapes if not shape.deactivated
                    for focus in data.focus_nodes(shape)
                    for hit in shape.validate(data, focus)]
        else:
            hits = list(self.own_hits)
            for shape in self.shapes:
                if shape.deactivated:
                    continue
                known = self.own_focus[shape]
                for focus in data.focus_nodes(shape, own=True):
                    if focus not in known:
                        hits.extend(shape.validate(data, focus))
        return [_result(data, hit) for hit in hits]


def _result(data: DataIndex, hit: Hit) -> ValidationResult:
    shape, component, focus, value, path, generic = hit
    if path is None:
        path = shape.path
    if shape.message is not None:
        message = shape.message
    else:
        message = generic(data, focus, value) if generic is not None else ""
    return ValidationResult(severity=shape.severity, focus=str(focus),
                            path=None if path is None else str(path), message=_stable(message),
                            shape=shape.name, component=component,
                            value=None if value is None else str(value))


@functools.lru_cache(maxsize=8)
def engine_for(shapes: Graph, ontology: Graph) -> Engine:
    """The compiled engine of a shapes graph and a vocabulary (compiled once per pair)."""
    return Engine(shapes, ontology)
