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

from rdflib import Literal, Variable
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib.term import Node

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex

Solution = dict[Variable, Node]
#: A pattern: subject, predicate IRI (a str), object; subject and object may be variables.
Pattern = tuple[Node, str, Node]
THIS = Variable("this")


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


def order(patterns: Sequence[Pattern], known: Collection[Variable]) -> tuple[Ordered, ...]:
    """The patterns in the order they are matched, each with what is known when it is.

    Known: a constant or a variable bound before. Cheapest first: both ends known, then the
    object known from a variable (a value shared by few subjects), then the subject known, then
    the object a constant (``?x a kv:Answer``: a whole class), then neither known; a pattern
    that reaches ``$this`` (a document with its many parts) after one that reaches a node
    found on the way.
    """
    bound, todo, done = set(known), list(patterns), []
    while todo:
        def cost(pattern: Pattern) -> float:
            s, _, o = pattern
            s_known = not isinstance(s, Variable) or s in bound
            o_known = not isinstance(o, Variable) or o in bound
            if s_known and o_known:
                return 0
            if o_known:
                return (2.5 if o == THIS else 1) if isinstance(o, Variable) else 3
            return (2.5 if s == THIS else 2) if s_known else 4
        best = min(todo, key=cost)
        todo.remove(best)
        s, p, o = best
        done.append((s, isinstance(s, Variable), not isinstance(s, Variable) or s in bound, p,
                     o, isinstance(o, Variable), not isinstance(o, Variable) or o in bound))
        bound.update(t for t in (s, o) if isinstance(t, Variable))
    return tuple(done)


#: A pattern ready to match: subject, is a variable, is known; predicate; the same of object.
Ordered = tuple[Node, bool, bool, str, Node, bool, bool]


def _bind(solution: Solution, term: Node, value: Node) -> Solution | None:
    """``solution`` with the variable ``term`` bound to ``value``; None on a conflict."""
    known = solution.get(term)  # type: ignore[call-overload]
    if known is None:
        return {**solution, term: value}  # type: ignore[dict-item]
    return solution if known == value else None


def _step(data: DataIndex, pattern: Ordered, solution: Solution, out: list[Solution]) -> None:
    s, s_var, s_known, p, o, o_var, o_known = pattern
    if s_known:
        subject = solution[s] if s_var else s  # type: ignore[index]
        objects = data.objects(subject, p)
        if o_known:
            if (solution[o] if o_var else o) in objects:  # type: ignore[index]
                out.append(solution)
            return
        for value in objects:
            found = _bind(solution, o, value)
            if found is not None:
                out.append(found)
    elif o_known:
        for value in data.subjects(p, solution[o] if o_var else o):  # type: ignore[index]
            found = _bind(solution, s, value) if s_var else solution
            if found is not None:
                out.append(found)
    else:
        for subject, value in _pairs(data, p):
            found = _bind(solution, s, subject) if s_var else solution
            found = _bind(found, o, value) if found is not None and o_var else found
            if found is not None:
                out.append(found)


@dataclass(frozen=True, slots=True)
class Match:
    """A basic graph pattern, its patterns in the order `order` chose."""

    patterns: tuple[Ordered, ...]

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions of the patterns that extend ``solution``."""
        solutions = [solution]
        for pattern in self.patterns:
            out: list[Solution] = []
            for found in solutions:
                _step(data, pattern, found, out)
            if not out:
                return out
            solutions = out
        return solutions


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


@dataclass(frozen=True, slots=True)
class Same:
    """``a = b`` or ``a != b`` on variables and IRIs.

    IRIs and blank nodes are equal when they are the same term; with a literal the comparison
    is rdflib's (``fallback``).
    """

    left: Node
    right: Node
    negated: bool
    fallback: Leaf

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """Whether the two are the same (or not), as rdflib decides it."""
        left = solution.get(self.left) if isinstance(self.left, Variable) else self.left
        right = solution.get(self.right) if isinstance(self.right, Variable) else self.right
        if left is None or right is None:
            return None
        if isinstance(left, Literal) or isinstance(right, Literal):
            return self.fallback.test(data, solution)
        return (left == right) != self.negated
