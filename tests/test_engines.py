"""A second SHACL engine agrees: rudof (pyrudof) against pySHACL on every golden output and case.

Both engines get the same data graph: the case or golden output with the vocabulary mixed in
the way pySHACL mixes an ontology graph (its ``inoculate``: classes, properties and the named
individuals of the code lists), so ``sh:class eli:WorkType`` and the like see the same types.
Results are compared as sets of (focus node, path, constraint component, source shape,
severity); a blank focus node is matched as "a blank node". Messages are not compared (each
engine words its own for node-level results).

One limitation of rudof is pinned: it runs a SPARQL constraint by substituting the focus node
into the query, which it cannot do for a blank node (the query does not parse). For data with
blank nodes the comparison falls back to the core constraints (the shapes without
``sh:sparql``), and the test asserts that exactly those cases need the fallback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph
from rdflib.namespace import SH

from kv2rdf import validate
from kv2rdf.resources import ontology_path, shapes_path
from tests.helpers import CASES, TESTS

pyrudof = pytest.importorskip("pyrudof")
inoculate = pytest.importorskip("pyshacl.rdfutil.inoculate").inoculate

INVALID = TESTS / "shapes" / "invalid"
NEGATIVE = sorted(p for p in INVALID.glob("*.ttl") if not p.name.endswith(".expected.ttl"))
GOLDEN = sorted(p / "expected.ttl" for p in CASES.iterdir() if p.is_dir())
BLANK = "_:blank"

Key = tuple[str, str | None, str, str, str]


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _mixed(data: Graph) -> Graph:
    graph = Graph()
    for triple in data:
        graph.add(triple)
    return inoculate(graph, Graph().parse(ontology_path()))


def _core_shapes() -> str:
    shapes = Graph().parse(shapes_path())
    shapes.remove((None, SH.sparql, None))
    return shapes.serialize(format="turtle")


def _rudof(data: Graph, shapes: str | None = None) -> set[Key]:
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(_mixed(data).serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes if shapes is not None else str(shapes_path()))
    found = set()
    for result in rudof.validate_shacl():
        focus = str(result.focus_node)
        found.add((BLANK if focus.startswith("_:") else focus,
                   str(result.path) if result.path else None,
                   _local(result.constraint_component), str(result.source_shape),
                   _local(result.severity)))
    return found


def _pyshacl(data: Graph, core_only: bool = False) -> set[Key]:
    blanks = {str(n) for n in data.all_nodes() if isinstance(n, BNode)}
    return {(BLANK if r.focus in blanks else r.focus, r.path, r.component, r.shape, r.severity)
            for r in validate(data).results
            if not (core_only and r.component == "SPARQLConstraintComponent")}


def _compare(path: Path) -> bool:
    """Assert both engines agree on ``path``; True when only the core constraints compared."""
    data = Graph().parse(path)
    try:
        rudof = _rudof(data)
    except pyrudof.RudofError:
        assert any(isinstance(n, BNode) for n in data.all_nodes()), \
            f"rudof failed on {path.name}, which has no blank node"
        rudof = _rudof(data, _core_shapes())
        assert rudof == _pyshacl(data, core_only=True)
        return True
    assert rudof == _pyshacl(data)
    return False


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.parent.name)
def test_engines_agree_on_golden_output(path: Path) -> None:
    assert not _compare(path), "golden outputs have no blank nodes"


def test_engines_agree_on_negative_cases() -> None:
    core_only = sorted(p.stem for p in NEGATIVE if _compare(p))
    # rudof cannot run SPARQL constraints on blank focus nodes: these cases compare on core only
    assert core_only == ["ParticipationShape-001"]


def test_rudof_counts_warnings_against_conformance() -> None:
    """SHACL's sh:conforms is false for any result; kv2rdf's "conforms" means no violations."""
    data = Graph().parse(CASES / "seed-004-aanhangsel-1064" / "expected.ttl")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(_mixed(data).serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(str(shapes_path()))
    report = rudof.validate_shacl()
    ours = validate(data)
    assert ours.warnings and not ours.violations
    assert ours.conforms and not report.conforms
