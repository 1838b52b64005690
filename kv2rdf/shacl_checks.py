"""One check per SHACL Core constraint component, as pySHACL evaluates and words it.

`build_checks` turns the constraint parameters of one shape into checks (see
`kv2rdf.shacl_compile`). Each check returns `None` when its value nodes pass, else the results:
one per offending value node (class, datatype, nodeKind, pattern, minLength, languageIn, in,
or, xone, node, disjoint, lessThanOrEquals, minInclusive, closed: one per offending triple), or
one per focus node (minCount, maxCount, hasValue, uniqueLang: one per repeated language,
qualified counts). Generic messages are pySHACL's texts, for shapes without ``sh:message``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from pyshacl.rdfutil.compare import compare_literal
from pyshacl.rdfutil.stringify import stringify_node
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kv2rdf.errors import ShapesError
from kv2rdf.shacl_compile import Check, Compiler, Hit, Shape, literal_int

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex

_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal)}
_TYPE, _RESOURCE = str(RDF.type), str(RDFS.Resource)
_VALUE_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time,
    XSD.dateTime: datetime}


_LANG, _XSD_STRING = str(RDF.langString), str(XSD.string)
_ANY_LITERAL, _ANY_DATATYPE = str(RDFS.Literal), str(RDFS.Datatype)


def _datatype_ok(value: Node, key: str, kind: type | tuple[type, ...]) -> bool:
    """The sh:datatype test of pySHACL (the literal's datatype, then its parsed value)."""
    if not isinstance(value, Literal):
        return False
    datatype = value.datatype
    if datatype is not None and str(datatype) == key:
        return getattr(value, "ill_typed", None) is not True and isinstance(value.value, kind)
    if key == _ANY_LITERAL or (key == _ANY_DATATYPE and datatype):
        return True
    if datatype is None and key == _XSD_STRING and value.language is None:
        return isinstance(value.value, kind)
    return key == _LANG and bool(value.language) and isinstance(value.value, kind)


_PLAIN = (None, RDF.langString, XSD.string)


def _datatype_test(rule: Node) -> object:
    key, kind = str(rule), _VALUE_TYPES.get(rule, object)
    return lambda _data, value: not _datatype_ok(value, key, kind)


def _string(value: Node) -> str:
    """A value node as the string-based constraints see it."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in _PLAIN:
        return str(value.value)
    return str(value)


def _per_value(shape: Shape, component: str, fails: object,
               generic: object = None) -> Check:
    """A check with one result per value node for which ``fails(data, value)`` holds."""
    test = fails  # typed loosely: a callable (DataIndex, Node) -> bool

    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        bad = [v for v in values if test(data, v)]  # type: ignore[operator]
        if not bad:
            return None
        return [(shape, component, focus, v, None, generic) for v in bad]  # type: ignore[misc]
    return check


def build_checks(compiler: Compiler, shape: Shape) -> Iterator[Check]:  # noqa: C901
    """The checks of ``shape``'s constraint parameters (pySHACL's components)."""
    graph, node = compiler.graph, shape.node
    sg_text = {n: stringify_node(graph, n) for n in graph.objects(node, None)}
    path_text = stringify_node(graph, shape.path) if shape.path is not None else None

    rule: Node | None

    def values_of(predicate: URIRef) -> list[Node]:
        return list(graph.objects(node, predicate))

    classes = values_of(SH["class"])
    class_text = f"Value does not have class {sg_text[classes[0]]}" if len(classes) == 1 else \
        f"Value class is not in classes ({', '.join(sg_text[c] for c in classes)})"
    for rule in classes:
        def not_instance(data: DataIndex, v: Node, rule: str = str(rule)) -> bool:
            return isinstance(v, Literal) or not data.is_instance(v, rule)
        yield _per_value(shape, "ClassConstraintComponent", not_instance, _fixed(class_text))
    if (rule := compiler.one(graph, node, SH.datatype)) is not None:
        yield _per_value(shape, "DatatypeConstraintComponent",
                         _datatype_test(rule),
                         _fixed(f"Value is not Literal with datatype {sg_text[rule]}"))
    if (rule := compiler.one(graph, node, SH.nodeKind)) is not None:
        kinds = _KINDS[rule]
        yield _per_value(shape, "NodeKindConstraintComponent",
                         lambda _d, v: not isinstance(v, kinds),
                         _fixed(f"Value is not of Node Kind {sg_text[rule]}"))
    if (rule := compiler.one(graph, node, SH.minCount)) is not None:
        yield _count(shape, "MinCountConstraintComponent", literal_int(compiler, node, rule),
                     path_text, less=True)
    if (rule := compiler.one(graph, node, SH.maxCount)) is not None:
        yield _count(shape, "MaxCountConstraintComponent", literal_int(compiler, node, rule),
                     path_text, less=False)
    if (rule := compiler.one(graph, node, SH.minLength)) is not None:
        least = literal_int(compiler, node, rule)
        yield _per_value(shape, "MinLengthConstraintComponent",
                         lambda _d, v: least != 0 and (isinstance(v, BNode)
                                                       or len(_string(v)) < least),
                         lambda data, _f, _v, rule=rule: f"String length not >= {data.text(rule)}")
    patterns = [p for p in values_of(SH.pattern) if isinstance(p, Literal)]
    if patterns:
        flags = compiler.one(graph, node, SH.flags)
        re_flags = (re.I if "i" in str(flags).lower() else 0) | \
            (re.M if "m" in str(flags).lower() else 0) if flags is not None else 0
        text = (f"Value does not match pattern '{patterns[0].value}'" if len(patterns) == 1 else
                "Value does not match every pattern in ('{}')".format(
                    "', '".join(str(p.value) for p in patterns)))
        for pattern in patterns:
            source = str(pattern.value) if pattern.value is not None and \
                len(pattern.value) > 1 else str(pattern)
            matcher = re.compile(source, re_flags)
            yield _per_value(shape, "PatternConstraintComponent",
                             lambda _d, v, m=matcher: isinstance(v, BNode)
                             or not m.search(_string(v)), _fixed(text))
    if (rule := compiler.one(graph, node, SH.languageIn)) is not None:
        wanted = {str(t).lower() for t in compiler.items(rule)}
        yield _per_value(shape, "LanguageInConstraintComponent",
                         lambda _d, v: not _language_in(v, wanted),
                         _fixed(f"String language is not in {sg_text[rule]}"))
    if (rule := compiler.one(graph, node, SH.uniqueLang)) is not None:
        if shape.path is None:
            raise ShapesError(f"shape {node}: sh:uniqueLang needs a property shape")
        if isinstance(rule, Literal) and rule.value is True:
            yield _unique_lang(shape)
    for rule in values_of(SH["in"]):
        allowed = set(compiler.items(rule))
        listed = sorted(stringify_node(graph, v) for v in allowed)
        yield _per_value(shape, "InConstraintComponent", lambda _d, v, a=allowed: v not in a,
                         lambda data, _f, v, listed=listed:
                         f"Value {data.text(v)} not in list {listed}")
    for rule in values_of(SH.hasValue):
        yield _has_value(shape, rule, sg_text[rule], path_text)
    if (rule := compiler.one(graph, node, SH.closed)) is not None:
        if isinstance(rule, Literal) and rule.value is True:
            yield _closed(compiler, shape)
    elif (node, SH.ignoredProperties, None) in graph:
        raise ShapesError(f"shape {node}: sh:ignoredProperties without sh:closed")
    from kv2rdf.shacl_logic import logical_checks  # shape-based checks compile other shapes

    yield from logical_checks(compiler, shape, sg_text, path_text)


def _fixed(text: str) -> object:
    return lambda _data, _focus, _value: text


def _language_in(value: Node, wanted: set[str]) -> bool:
    if not isinstance(value, Literal) or not value.language:
        return False
    lang = str(value.language).lower()
    return "*" in wanted or lang in wanted or lang.split("-")[0] in wanted


def _count(shape: Shape, component: str, bound: int, path_text: str | None,
           *, less: bool) -> Check:
    word = "Less" if less else "More"

    def generic(data: DataIndex, focus: Node, _value: Node | None) -> str:
        return f"{word} than {bound} values on {data.text(focus)}->{path_text}"

    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        if (len(values) < bound) if less else (len(values) > bound):
            return [(shape, component, focus, None, None, generic)]
        return None
    return check


def _unique_lang(shape: Shape) -> Check:
    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        seen: set[str] = set()
        twice: set[str] = set()
        for v in values:
            if isinstance(v, Literal) and v.language:
                lang = str(v.language).lower()
                (twice if lang in seen else seen).add(lang)
        return [(shape, "UniqueLangConstraintComponent", focus, None, None,
                 _fixed("More than one String shares the same Language"))  # type: ignore[misc]
                for _ in twice] or None
    return check


def _has_value(shape: Shape, wanted: Node, text: str, path_text: str | None) -> Check:
    def generic(data: DataIndex, focus: Node, _value: Node | None) -> str:
        if path_text:
            return f"Node {data.text(focus)}->{path_text} does not contain a value in the " \
                   f"set: {[text]}"
        return f"Node {data.text(focus)} value is not a in the set of values: {[text]}"

    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        if wanted in values:
            return None
        return [(shape, "HasValueConstraintComponent", focus, None, None, generic)]
    return check


def _closed(compiler: Compiler, shape: Shape) -> Check:
    graph, node = compiler.graph, shape.node
    allowed = {str(compiler.shape(p).path) for p in graph.objects(node, SH.property)}
    allowed |= {str(p) for p in compiler.items(compiler.one(graph, node, SH.ignoredProperties))}

    def generic(data: DataIndex, focus: Node, value: Node | None) -> str:
        return f"Node {data.text(focus)} is closed. It cannot have value: {data.text(value)}"

    def check(data: DataIndex, focus: Node, values: Collection[Node]) -> list[Hit] | None:
        found: list[Hit] = []
        for v in values:
            for p, objects in data.outgoing(v):
                key = str(p)
                if key in allowed:
                    continue
                found.extend((shape, "ClosedConstraintComponent", focus, o, p, generic)
                             for o in objects if not (key == _TYPE and str(o) == _RESOURCE
                                                      and isinstance(o, URIRef)))
        return found or None
    return check


def compare(value: Literal, bound: Literal) -> int:
    """The order of two literals in pySHACL (raises TypeError when they cannot be compared)."""
    return int(compare_literal(value, bound))  # type: ignore[no-untyped-call]
