"""The operators of a compiled SPARQL constraint, run on the native engine's index.

Each step takes the data (`kv2rdf.shacl_engine.DataIndex`) and one solution (variables →
terms, ``?this`` bound to the focus node) and returns the solutions that extend it, the way
rdflib evaluates a query with initial bindings and lazy joins: a join feeds each solution of
its left side into its right side, ``FILTER (NOT) EXISTS`` runs its pattern on the solution at
hand. Expressions without ``EXISTS`` are evaluated by rdflib's own functions, and aggregates
by rdflib's own accumulators, so the values and their errors are pySHACL's.
`kv2rdf.sparql_plan` builds the steps from rdflib's algebra.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rdflib import Variable
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib.term import Node

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex

Solution = dict[Variable, Node]
#: A pattern: subject, predicate IRI (a str), object; subject and object may be variables.
Pattern = tuple[Node, str, Node]


class Step(Protocol):
    """One operator: the solutions that extend ``solution``."""

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions."""


class Test(Protocol):
    """A filter expression: True, False, or None for an error."""

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """The outcome."""


def _pairs(data: DataIndex, predicate: str) -> Iterator[tuple[Node, Node]]:
    """Every (subject, object) of ``predicate`` in the data and the vocabulary, once each."""
    seen: set[tuple[Node, Node]] = set()
    vocabulary = data.vocabulary
    for table in (data.pos.get(data.predicates.get(predicate)),  # type: ignore[arg-type]
                  vocabulary.pos.get(vocabulary.predicates.get(predicate))):  # type: ignore[arg-type]
        for obj, subjects in (table or {}).items():
            for subject in subjects:
                if (subject, obj) not in seen:
                    seen.add((subject, obj))
                    yield subject, obj


def _value(term: Node, solution: Solution) -> Node | None:
    return solution.get(term) if isinstance(term, Variable) else term


def _bind(solution: Solution, term: Node, value: Node) -> Solution | None:
    """``solution`` with ``term`` bound to ``value``; None when it is bound otherwise."""
    if not isinstance(term, Variable):
        return solution if term == value else None
    known = solution.get(term)
    if known is None:
        return {**solution, term: value}
    return solution if known == value else None


def _match(data: DataIndex, patterns: list[Pattern], solution: Solution,
           out: list[Solution]) -> None:
    if not patterns:
        out.append(solution)
        return
    best = max(range(len(patterns)), key=lambda i: (
        _value(patterns[i][0], solution) is not None, _value(patterns[i][2], solution) is not None))
    subject, predicate, obj = patterns[best]
    rest = patterns[:best] + patterns[best + 1:]
    s, o = _value(subject, solution), _value(obj, solution)
    found: Collection[tuple[Node, Node]] | Iterator[tuple[Node, Node]]
    if s is not None and o is not None:
        found = [(s, o)] if o in data.objects(s, predicate) else []
    elif s is not None:
        found = [(s, x) for x in data.objects(s, predicate)]
    elif o is not None:
        found = [(x, o) for x in data.subjects(predicate, o)]
    else:
        found = _pairs(data, predicate)
    for s_value, o_value in found:
        step = _bind(solution, subject, s_value)
        step = _bind(step, obj, o_value) if step is not None else None
        if step is not None:
            _match(data, rest, step, out)


@dataclass(frozen=True, slots=True)
class Match:
    """A basic graph pattern."""

    patterns: tuple[Pattern, ...]

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions of the patterns that extend ``solution``."""
        out: list[Solution] = []
        _match(data, list(self.patterns), solution, out)
        return out


@dataclass(frozen=True, slots=True)
class Join:
    """Both sides: the right one run on each solution of the left one."""

    left: Step
    right: Step

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The joined solutions."""
        return [b for a in self.left.run(data, solution) for b in self.right.run(data, a)]


@dataclass(frozen=True, slots=True)
class Union:
    """The solutions of either side."""

    left: Step
    right: Step

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """Left's solutions, then right's."""
        return self.left.run(data, solution) + self.right.run(data, solution)


@dataclass(frozen=True, slots=True)
class Filter:
    """The solutions for which the expression is true (an error counts as false)."""

    inner: Step
    condition: Test

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions that pass."""
        return [s for s in self.inner.run(data, solution)
                if self.condition.test(data, s) is True]


def _evaluate(expr: Any, solution: Solution) -> Node | None:
    """A value by rdflib's functions; None when unbound or an error."""
    if isinstance(expr, Variable):
        return solution.get(expr)
    if hasattr(expr, "eval"):
        found = expr.eval(solution)
        return None if isinstance(found, SPARQLError) else found
    return expr  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Extend:
    """``BIND(expr AS ?var)``: solutions whose expression fails stay as they are."""

    inner: Step
    var: Variable
    expr: Any

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions with ``var`` bound."""
        out = []
        for s in self.inner.run(data, solution):
            found = _evaluate(self.expr, s)
            out.append(s if found is None else {**s, self.var: found})
        return out


@dataclass(frozen=True, slots=True)
class Project:
    """``SELECT vars``: a subquery keeps its variables and the bindings it was given."""

    inner: Step
    variables: tuple[Variable, ...]

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions, narrowed to the projected variables."""
        return [{**solution, **{v: s[v] for v in self.variables if v in s}}
                for s in self.inner.run(data, solution)]


@dataclass(frozen=True, slots=True)
class Aggregate:
    """``GROUP BY`` with aggregates, by rdflib's accumulators (no GROUP BY: one group)."""

    inner: Step
    keys: tuple[Variable, ...] | None
    aggregates: Sequence[Any]

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """One solution per group: the bindings given, and the aggregates."""
        groups: dict[tuple[Node | None, ...], Aggregator] = {}
        if self.keys is None:
            groups[()] = Aggregator(aggregations=list(self.aggregates))
        for row in self.inner.run(data, solution):
            key = () if self.keys is None else tuple(row.get(k) for k in self.keys)
            if key not in groups:
                groups[key] = Aggregator(aggregations=list(self.aggregates))
            groups[key].update(row)  # type: ignore[arg-type]
        return [{**solution, **{k: v for k, v in g.get_bindings().items() if v is not None}}
                for g in groups.values()]


@dataclass(frozen=True, slots=True)
class Leaf:
    """An expression without EXISTS, evaluated by rdflib."""

    expr: Any

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """Its effective boolean value, None on an error."""
        found = _evaluate(self.expr, solution)
        if found is None:
            return None
        try:
            return bool(EBV(found))  # type: ignore[call-overload]
        except SPARQLError:
            return None


@dataclass(frozen=True, slots=True)
class Exists:
    """``EXISTS { … }`` or ``NOT EXISTS { … }`` on the solution at hand."""

    pattern: Step
    negated: bool

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """Whether the pattern has a solution (negated for NOT EXISTS)."""
        return bool(self.pattern.run(data, solution)) != self.negated


@dataclass(frozen=True, slots=True)
class Logic:
    """``&&``, ``||`` or ``!`` with SPARQL's rules for errors."""

    operator: str  # "and", "or", "not"
    operands: tuple[Test, ...]

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """The three-valued result."""
        values = [t.test(data, solution) for t in self.operands]
        if self.operator == "not":
            return None if values[0] is None else not values[0]
        decisive = self.operator == "or"  # True decides an "or", False an "and"
        if decisive in values:
            return decisive
        return None if None in values else not decisive
