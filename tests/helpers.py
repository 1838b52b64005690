"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
ROOT = TESTS.parent


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Fail with the triples only in one graph or the other."""
    if isomorphic(actual, expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = ["graphs differ"]
    lines += [f"+ {t}" for t in sorted(only_actual)[:40]]
    lines += [f"- {t}" for t in sorted(only_expected)[:40]]
    raise AssertionError("\n".join(lines))


def source_file(case: Path) -> Path:
    """The one source file of a golden case folder."""
    found = [p for p in case.iterdir() if p.name.startswith("source.")]
    assert len(found) == 1, f"{case} must hold exactly one source.* file"
    return found[0]


def values(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The values of one property, as sorted strings."""
    return sorted(str(o) for o in graph.objects(subject, predicate))


def lit(graph: Graph, subject: URIRef, predicate: URIRef) -> Literal:
    """The single literal value of a property."""
    found = list(graph.objects(subject, predicate))
    assert len(found) == 1, f"{subject} {predicate}: {found}"
    value = found[0]
    assert isinstance(value, Literal)
    return value
