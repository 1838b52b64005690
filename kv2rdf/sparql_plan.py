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
from kv2rdf.sparql_filters import OPERATORS, Compare, Exists, Leaf, Logic, Same, Test
from kv2rdf.sparql_steps import (
    THIS,
    Aggregate,
    Extend,
    Filter,
    Join,
    Match,
    Pattern,
    Project,
    Step,
    Union,
    order,
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
    return _part(top, frozenset({THIS}))[0]


Known = frozenset[Variable]


def _part(node: Any, known: Known) -> tuple[Step, Known]:  # noqa: C901 (one per operator)
    """The step of an algebra node, and the variables surely bound after it.

    ``known``: the variables surely bound before it (they order the patterns).
    """
    if not isinstance(node, CompValue):
        raise UnsupportedQueryError(f"unexpected algebra {node!r}")
    name = node.name
    if name in ("GroupGraphPatternSub", "TriplesBlock"):  # inside EXISTS: not yet translated
        return _part(translateGroupGraphPattern(node), known)
    if name == "BGP":
        patterns = [_pattern(t) for t in node.triples]
        found = {t for s, _, o in patterns for t in (s, o) if isinstance(t, Variable)}
        return Match(order(patterns, known)), known | found
    if name in ("Join", "Union"):
        left, after = _part(node.p1, known)
        if name == "Join":
            right, done = _part(node.p2, after)
            return Join(left, right), done
        right, other = _part(node.p2, known)
        return Union(left, right), after & other
    if name == "Filter":
        inner, after = _part(node.p, known)
        return Filter(inner, _test(node.expr, after)), after
    if name == "Extend":
        inner, after = _part(node.p, known)
        return Extend(inner, node.var, _expression(node.expr)), after
    if name == "Project":
        inner, after = _part(node.p, known)
        return Project(inner, tuple(node.PV)), known | (after & frozenset(node.PV))
    if name == "ToMultiSet":
        return _part(node.p, known)
    if name == "AggregateJoin":
        group = node.p
        keys = group.expr
        if keys is not None and not all(isinstance(k, Variable) for k in keys):
            raise UnsupportedQueryError("GROUP BY an expression is not evaluated natively")
        for aggregate in node.A:
            if aggregate.name not in AGGREGATES or not isinstance(aggregate.vars, Variable):
                raise UnsupportedQueryError(f"{aggregate.name} is not evaluated natively")
        inner, _ = _part(group.p, known)
        return Aggregate(inner, None if keys is None else tuple(keys), tuple(node.A)), known
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


def _test(expr: Any, known: Known) -> Test:
    if isinstance(expr, CompValue):
        if expr.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            return Exists(_part(expr.graph, known)[0], expr.name == "Builtin_NOTEXISTS")
        if expr.name in ("ConditionalAndExpression", "ConditionalOrExpression"):
            operands = [expr.expr, *(expr.other or ())]
            return Logic("and" if expr.name == "ConditionalAndExpression" else "or",
                         tuple(_test(o, known) for o in operands))
        if expr.name == "UnaryNot":
            return Logic("not", (_test(expr.expr, known),))
        if expr.name == "RelationalExpression" and expr.op in ("=", "!=") and all(
                isinstance(t, (Variable, URIRef)) for t in (expr.expr, expr.other)):
            return Same(expr.expr, expr.other, expr.op == "!=", Leaf(_expression(expr)))
        if expr.name == "RelationalExpression" and expr.op in OPERATORS and all(
                isinstance(t, (Variable, Literal)) for t in (expr.expr, expr.other)):
            return Compare(expr.expr, expr.other, OPERATORS[expr.op], Leaf(_expression(expr)))
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
