"""A SPARQL constraint's SELECT compiled once into steps the native engine runs.

`compile_select` parses the query with rdflib (the parser pySHACL uses), takes its algebra and
builds the steps of `kv2rdf.sparql_steps`. It supports exactly what the shipped shapes use:
basic graph patterns whose predicates are IRIs, joins, ``UNION``, ``FILTER`` (comparisons,
``IN``, ``&&``, ``||``, ``!``, ``EXISTS``, ``NOT EXISTS`` and rdflib's side-effect-free
functions), ``BIND``, subqueries, ``GROUP BY`` with ``COUNT``, ``MIN``, ``MAX``, ``SUM``,
``AVG``, ``SAMPLE`` and ``HAVING``, and ``SELECT DISTINCT`` on the outer query. Anything else
(``OPTIONAL``, ``MINUS``, ``VALUES``, property paths, a variable as predicate, ``ORDER BY``,
``LIMIT``, ``GRAPH``, ``SERVICE``, ``NOW()``, ``BNODE()`` …) raises `UnsupportedQueryError`; the
constraint then runs in Oxigraph as before (`kv2rdf.sparql_constraints`), never skipped.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import translateGroupGraphPattern
from rdflib.plugins.sparql.parserutils import CompValue

from kv2rdf.errors import ShapesError
from kv2rdf.sparql_steps import (
    Aggregate,
    Exists,
    Extend,
    Filter,
    Join,
    Leaf,
    Logic,
    Match,
    Pattern,
    Project,
    Step,
    Test,
    Union,
)

#: rdflib expressions that need nothing but the solution (no clock, no blank nodes, no
#: randomness, no graph), so they can be evaluated on the native index.
PURE = frozenset({
    "RelationalExpression", "AdditiveExpression", "MultiplicativeExpression", "UnaryMinus",
    "UnaryPlus", "Builtin_BOUND", "Builtin_isIRI", "Builtin_isURI", "Builtin_isBLANK",
    "Builtin_isLITERAL", "Builtin_isNUMERIC", "Builtin_STR", "Builtin_LANG",
    "Builtin_DATATYPE", "Builtin_sameTerm", "Builtin_REGEX", "Builtin_STRLEN",
    "Builtin_CONTAINS", "Builtin_STRSTARTS", "Builtin_STRENDS", "Builtin_LCASE",
    "Builtin_UCASE", "Builtin_LANGMATCHES", "Builtin_IF", "Builtin_COALESCE"})
AGGREGATES = frozenset({"Aggregate_Count", "Aggregate_Min", "Aggregate_Max", "Aggregate_Sum",
                        "Aggregate_Avg", "Aggregate_Sample"})
THIS = Variable("this")


class UnsupportedQueryError(ShapesError):
    """The query uses SPARQL the native engine does not evaluate (it runs in Oxigraph)."""


def compile_select(query: str) -> Step:
    """The steps of a SELECT query; `UnsupportedQueryError` for what they cannot evaluate."""
    try:
        algebra = prepareQuery(query).algebra
    except Exception as exc:  # rdflib raises many kinds for a query it cannot read
        raise UnsupportedQueryError(f"the query cannot be read: {exc}") from exc
    if algebra.name != "SelectQuery" or algebra.get("datasetClause"):
        raise UnsupportedQueryError(f"{algebra.name} with a dataset is not evaluated natively")
    top = algebra.p
    if top.name == "Distinct":  # solutions count once per focus node anyway
        top = top.p
    if top.name != "Project":
        raise UnsupportedQueryError(f"{top.name} over the projection is not evaluated natively")
    return _part(top)


def _part(node: Any) -> Step:  # noqa: C901 (one branch per operator)
    if not isinstance(node, CompValue):
        raise UnsupportedQueryError(f"unexpected algebra {node!r}")
    name = node.name
    if name in ("GroupGraphPatternSub", "TriplesBlock"):  # inside EXISTS: not yet translated
        return _part(translateGroupGraphPattern(node))
    if name == "BGP":
        return Match(tuple(_pattern(t) for t in node.triples))
    if name == "Join":
        return Join(_part(node.p1), _part(node.p2))
    if name == "Union":
        return Union(_part(node.p1), _part(node.p2))
    if name == "Filter":
        return Filter(_part(node.p), _test(node.expr))
    if name == "Extend":
        return Extend(_part(node.p), node.var, _expression(node.expr))
    if name == "Project":
        return Project(_part(node.p), tuple(node.PV))
    if name == "ToMultiSet":
        return _part(node.p)
    if name == "AggregateJoin":
        group = node.p
        keys = group.expr
        if keys is not None and not all(isinstance(k, Variable) for k in keys):
            raise UnsupportedQueryError("GROUP BY an expression is not evaluated natively")
        for aggregate in node.A:
            if aggregate.name not in AGGREGATES or not isinstance(aggregate.vars, Variable):
                raise UnsupportedQueryError(f"{aggregate.name} is not evaluated natively")
        return Aggregate(_part(group.p), None if keys is None else tuple(keys), tuple(node.A))
    raise UnsupportedQueryError(f"{name} is not evaluated natively")


def _pattern(triple: Any) -> Pattern:
    subject, predicate, obj = triple
    if not isinstance(predicate, URIRef):
        raise UnsupportedQueryError(f"a pattern with predicate {predicate!r} (a path or a "
                               "variable) is not evaluated natively")
    for term in (subject, obj):
        if isinstance(term, BNode) or not isinstance(term, (Variable, URIRef, Literal)):
            raise UnsupportedQueryError(f"a pattern with {term!r} is not evaluated natively")
    return subject, str(predicate), obj


def _test(expr: Any) -> Test:
    if isinstance(expr, CompValue):
        if expr.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            return Exists(_part(expr.graph), expr.name == "Builtin_NOTEXISTS")
        if expr.name in ("ConditionalAndExpression", "ConditionalOrExpression"):
            operands = [expr.expr, *(expr.other or ())]
            return Logic("and" if expr.name == "ConditionalAndExpression" else "or",
                         tuple(_test(o) for o in operands))
        if expr.name == "UnaryNot":
            return Logic("not", (_test(expr.expr),))
    return Leaf(_expression(expr))


def _expression(expr: Any) -> Any:
    """An expression rdflib evaluates from the solution alone, checked all the way down."""
    todo = [expr]
    while todo:
        item = todo.pop()
        if isinstance(item, CompValue):
            if item.name not in PURE:
                raise UnsupportedQueryError(f"{item.name} is not evaluated natively")
            todo.extend(v for k, v in item.items() if not k.startswith("_"))
        elif isinstance(item, (list, tuple)):
            todo.extend(item)
        elif isinstance(item, BNode) and not isinstance(item, Variable):
            raise UnsupportedQueryError("a blank node in an expression is not evaluated natively")
    return expr
