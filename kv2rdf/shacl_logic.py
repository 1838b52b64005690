"""Checks that involve other shapes or other properties, as pySHACL evaluates and words them.

sh:property (the property shape's own results, focus on each value node), sh:node, sh:or,
sh:xone and sh:qualifiedValueShape (conformance of each value node to nested shapes), and the
property-pair and range components (sh:disjoint, sh:lessThanOrEquals, sh:minInclusive). A nested
shape conforms when it reports nothing; `nested` refuses nested shapes whose severity is not
Violation, where pySHACL's conformance rule with warnings allowed would differ.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from pyshacl.rdfutil.stringify import stringify_node
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kv2rdf.errors import ShapesError
from kv2rdf.shacl_checks import _fixed, _per_value, compare
from kv2rdf.shacl_compile import Check, Compiler, Hit, Shape, literal_int

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex


def nested(compiler: Compiler, node: Node) -> Shape:
    """A shape used for conformance only: it and its property shapes must be Violations."""
    shape = compiler.shape(node, nested=True)
    for child in compiler.graph.objects(node, SH.property):
        nested(compiler, child)
    if shape.severity != "Violation":
        raise ShapesError(f"shape {node}: a shape used inside another constraint must have "
                          "severity Violation")
    return shape


def logical_checks(compiler: Compiler, shape: Shape, sg_text: dict[Node, str],
                   path_text: str | None) -> Iterator[Check]:
    """The shape-based, property-pair and range checks of ``shape``."""
    graph, node = compiler.graph, shape.node
    properties = [compiler.shape(p) for p in graph.objects(node, SH.property)]
    if properties:
        yield _property(properties)
    for rule in graph.objects(node, SH.node):
        other = nested(compiler, rule)
        yield _per_value(shape, "NodeConstraintComponent",
                         lambda data, v, other=other: not other.conforms(data, v),
                         _fixed(f"Value does not conform to Shape {sg_text[rule]}. "
                                "See details for more information."))
    for key, component, word in ((SH["or"], "OrConstraintComponent", "one or more shapes"),
                                 (SH.xone, "XoneConstraintComponent", "exactly one shape")):
        lists = list(graph.objects(node, key))
        texts = [" , ".join(stringify_node(graph, m) for m in compiler.items(r)) for r in lists]
        listed = texts[0] if len(texts) == 1 else " and ".join(f"({t})" for t in texts)
        for rule in lists:
            members = [nested(compiler, m) for m in compiler.items(rule)]
            if key == SH["or"]:
                members = list({id(m): m for m in members}.values())
            exact = key == SH.xone
            yield _per_value(
                shape, component,
                lambda data, v, members=members, exact=exact: _fails(data, v, members, exact),
                lambda data, _f, v, listed=listed, word=word:
                f"Node {data.text(v)} must conform to {word} in {listed}")
    qualified = list(graph.objects(node, SH.qualifiedValueShape))
    if qualified:
        yield from _qualified(compiler, shape, qualified)
    for rule in graph.objects(node, SH.disjoint):
        yield _pair(shape, rule, sg_text[rule], disjoint=True)
    for rule in graph.objects(node, SH.lessThanOrEquals):
        if not isinstance(rule, URIRef):
            raise ShapesError(f"shape {node}: sh:lessThanOrEquals needs an IRI")
        yield _pair(shape, rule, sg_text[rule], disjoint=False)
    if (least := compiler.one(graph, node, SH.minInclusive)) is not None:
        if not isinstance(least, Literal):
            raise ShapesError(f"shape {node}: sh:minInclusive needs a literal")
        yield _per_value(shape, "MinInclusiveConstraintComponent",
                         lambda _d, v, least=least: not _at_least(v, least),
                         _fixed(f"Value is not >= {sg_text[least]}"))


def _property(properties: list[Shape]) -> Check:
    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        found: list[Hit] = []
        for v in values:
            for prop in properties:
                found.extend(prop.validate(data, v))
        return found or None
    return check


def _fails(data: DataIndex, value: Node, members: list[Shape], exact: bool) -> bool:
    passed = sum(1 for m in members if m.conforms(data, value))
    return passed != 1 if exact else passed == 0


def _qualified(compiler: Compiler, shape: Shape, qualified: list[Node]) -> Iterator[Check]:
    graph, node = compiler.graph, shape.node
    if shape.path is None:
        return  # pySHACL ignores sh:qualifiedValueShape on a node shape
    disjoint = compiler.one(graph, node, SH.qualifiedValueShapesDisjoint)
    if isinstance(disjoint, Literal) and disjoint.value is True:
        raise ShapesError(f"shape {node}: sh:qualifiedValueShapesDisjoint is not supported")
    low, high = (compiler.one(graph, node, p) for p in (SH.qualifiedMinCount,
                                                        SH.qualifiedMaxCount))
    least = None if low is None else literal_int(compiler, node, low)
    most = None if high is None else literal_int(compiler, node, high)
    if least is None and most is None:
        raise ShapesError(f"shape {node}: sh:qualifiedValueShape needs a qualified count")
    for rule in qualified:
        inner = nested(compiler, rule)
        count = f"{'' if least is None else f' MinCount {least}'}" \
                f"{'' if most is None else f' MaxCount {most}'}"
        text = f"Focus node does not conform to shape{count}: {stringify_node(graph, rule)}"

        def check(data: DataIndex, focus: Node, values: Collection[Node],
                  inner: Shape = inner, text: str = text) -> list[Hit] | None:
            if not values and (least is None or least < 1):
                return None
            passed = sum(1 for v in values if inner.conforms(data, v))
            found: list[Hit] = []
            if most is not None and passed > most:
                found.append((shape, "QualifiedMaxCountConstraintComponent", focus, None, None,
                              _fixed(text)))  # type: ignore[arg-type]
            if least is not None and passed < least:
                found.append((shape, "QualifiedMinCountConstraintComponent", focus, None, None,
                              _fixed(text)))  # type: ignore[arg-type]
            return found or None
        yield check


def _at_least(value: Node, bound: Literal) -> bool:
    if not isinstance(value, Literal) or isinstance(value.value, str) != isinstance(bound.value,
                                                                                    str):
        return False
    try:
        return compare(value, bound) >= 0
    except (TypeError, NotImplementedError):
        return False


def _pair(shape: Shape, other: Node, other_text: str, *, disjoint: bool) -> Check:
    component = "DisjointConstraintComponent" if disjoint else \
        "LessThanOrEqualsConstraintComponent"
    sign = "==" if disjoint else "<="

    def generic(data: DataIndex, focus: Node, value: Node | None) -> str:
        return f"Value of {data.text(focus)}->{other_text} {sign} {data.text(value)}"

    key = str(other)

    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        compared = data.objects(focus, key)
        if disjoint:
            bad = [v for v in set(values) if v in compared]
        else:
            bad = [v for v in set(values) for c in set(compared) if not _le(v, c)]
        return [(shape, component, focus, v, None, generic) for v in bad] or None
    return check


def _le(value: Node, other: Node) -> bool:
    """The sh:lessThanOrEquals test of one pair in pySHACL (strings against strings only)."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        raise ShapesError("sh:lessThanOrEquals cannot compare a blank node")
    left, left_text = _side(value)
    right, right_text = _side(other)
    if left_text != right_text:
        return False
    return bool(left <= right)  # type: ignore[operator]


def _side(node: Node) -> tuple[object, bool]:
    """A node as sh:lessThanOrEquals compares it, and whether that is a string.

    rdflib's Literal is a str subclass, so the flag is kept apart.
    """
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False
