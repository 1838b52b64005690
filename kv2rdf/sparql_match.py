"""Basic graph patterns matched on the native engine's index (`kv2rdf.sparql_steps`).

`order` fixes, once when a query is compiled, the order in which a pattern's triples are
matched and what is known at each (a constant, or a variable bound before); `Match` then
extends each solution triple by triple, reading the data and the vocabulary beside it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Variable
from rdflib.term import Node

if TYPE_CHECKING:
    from kv2rdf.shacl_engine import DataIndex

Solution = dict[Variable, Node]
#: A pattern: subject, predicate IRI (a str), object; subject and object may be variables.
Pattern = tuple[Node, str, Node]
THIS = Variable("this")


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
