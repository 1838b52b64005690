"""Validation: a graph against the kv2rdf SHACL shapes → `ValidationReport`.

Two engines give the same report. ``"fast"`` (the default) checks the SHACL Core constraints
with kv2rdf's native engine (`kv2rdf.shacl_engine`) and evaluates the node shapes' SPARQL
constraints on its index (`kv2rdf.sparql_native`). ``"pyshacl"`` runs pySHACL with
inference "none" (kv2rdf emits every type) and the vocabulary mixed in, so the code lists are
checked too; the native engine follows exactly those settings. Non-conformance is a value, not
an exception: ``conforms`` is false when any result has severity Violation; warnings never make
a graph non-conforming.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kv2rdf.errors import ShapesError
from kv2rdf.pipeline import read_input
from kv2rdf.resources import ontology_path, shapes_path
from kv2rdf.shacl_data import TripleIndex, as_graph


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result: severity, focus node, path, message and the shape that fired."""

    severity: str
    focus: str
    path: str | None
    message: str
    shape: str
    component: str
    value: str | None = None

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        value = f" [value: {self.value}]" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """All results of one validation run."""

    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """Results of severity Violation."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """Results of severity Warning or Info."""
        return tuple(r for r in self.results if r.severity != "Violation")

    @property
    def conforms(self) -> bool:
        """True when there are no violations."""
        return not self.violations

    def text(self) -> str:
        """A readable report, violations first."""
        ordered = sorted(self.results, key=lambda r: (r.severity != "Violation", r.focus))
        head = (f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)")
        return "\n".join([head, *(str(r) for r in ordered)])

    def to_json(self) -> str:
        """A machine-readable report."""
        return json.dumps({"conforms": self.conforms, "violations": len(self.violations),
                           "warnings": len(self.warnings),
                           "results": [asdict(r) for r in self.results]},
                          indent=2, ensure_ascii=False, sort_keys=True)


@functools.lru_cache(maxsize=8)
def _load(path: Path) -> Graph:
    data = read_input(path)  # size-limited, like every input
    try:
        return Graph().parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many kinds for unreadable files
        raise ShapesError(f"{path}: cannot load: {exc}") from exc


def load_shapes(shapes: Path | Graph | None = None) -> Graph:
    """The shapes graph: the shipped one, a file, or a graph as given."""
    if isinstance(shapes, Graph):
        return shapes
    return _load(Path(shapes) if shapes is not None else shapes_path())


#: The validation engines, the default first.
ENGINES = ("fast", "pyshacl")


def validate(graph: Graph | TripleIndex, *, shapes: Path | Graph | None = None,
             engine: str = "fast") -> ValidationReport:
    """Validate ``graph`` (or a `TripleIndex`) against the kv2rdf shapes with ``engine``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r} (one of {', '.join(ENGINES)})")
    if engine == "fast":
        from kv2rdf.bulk_validation import validate_union  # it builds on this module

        return validate_union(graph, shapes=shapes)
    shacl = load_shapes(shapes)
    graph = as_graph(graph)
    with _prepared_queries():
        _, report, text = pyshacl.validate(graph, shacl_graph=shacl,
                                           ont_graph=_load(ontology_path()), inference="none",
                                           allow_warnings=True, advanced=False,
                                           abort_on_first=False)
    if not isinstance(report, Graph):  # pySHACL refused the shapes (a SERVICE in SPARQL …)
        where = shapes if isinstance(shapes, Path) else "the shapes"
        raise ShapesError(f"{where}: cannot be used: {' '.join(str(text).split())}")
    results = [_result(report, r) for r in report.objects(None, SH.result)]
    return ValidationReport(tuple(sorted(results, key=result_order)))


def result_order(result: ValidationResult) -> tuple[str, ...]:
    """The order of a report's results: focus, shape, message, then the rest (a total order)."""
    return (result.focus, result.shape, result.message, result.path or "", result.component,
            result.value or "", result.severity)


_PREPARED: dict[tuple[str, str | None, str], Query] = {}


@contextlib.contextmanager
def _prepared_queries() -> Iterator[None]:
    """Parse each SPARQL constraint once while validating.

    pySHACL hands rdflib the text of a SPARQL constraint once per focus node and rdflib
    parses it every time: measured, parsing took 85 % of a validation. Inside this block
    rdflib evaluates a prepared query for texts it has seen, which rdflib supports for
    repeated evaluation with different bindings.
    """
    original = SPARQLProcessor.query

    def query(self: SPARQLProcessor, str_or_query: str | Query,
              initBindings: Mapping[str, Any] | None = None,  # noqa: N803
              initNs: Mapping[str, Any] | None = None,  # noqa: N803
              base: str | None = None, DEBUG: bool = False) -> Mapping[str, Any]:  # noqa: N803
        if isinstance(str_or_query, str):
            key = (str_or_query, base, repr(sorted((initNs or {}).items())))
            if key not in _PREPARED:
                _PREPARED[key] = translateQuery(parseQuery(str_or_query), base, initNs)
            str_or_query = _PREPARED[key]
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    SPARQLProcessor.query = query  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        SPARQLProcessor.query = original  # type: ignore[method-assign]


_IN_LIST = re.compile(r"^(.* not in list )\[(.*)\]$", re.S)


def _stable(message: str) -> str:
    """``message`` with the values of an sh:in list sorted (pySHACL prints them unordered)."""
    found = _IN_LIST.match(message)
    if not found:
        return message
    return f"{found.group(1)}[{', '.join(sorted(found.group(2).split(', ')))}]"


def _result(report: Graph, node: Node) -> ValidationResult:
    def value(pred: URIRef) -> str | None:
        found = report.value(node, pred)
        return None if found is None else str(found)

    severity = (value(SH.resultSeverity) or str(SH.Violation)).rsplit("#", 1)[-1]
    shape = report.value(node, SH.sourceShape)
    return ValidationResult(
        severity=severity, focus=value(SH.focusNode) or "", path=value(SH.resultPath),
        message=_stable(value(SH.resultMessage) or ""), component=(value(
            SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1],
        shape=str(shape) if isinstance(shape, URIRef) else "(anonymous shape)",
        value=value(SH.value))
