"""SHACL Core shapes compiled into small Python checks (the native validation engine).

`compile_shapes` reads a shapes graph once and turns every shape into a `Shape`: its targets,
its value nodes (the focus node, or the objects of an IRI or inverse path) and one check per
constraint component. A check gets the data (`kv2rdf.shacl_engine.DataIndex`), a focus node and
its value nodes, and returns the results (`Hit`) pySHACL would report for them, or nothing.
The semantics follow pySHACL as kv2rdf runs it (inference "none", the vocabulary mixed in,
warnings allowed): the same value nodes, the same number of results, the same focus, value,
path, component, source shape, severity and message (a shape's ``sh:message``, else pySHACL's
generic text, built in `kv2rdf.shacl_checks`).

Only the constructs listed in `SUPPORTED` are compiled; any other ``sh:`` term on a shape (a
complex path, ``sh:maxLength``, a SPARQL constraint on a property shape, a nested shape of
severity Warning, …) is a `ShapesError` when the shapes are compiled, so no shape is silently
ignored. The node shapes' SPARQL constraints are compiled by `kv2rdf.sparql_native`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kv2rdf.errors import ShapesError

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex

#: A result before it becomes a `ValidationResult`: shape, component, focus, value, the result
#: path when not the shape's own, and the generic message maker (used without ``sh:message``).
Hit = tuple["Shape", str, Node, Node | None, Node | None, "Generic | None"]
Generic = Callable[["DataIndex", Node, Node | None], str]
Check = Callable[["DataIndex", Node, Collection[Node]], list[Hit] | None]
Values = Callable[["DataIndex", Node], Collection[Node]]

#: Shape predicates that are no constraint of their own.
NEUTRAL = frozenset(SH[n] for n in (
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "path", "severity",
    "message", "deactivated", "name", "description", "order", "group", "defaultValue",
    "sparql", "flags", "ignoredProperties", "qualifiedMinCount", "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint", "declare", "prefixes"))
#: The constraint parameters the engine compiles (see `kv2rdf.shacl_checks`).
SUPPORTED = frozenset(SH[n] for n in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minLength", "pattern",
    "languageIn", "uniqueLang", "in", "hasValue", "closed", "property", "node", "or", "xone",
    "qualifiedValueShape", "disjoint", "lessThanOrEquals", "minInclusive"))
VIOLATION = SH.Violation
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


class Shape:
    """One compiled node or property shape."""

    __slots__ = ("node", "name", "path", "values", "severity", "message", "checks",
                 "deactivated", "targets")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.name = str(node) if isinstance(node, URIRef) else "(anonymous shape)"
        self.path: Node | None = None
        self.values: Values | None = None  # None: a node shape (the focus is the value)
        self.severity = "Violation"
        self.message: str | None = None
        self.checks: tuple[Check, ...] = ()
        self.deactivated = False
        self.targets: tuple[tuple[URIRef, Node], ...] = ()

    def validate(self, data: DataIndex, focus: Node) -> list[Hit]:
        """The results of this shape for one focus node."""
        if self.deactivated:
            return []
        values: Collection[Node] = (focus,) if self.values is None else self.values(data, focus)
        found: list[Hit] = []
        for check in self.checks:
            hits = check(data, focus, values)
            if hits:
                found.extend(hits)
        return found

    def conforms(self, data: DataIndex, focus: Node) -> bool:
        """True when the shape reports nothing for ``focus`` (nested shapes: no severities)."""
        return not self.validate(data, focus)


class Compiler:
    """Compiles the shapes of one shapes graph, each shape once."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.compiled: dict[Node, Shape] = {}
        self.inverse = False  # some path goes backwards (sh:inversePath)

    def one(self, graph: Graph, node: Node, predicate: URIRef) -> Node | None:
        """The single value of ``predicate`` on ``node``; two values are refused."""
        found = list(graph.objects(node, predicate))
        if len(found) > 1:
            raise ShapesError(f"shape {node}: more than one <{predicate}>")
        return found[0] if found else None

    def items(self, node: Node | None) -> list[Node]:
        """The members of an RDF list in the shapes graph."""
        if node is None:
            return []
        return list(self.graph.items(node))

    def shape(self, node: Node, *, nested: bool = False) -> Shape:
        """The compiled shape of ``node`` (compiled on first use)."""
        if node in self.compiled:
            return self.compiled[node]
        graph = self.graph
        shape = self.compiled[node] = Shape(node)
        unknown = sorted(str(p) for p in set(graph.predicates(node))
                         if str(p).startswith(str(SH)) and p not in NEUTRAL | SUPPORTED)
        if unknown:
            raise ShapesError(f"shape {node}: the validation engine does not support "
                              f"{', '.join(unknown)} (use --engine pyshacl, or extend "
                              "kv2rdf.shacl_checks)")
        if (node, SH.sparql, None) in graph and (
                nested or not isinstance(node, URIRef) or (node, SH.path, None) in graph):
            raise ShapesError(f"shape {node}: SPARQL constraints run only on named node shapes")
        if (node, SH.target, None) in graph:
            raise ShapesError(f"shape {node}: sh:target (SHACL-AF) is not supported")
        deactivated = self.one(graph, node, SH.deactivated)
        shape.deactivated = isinstance(deactivated, Literal) and bool(deactivated.value)
        severity = self.one(graph, node, SH.severity)
        if severity is not None:
            if nested and severity != VIOLATION:
                raise ShapesError(f"shape {node}: a shape used inside another constraint "
                                  "must have severity Violation")
            shape.severity = str(severity).rsplit("#", 1)[-1]
        message = self.one(graph, node, SH.message)
        shape.message = None if message is None else str(message)
        path = self.one(graph, node, SH.path)
        if path is not None:
            shape.path, shape.values = path, self.path(node, path)
        shape.targets = tuple(sorted(  # the kinds are the engine's own constants (compared by is)
            (p, o) for p in TARGETS for o in graph.objects(node, p)))
        from kv2rdf.shacl_checks import build_checks  # the checks need `Shape`: import late

        shape.checks = tuple(build_checks(self, shape))
        return shape

    def path(self, shape: Node, path: Node) -> Values:
        """The value nodes of a path: an IRI, or ``[ sh:inversePath IRI ]``."""
        if isinstance(path, URIRef):
            key = str(path)

            def forward(data: DataIndex, focus: Node) -> Collection[Node]:
                return data.objects(focus, key)
            return forward
        inverse = self.graph.value(path, SH.inversePath)
        if isinstance(path, BNode) and isinstance(inverse, URIRef) and \
                len(set(self.graph.predicate_objects(path))) == 1:
            key = str(inverse)
            self.inverse = True

            def backward(data: DataIndex, focus: Node) -> Collection[Node]:
                return data.subjects(key, focus)
            return backward
        raise ShapesError(f"shape {shape}: only IRI and sh:inversePath paths are supported")


def compile_shapes(shapes: Graph) -> tuple[tuple[Shape, ...], bool]:
    """The shapes of ``shapes`` that have targets, compiled, and whether a path goes backwards.

    Every shape they use is compiled with them; every declared shape is checked too.
    """
    compiler = Compiler(shapes)
    heads = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
                         SH.targetObjectsOf, SH.target) for s in shapes.subjects(p, None)}
    for node in shapes.subjects(RDF.type, None):
        types = set(shapes.objects(node, RDF.type))
        if types & {SH.NodeShape, SH.PropertyShape} and types - {SH.NodeShape, SH.PropertyShape}:
            raise ShapesError(f"shape {node}: implicit class targets are not supported")
    for node in {*shapes.subjects(RDF.type, SH.NodeShape), *shapes.subjects(RDF.type,
                                                                           SH.PropertyShape)}:
        compiler.shape(node)  # every declared shape is checked for unsupported terms
    return tuple(compiler.shape(n) for n in sorted(heads, key=str)), compiler.inverse


def shape_list(compiler: Compiler, node: Node | None) -> Sequence[Shape]:
    """The compiled shapes of an RDF list (sh:or, sh:xone), nested."""
    return [compiler.shape(n, nested=True) for n in compiler.items(node)]


def literal_int(compiler: Compiler, shape: Node, value: Any) -> int:
    """An integer parameter (sh:minCount …), refused when it is not one."""
    if not isinstance(value, Literal) or not isinstance(value.value, int):
        raise ShapesError(f"shape {shape}: {value} is not an integer")
    return int(value.value)
