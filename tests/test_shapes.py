"""SHACL negative cases, W3C style: each invalid graph yields exactly the results it expects.

tests/shapes/invalid/<Shape>-NNN.ttl holds a small data graph with one realistic mistake;
<Shape>-NNN.expected.ttl is a partial sh:ValidationReport naming, per result, the focus node, the
path, the constraint component, the source shape and the severity (plus sh:conforms). Results are
compared as sets of keys, never by count or message text. A blank focus node is matched as "any
blank node". pySHACL reports a SPARQL constraint through its node shape (sh:sourceShape) and names
the constraint itself in sh:sourceConstraint, which the expected reports also pin.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kv2rdf import convert, validate
from kv2rdf.ministries import MINISTRIES
from kv2rdf.namespaces import TOOI
from kv2rdf.resources import ontology_path
from kv2rdf.validation import load_shapes
from tests.helpers import CASES, TESTS, source_file

INVALID = TESTS / "shapes" / "invalid"
CASE_FILES = sorted(p for p in INVALID.glob("*.ttl") if not p.name.endswith(".expected.ttl"))
GOLDEN = sorted(p for p in CASES.iterdir() if p.is_dir())
SEEDS = [p for p in GOLDEN if p.name.startswith("seed-")]
BLANK = "_:blank"
# Predicates of a node shape that only groups property shapes and so never reports itself.
GROUPING = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
            SH.property, SH.severity, SH.message}

Key = tuple[str, str | None, str, str]


def local(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1]


def expected_report(case: Path) -> Graph:
    return Graph().parse(case.with_name(case.stem + ".expected.ttl"))


def expected_results(report: Graph) -> dict[Key, str]:
    """(focus, path, component, shape) → severity, from an expected report."""
    found = {}
    for result in report.objects(None, SH.result):
        focus, path = report.value(result, SH.focusNode), report.value(result, SH.resultPath)
        key = (BLANK if isinstance(focus, BNode) else str(focus),
               None if path is None else str(path),
               local(report.value(result, SH.sourceConstraintComponent)),
               str(report.value(result, SH.sourceShape)))
        found[key] = local(report.value(result, SH.resultSeverity))
    return found


def source_constraints(data: Graph) -> set[Node]:
    """The SPARQL constraints that fired (kv2rdf's ValidationReport does not carry them)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none",
                                    ont_graph=Graph().parse(ontology_path()), allow_warnings=True)
    return set(report.objects(None, SH.sourceConstraint))


def named_shapes(shapes: Graph) -> set[URIRef]:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.path, None))
    found |= set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    return {s for s in found if isinstance(s, URIRef)}


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_invalid_case_reports_expected_results(case: Path) -> None:
    data = Graph().parse(case)
    blanks = {str(n) for n in data.all_nodes() if isinstance(n, BNode)}
    report = validate(data)
    actual = {(BLANK if r.focus in blanks else r.focus, r.path, r.component, r.shape): r.severity
              for r in report.results}
    expected_graph = expected_report(case)
    expected = expected_results(expected_graph)
    assert set(actual) == set(expected), report.text()
    assert actual == expected, "severities differ"
    conforms = next(expected_graph.objects(None, SH.conforms), None)
    assert isinstance(conforms, Literal), "the expected report must state sh:conforms"
    assert report.conforms is conforms.toPython()
    assert source_constraints(data) == set(expected_graph.objects(None, SH.sourceConstraint))


def test_case_names_follow_the_shape_they_test() -> None:
    shapes = named_shapes(load_shapes())
    for case in CASE_FILES:
        shape_name = case.stem.rsplit("-", 1)[0]
        reported = {local(n) for n in expected_report(case).objects(None, None)
                    if n in shapes}
        assert shape_name in reported, f"{case.name} never reports kvsh:{shape_name}"


def test_every_shape_has_a_negative_case() -> None:
    shapes = load_shapes()
    named = named_shapes(shapes)
    reported: set[Node] = set()
    for case in CASE_FILES:
        report = expected_report(case)
        reported |= set(report.objects(None, SH.sourceShape))
        reported |= set(report.objects(None, SH.sourceConstraint))
    grouping = {s for s in named if set(shapes.predicates(s)) <= GROUPING}
    missing = sorted(local(s) for s in named - reported - grouping)
    assert not missing, f"shapes without a negative case: {missing}"


def test_no_anonymous_property_shapes_or_constraints() -> None:
    shapes = load_shapes()
    anonymous = [o for p in (SH.property, SH.sparql) for o in shapes.objects(None, p)
                 if isinstance(o, BNode)]
    assert not anonymous, "give every property shape and SPARQL constraint an IRI"


@pytest.mark.parametrize("case", GOLDEN, ids=lambda p: p.name)
def test_golden_output_has_no_violations(case: Path) -> None:
    report = validate(Graph().parse(case / "expected.ttl"))
    assert not report.violations, report.text()


@pytest.mark.parametrize("case", SEEDS, ids=lambda p: p.name)
def test_shapes_hold_for_another_base(case: Path) -> None:
    base = "https://example.org/kamer/"
    graph = convert(source_file(case), base=base)
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    assert any(s.startswith(base + "id/") for s in subjects)
    assert not any(s.startswith("https://w3id.org/kv2rdf/id/") for s in subjects)
    report = validate(graph)
    assert report.conforms, report.text()


def test_shapes_are_valid_shacl() -> None:
    """The shapes graph conforms to SHACL-for-SHACL (pySHACL's meta-shapes)."""
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=load_shapes(), meta_shacl=True,
                                         inference="none")
    assert conforms, text


def test_ministry_list_in_shapes_is_the_reference_table() -> None:
    shapes = load_shapes()
    kvsh = "https://w3id.org/kv2rdf/shapes#"
    for subject, path in ((URIRef(kvsh + "PostShape-postIn"), SH["in"]),
                          (URIRef(kvsh + "MinistryShape"), SH["in"])):
        listed = {str(n) for n in shapes.items(shapes.value(subject, path))}
        assert listed == {str(TOOI[m.code]) for m in MINISTRIES}


ELI_NS = "http://data.europa.eu/eli/ontology#"
ELI_DL_NS = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
PROFILE_CHECKS = {
    # ELI-DL application profile, as far as it applies: participations, work types and dates
    "a participation role is an eli-dl:ParticipationRole": """
        SELECT ?x WHERE { ?x eli-dl:participation_role ?r . FILTER NOT EXISTS { ?r a eli-dl:ParticipationRole } }""",
    "a person participant is a foaf:Person": """
        SELECT ?x WHERE { ?x eli-dl:had_participant_person ?p . FILTER NOT EXISTS { ?p a foaf:Person } }""",
    "an organisation participant is or includes an org:Organization when the ministry is known": """
        SELECT ?x WHERE { ?x eli-dl:had_participant_organization ?post . ?post org:postIn ?m .
                          FILTER NOT EXISTS { ?x eli-dl:had_participant_organization ?o . ?o a org:Organization } }""",
    "in name of is or includes an org:Organization when the ministry is known": """
        SELECT ?x WHERE { ?x eli-dl:participation_in_name_of ?post . ?post org:postIn ?m .
                          FILTER NOT EXISTS { ?x eli-dl:participation_in_name_of ?o . ?o a org:Organization } }""",
    "a work type is an eli:WorkType": """
        SELECT ?x WHERE { ?x eli:work_type ?t . FILTER NOT EXISTS { ?t a eli:WorkType } }""",
    "a process type is an eli-dl:ProcessType": """
        SELECT ?x WHERE { ?x eli-dl:process_type ?t . FILTER NOT EXISTS { ?t a eli-dl:ProcessType } }""",
    "every work has one eli:date_document as xsd:date": """
        SELECT ?x WHERE { ?x a eli:Work . FILTER NOT EXISTS { ?x a eli:WorkSubdivision }
            OPTIONAL { ?x eli:date_document ?d } FILTER(!BOUND(?d) || DATATYPE(?d) != xsd:date) }""",
    "dates are xsd:date": """
        SELECT ?x WHERE { ?x dct:dateSubmitted|dct:issued|eli:date_document ?d . FILTER(DATATYPE(?d) != xsd:date) }""",
}


@pytest.mark.parametrize("case", GOLDEN, ids=lambda p: p.name)
def test_golden_output_follows_the_eli_dl_profile(case: Path) -> None:
    data = Graph().parse(case / "expected.ttl") + Graph().parse(ontology_path())
    prefixes = {"eli": ELI_NS, "eli-dl": ELI_DL_NS, "foaf": "http://xmlns.com/foaf/0.1/",
                "org": "http://www.w3.org/ns/org#", "dct": "http://purl.org/dc/terms/",
                "xsd": "http://www.w3.org/2001/XMLSchema#"}
    assert any(data.subjects(RDF.type, URIRef(ELI_DL_NS + "Participation")))
    for rule, query in PROFILE_CHECKS.items():
        breaking = [str(row[0]) for row in data.query(query, initNs=prefixes)]  # type: ignore[index]
        assert not breaking, f"{rule}: {breaking[:3]}"
