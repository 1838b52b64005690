"""Every example source converts to the Turtle checked in beside it, and that Turtle conforms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kv2rdf import convert, validate
from tests.helpers import ROOT, assert_isomorphic

EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir()
                  if p.suffix in {".txt", ".md", ".pdf", ".xml", ".html"}
                  and not p.name.endswith("metadata.xml"))


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_example_converts_to_its_turtle(source: Path) -> None:
    expected = Graph().parse(source.with_suffix(".ttl"))
    assert_isomorphic(convert(source), expected)
    assert validate(expected).conforms


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 2
