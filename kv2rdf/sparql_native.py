"""The node shapes' SPARQL constraints evaluated on the native engine's index.

`NativeSparql` compiles each constraint's SELECT once (`kv2rdf.sparql_plan`) and runs it per
document with ``$this`` bound to each focus node of its shape, as pySHACL does: no store to
load, no terms to convert, no documents to plan into runs. Each solution becomes the result
pySHACL gives: the node shape as source shape, its severity, the focus node, ``?value`` or the
focus node as value, ``?path`` if bound, and the constraint's message (else the shape's) with
``{?var}`` and ``{$var}`` filled in; equal solutions count once per focus node. Constraints the
compiler refuses are kept in `fallback` and run in Oxigraph (`kv2rdf.sparql_constraints`).
tests/test_sparql_native.py checks the results against pySHACL and against Oxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rdflib import Variable
from rdflib.term import Node

from kv2rdf.shacl_compile import Shape
from kv2rdf.shacl_engine import DataIndex
from kv2rdf.sparql_constraints import Constraint
from kv2rdf.sparql_plan import UnsupportedQueryError, compile_select
from kv2rdf.sparql_steps import THIS, Step
from kv2rdf.validation import ValidationResult

_PATH, _VALUE = Variable("path"), Variable("value")


class NativeSparql:
    """SPARQL constraints compiled for the native engine, and those left to Oxigraph."""

    def __init__(self, constraints: Sequence[Constraint], shapes: Sequence[Shape]) -> None:
        by_name = {shape.name: shape for shape in shapes}
        self.native: list[tuple[Constraint, Step, Shape]] = []
        fallback: list[Constraint] = []
        for constraint in constraints:
            shape = by_name.get(constraint.shape)
            try:
                if shape is None:
                    raise UnsupportedQueryError(f"no compiled node shape {constraint.shape}")
                self.native.append((constraint, compile_select(constraint.query), shape))
            except UnsupportedQueryError:
                fallback.append(constraint)
        self.fallback = tuple(fallback)

    def results(self, data: DataIndex) -> list[ValidationResult]:
        """The results of the compiled constraints on one document (unsorted)."""
        found: list[ValidationResult] = []
        for constraint, step, shape in self.native:
            for node in data.focus_nodes(shape):
                seen: set[tuple[tuple[str, str], ...]] = set()
                for solution in step.run(data, {THIS: node}):
                    bound = {str(k): v for k, v in solution.items()}  # projected, and $this
                    key = tuple(sorted((k, str(v)) for k, v in bound.items()))
                    if key not in seen:
                        seen.add(key)
                        found.append(_result(constraint, bound))
        return found


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: text


def _result(constraint: Constraint, bound: dict[str, Node]) -> ValidationResult:
    message = constraint.message
    for name, value in bound.items():
        message = re.sub("{[?$]" + re.escape(name) + "}", _literally(str(value)), message)
    path = bound.get(str(_PATH))
    return ValidationResult(
        severity=constraint.severity, focus=str(bound["this"]),
        path=None if path is None else str(path), message=message,
        shape=constraint.shape, component="SPARQLConstraintComponent",
        value=str(bound.get(str(_VALUE), bound["this"])))
