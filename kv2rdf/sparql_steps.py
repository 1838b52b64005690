"""The operators of a compiled SPARQL constraint, run on the native engine's index.

Each step takes the data (`kv2rdf.shacl_engine.DataIndex`) and one solution (variables →
terms, ``?this`` bound to the focus node) and returns the solutions that extend it, the way
rdflib evaluates a query with initial bindings and lazy joins: a join feeds each solution of
its left side into its right side, ``FILTER (NOT) EXISTS`` runs its pattern on the solution at
hand (the filters are in `kv2rdf.sparql_filters`). Aggregates are rdflib's own accumulators,
so the values and their errors are pySHACL's.
`kv2rdf.sparql_plan` builds the steps from rdflib's algebra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rdflib import Variable
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.term import Node

from kv2rdf.sparql_filters import evaluate
from kv2rdf.sparql_match import THIS, Match, Pattern, Solution, order

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex
    from kv2rdf.sparql_filters import Test


class Step(Protocol):
    """One operator: the solutions that extend ``solution``."""

    def run(self, data: DataIndex, solution: Solution) -> list[Solution]:
        """The solutions."""


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
            found = evaluate(self.expr, s)
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


__all__ = ["THIS", "Aggregate", "Extend", "Filter", "Join", "Match", "Pattern", "Project",
           "Solution", "Step", "Union", "order"]
