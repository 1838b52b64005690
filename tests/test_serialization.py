"""Serialization: every format round-trips, and the bytes do not depend on the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph

from kv2rdf import convert, dumps
from tests.helpers import ROOT, assert_isomorphic

SEED = ROOT / "examples" / "mededeling-2024Z02569.txt"


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt"),
                                                    ("jsonld", "json-ld"), ("trig", "trig")])
def test_round_trip(fmt: str, rdflib_format: str) -> None:
    graph = convert(SEED)
    text = dumps(graph, fmt)
    if fmt == "trig":
        ds = Dataset()
        ds.parse(data=text, format="trig")
        back = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            back.add((s, p, o))
    else:
        back = Graph().parse(data=text, format=rdflib_format)
    assert_isomorphic(back, graph)


def test_no_blank_nodes() -> None:
    graph = convert(SEED)
    assert not [t for t in graph if any(type(term).__name__ == "BNode" for term in t)]


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt", "trig"])
def test_bytes_do_not_depend_on_hash_seed(fmt: str) -> None:
    code = ("import sys; from kv2rdf import convert, dumps; "
            f"sys.stdout.write(dumps(convert({str(SEED)!r}), {fmt!r}))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1
