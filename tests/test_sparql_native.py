"""The SPARQL constraints evaluated natively give pySHACL's results, and Oxigraph's.

Every negative case and every golden output is validated three ways: the native evaluation
(`kv2rdf.sparql_native`), the Oxigraph path it replaced (`kv2rdf.sparql_constraints.evaluate`)
and pySHACL, whose SPARQL-constraint results are the reference. The compiler refuses SPARQL it
cannot evaluate, and such a constraint still runs (in Oxigraph) with the reports unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from kv2rdf.bulk_validation import _engine, _native, _split, validate_many
from kv2rdf.resources import ontology_path
from kv2rdf.shacl_engine import DataIndex
from kv2rdf.sparql_constraints import evaluate, split_shapes
from kv2rdf.sparql_native import NativeSparql
from kv2rdf.sparql_plan import UnsupportedQueryError, compile_select
from kv2rdf.validation import ValidationResult, result_order, validate
from tests.helpers import CASES, TESTS

NEGATIVE = sorted(p for p in (TESTS / "shapes" / "invalid").glob("*.ttl")
                  if not p.name.endswith(".expected.ttl"))
GOLDEN = sorted(CASES.glob("*/expected.ttl"))
SPARQL = "SPARQLConstraintComponent"


def _sorted(results: list[ValidationResult]) -> list[ValidationResult]:
    return sorted(results, key=result_order)


def test_every_shipped_sparql_constraint_is_evaluated_natively() -> None:
    native = _native(None)
    assert len(native.native) == 17
    assert native.fallback == ()


@pytest.mark.parametrize("path", NEGATIVE + GOLDEN, ids=lambda p: p.stem if p in NEGATIVE
                         else p.parent.name)
def test_native_sparql_equals_pyshacl_and_oxigraph(path: Path) -> None:
    graph = Graph().parse(path)
    engine, (_, constraints) = _engine(None), _split(None)
    native = _sorted(_native(None).results(DataIndex(graph, engine.vocabulary)))
    oxigraph = _sorted(evaluate(graph, constraints, str(ontology_path())))
    reference = [r for r in validate(graph, engine="pyshacl").results if r.component == SPARQL]
    assert native == reference
    assert native == oxigraph


def _template(message: str) -> re.Pattern[str]:
    """A constraint's message with each ``{?var}`` standing for any text."""
    parts = re.split(r"(\{[?$]\w+\})", message)
    return re.compile("".join(".*" if re.fullmatch(r"\{[?$]\w+\}", part) else re.escape(part)
                              for part in parts))


def test_every_sparql_constraint_fires_on_some_negative_case() -> None:
    engine, native = _engine(None), _native(None)
    results = [r for p in NEGATIVE
               for r in native.results(DataIndex(Graph().parse(p), engine.vocabulary))]
    silent = [c.message for c, _, _ in native.native
              if not any(r.shape == c.shape and _template(c.message).fullmatch(r.message)
                         for r in results)]
    assert silent == []


PREFIX = "PREFIX ex: <http://example.org/> "


@pytest.mark.parametrize("where", [
    "?this ex:a ?v OPTIONAL { ?v ex:b ?w }",
    "?this ex:a ?v MINUS { ?v ex:b ?w }",
    "VALUES ?v { ex:x } ?this ex:a ?v",
    "?this ex:a/ex:b ?v",
    "?this ex:a* ?v",
    "?this ?p ?v",
    "GRAPH ?g { ?this ex:a ?v }",
    "?this ex:a ?v FILTER(?v < NOW())",
    "?this ex:a [ ex:b ?v ]",
    "?this ex:a ?v BIND(BNODE() AS ?b)",
])
def test_unsupported_sparql_is_refused_when_compiling(where: str) -> None:
    with pytest.raises(UnsupportedQueryError):
        compile_select(f"{PREFIX}SELECT ?this ?v WHERE {{ {where} }}")


@pytest.mark.parametrize("query", [
    "SELECT ?this WHERE { ?this ex:a ?v } ORDER BY ?v",
    "SELECT ?this WHERE { ?this ex:a ?v } LIMIT 1",
    "ASK { ?this ex:a ?v }",
])
def test_unsupported_modifiers_are_refused_when_compiling(query: str) -> None:
    with pytest.raises(UnsupportedQueryError):
        compile_select(PREFIX + query)


SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:sparql [ sh:message "{?v} has no label" ; sh:select \"\"\"
        PREFIX ex: <http://example.org/>
        SELECT $this ?v WHERE { $this ex:a ?v %s }\"\"\" ] .
"""
DATA = """@prefix ex: <http://example.org/> .
ex:one a ex:C ; ex:a ex:x , ex:y . ex:x ex:label "x" .
ex:two a ex:C ; ex:a ex:z .
"""


@pytest.mark.parametrize(("pattern", "native"), [
    ("FILTER NOT EXISTS { ?v ex:label ?l }", True),
    ("OPTIONAL { ?v ex:label ?l } FILTER(!BOUND(?l))", False),
])
def test_a_constraint_the_compiler_refuses_runs_in_oxigraph_with_the_same_report(
        pattern: str, native: bool) -> None:
    shapes = Graph().parse(data=SHAPES % pattern, format="turtle")
    _, constraints = split_shapes(shapes)
    compiled = NativeSparql(constraints, _engine(shapes).shapes)
    assert (len(compiled.native), len(compiled.fallback)) == ((1, 0) if native else (0, 1))
    data = Graph().parse(data=DATA, format="turtle")
    (report,) = validate_many([data], shapes=shapes)
    assert [(r.focus, r.message) for r in report.results] == [
        ("http://example.org/one", "http://example.org/y has no label"),
        ("http://example.org/two", "http://example.org/z has no label")]
    assert report.results == validate(data, shapes=shapes, engine="pyshacl").results
