"""Golden cases: every folder in tests/cases converts to its expected.ttl (by isomorphism)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kv2rdf import convert, dumps, validate
from tests.helpers import CASES, assert_isomorphic, source_file

CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_case_converts_to_expected(case: Path, update_golden: bool) -> None:
    graph = convert(source_file(case))
    expected_path = case / "expected.ttl"
    if update_golden or not expected_path.exists():
        expected_path.write_text(dumps(graph, "turtle"), encoding="utf-8")
    assert_isomorphic(graph, Graph().parse(expected_path))


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_expected_output_conforms(case: Path) -> None:
    report = validate(Graph().parse(case / "expected.ttl"))
    assert report.conforms, report.text()


def test_there_are_golden_cases() -> None:
    assert len(CASE_DIRS) >= 2
