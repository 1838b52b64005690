"""The native engine gives pySHACL's reports, result for result, message for message.

Both engines validate every negative case (tests/shapes/invalid) and every golden output, and
graphs derived from the golden outputs by random edits (a triple dropped, copied onto another
subject, or with its object changed to another term of the graph or a mistyped literal), so the
equivalence is tested beyond the fixed cases. Reports are compared whole: severity, focus node,
path, value, source shape, constraint component and message of every result, in order.

The SPARQL constraints are evaluated natively with rdflib's expression functions, so the
comparison covers them on edited graphs too. Oxigraph, where a constraint the native engine
cannot evaluate still runs, follows SPARQL where rdflib (pySHACL's SPARQL engine) does not,
e.g. comparing a mistyped date (``1 > "2024-01-01"^^xsd:date + "P21D"``) is a type error there
and true in rdflib; `test_sparql_engines_differ_on_a_comparison_that_is_a_type_error` pins
that. The same reports come from the files read straight into the engine's index
(`kv2rdf.rdf_input.read_index`) and from the conversion's own triples.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kv2rdf import shacl_data
from kv2rdf.bulk_validation import validate_many
from kv2rdf.errors import ShapesError
from kv2rdf.pipeline import convert_source
from kv2rdf.rdf_input import read_graph, read_index
from kv2rdf.shacl_compile import compile_shapes
from kv2rdf.shacl_data import from_triples
from kv2rdf.sparql_constraints import split_shapes
from kv2rdf.triples import Triples
from kv2rdf.validation import ValidationReport, ValidationResult, load_shapes, validate
from tests.helpers import CASES, TESTS, source_file

NEGATIVE = sorted(p for p in (TESTS / "shapes" / "invalid").glob("*.ttl")
                  if not p.name.endswith(".expected.ttl"))
GOLDEN = sorted(CASES.glob("*/expected.ttl"))
GOLDEN_GRAPHS = {p.parent.name: Graph().parse(p) for p in GOLDEN}


def assert_same(data: Graph, name: str, *, core_only: bool = False) -> ValidationReport:
    """Both engines on ``data``: the reports must be equal; the native one is returned."""
    reference = validate(data, engine="pyshacl")
    fast = validate(data, engine="fast")

    def kept(report: ValidationReport) -> tuple[ValidationResult, ...]:
        return tuple(r for r in report.results
                     if not (core_only and r.component == "SPARQLConstraintComponent"))

    assert kept(fast) == kept(reference), f"{name}:\n{fast.text()}\n--- pySHACL:\n" \
                                          f"{reference.text()}"
    return fast


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_engines_agree_on_every_negative_case(path: Path) -> None:
    report = assert_same(Graph().parse(path), path.name)
    assert report.results, f"{path.name} is a negative case: it must report something"


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.parent.name)
def test_engines_agree_on_every_golden_output(path: Path) -> None:
    report = assert_same(Graph().parse(path), path.parent.name)
    assert report.conforms


def test_bulk_validation_with_the_native_engine_equals_pyshacl_one_by_one() -> None:
    graphs = [Graph().parse(p) for p in NEGATIVE[::3] + GOLDEN]
    for graph, report in zip(graphs, validate_many(graphs), strict=True):
        assert report.results == validate(graph, engine="pyshacl").results


@pytest.mark.parametrize("path", NEGATIVE[::2] + GOLDEN[::4], ids=lambda p: p.name)
def test_reading_into_the_index_gives_the_reports_of_an_rdflib_graph(path: Path) -> None:
    index = read_index(path)
    assert isomorphic(index.graph(), read_graph(path))  # the same terms, made the same way
    assert validate(index).results == validate(index.graph(), engine="pyshacl").results


def test_the_readers_term_cache_keeps_memory_flat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shacl_data, "CACHE_TERMS", 10)
    cache = shacl_data.TermCache(URIRef)
    assert cache("http://example.org/a") is cache("http://example.org/a")  # made once
    for number in range(25):
        cache(f"http://example.org/{number}")
    assert len(cache) <= 10
    before = len(cache)
    cache("http://example.org/" + "x" * 200)  # a long text: made, not kept
    assert len(cache) == before


def test_the_conversion_s_own_triples_validate_like_their_rdflib_graph() -> None:
    case = CASES / sorted(p.parent.name for p in GOLDEN)[0]
    source = source_file(case)
    _, converted = convert_source(source.read_bytes(), source=source.name)
    dropped = "http://schema.org/position"  # every question and answer then lacks one
    triples = Triples(converted.base, (t for t in converted if t[1] != dropped))
    report = validate(from_triples(triples))
    assert report.violations
    assert report.results == validate(triples.graph(), engine="pyshacl").results


def _terms(graph: Graph) -> list[object]:
    return sorted({*graph.subjects(), *graph.objects()}, key=lambda t: (type(t).__name__, t))


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, Graph]:
    """A golden output with one to three random edits."""
    name = draw(st.sampled_from(sorted(GOLDEN_GRAPHS)))
    graph = Graph()
    for triple in GOLDEN_GRAPHS[name]:
        graph.add(triple)
    triples = sorted(graph)
    terms = _terms(graph)
    subjects = sorted({s for s, _, _ in triples})
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        s, p, o = draw(st.sampled_from(triples))
        edit = draw(st.sampled_from(["drop", "copy", "object", "literal"]))
        if edit == "drop":
            graph.remove((s, p, o))
        elif edit == "copy":
            graph.add((draw(st.sampled_from(subjects)), p, o))
        elif edit == "object":
            graph.remove((s, p, o))
            graph.add((s, p, draw(st.sampled_from(terms))))  # type: ignore[arg-type]
        else:
            graph.remove((s, p, o))
            graph.add((s, p, draw(st.sampled_from([
                Literal(""), Literal("0"), Literal("x", lang="en"), Literal("2024-02-30",
                                                                            datatype=XSD.date),
                Literal("-1", datatype=XSD.integer), Literal("kv-tk-1", datatype=XSD.string),
                URIRef("https://example.org/elders")]))))
    return name, graph


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(edited())
def test_engines_agree_on_edited_golden_outputs(case: tuple[str, Graph]) -> None:
    name, graph = case
    assert_same(graph, name)


def test_sparql_engines_differ_on_a_comparison_that_is_a_type_error() -> None:
    query = ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?x WHERE { "
             'VALUES (?x ?d) { (1 "2024-01-01"^^xsd:date) } '
             'FILTER(?x > (?d + "P21D"^^xsd:dayTimeDuration)) }')
    assert len(Graph().query(query)) == 1  # rdflib: an integer is later than a date
    assert list(pyoxigraph.Store().query(query)) == []  # type: ignore[call-overload]


@pytest.mark.parametrize("construct", [
    "sh:maxLength 3",
    "sh:path ( ex:a ex:b )",
    "sh:equals ex:b",
    "sh:or ( [ sh:path ex:a ; sh:minCount 1 ; sh:severity sh:Warning ] )",
])
def test_constructs_the_engine_cannot_check_are_refused_when_compiling(construct: str) -> None:
    text = ("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .\n"
            f"ex:P a sh:PropertyShape ; sh:path ex:a ; {construct} .\n")
    with pytest.raises(ShapesError):
        compile_shapes(Graph().parse(data=text, format="turtle"))


def test_the_shipped_shapes_compile() -> None:
    shapes, _ = compile_shapes(load_shapes())
    assert len(shapes) >= 30


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine"):
        validate(GOLDEN_GRAPHS[sorted(GOLDEN_GRAPHS)[0]], engine="rdfunit")


@pytest.mark.parametrize(("select", "reads_all"), [
    ("SELECT $this WHERE { $this ex:a ?v . FILTER NOT EXISTS { ?v ex:b ?w } }", False),
    ("SELECT $this WHERE { $this ?p ?v }", True),
    ("SELECT $this WHERE { $this ex:a/ex:b ?v }", True),
    ("SELECT $this WHERE { $this ex:a ?v . FILTER NOT EXISTS { ?v ?p ?w } }", True),
])
def test_sparql_constraints_load_only_the_predicates_they_name(select: str,
                                                               reads_all: bool) -> None:
    text = ("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "
            f'"PREFIX ex: <http://example.org/> {select}" ] .\n')
    _, (constraint,) = split_shapes(Graph().parse(data=text, format="turtle"))
    if reads_all:
        assert constraint.reads is None
    else:
        assert constraint.reads is not None
        assert {"http://example.org/a", "http://example.org/b"} <= constraint.reads
        assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" in constraint.reads
