"""The filters of a compiled SPARQL constraint: expressions, EXISTS, ``&&``, ``||``, ``!``.

An expression without ``EXISTS`` is evaluated by rdflib's own functions (the ones pySHACL's
queries use), on the solution at hand, so values, type errors and effective boolean values are
rdflib's. ``EXISTS`` runs its pattern (`kv2rdf.sparql_steps`) on the solution; the logical
operators follow SPARQL's rules for errors. Comparisons of IRIs, integers and dates skip
rdflib (with its results).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from rdflib import Literal, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib.term import Node

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex
    from kv2rdf.sparql_match import Solution
    from kv2rdf.sparql_steps import Step


class Test(Protocol):
    """A filter expression: True, False, or None for an error."""

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """The outcome."""


def evaluate(expr: Any, solution: Solution) -> Node | None:
    """A value by rdflib's functions; None when unbound or an error."""
    if isinstance(expr, Variable):
        return solution.get(expr)
    if hasattr(expr, "eval"):
        found = expr.eval(solution)
        return None if isinstance(found, SPARQLError) else found
    return expr  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Leaf:
    """An expression without EXISTS, evaluated by rdflib."""

    expr: Any

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """Its effective boolean value, None on an error."""
        found = evaluate(self.expr, solution)
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


#: Datatypes whose literals rdflib compares by their Python values (when well-typed).
_ORDERED: dict[str, type] = {str(XSD.integer): int, str(XSD.date): date}
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge,
    "=": operator.eq, "!=": operator.ne}


@dataclass(frozen=True, slots=True)
class Compare:
    """``a < b`` (and the other comparisons) on variables and literals.

    Two well-typed integers, or two dates, compare by value, as rdflib compares them; any
    other pair is left to rdflib (``fallback``).
    """

    left: Node
    right: Node
    operator: Callable[[Any, Any], bool]
    fallback: Leaf

    def test(self, data: DataIndex, solution: Solution) -> bool | None:
        """The comparison, as rdflib decides it."""
        left = solution.get(self.left) if isinstance(self.left, Variable) else self.left
        right = solution.get(self.right) if isinstance(self.right, Variable) else self.right
        if left is None or right is None:
            return None
        if type(left) is Literal and type(right) is Literal:
            kind = _ORDERED.get(str(left.datatype))
            if kind is not None and left.datatype == right.datatype:
                a, b = left.value, right.value
                if type(a) is kind and type(b) is kind:
                    return self.operator(a, b)
        return self.fallback.test(data, solution)
