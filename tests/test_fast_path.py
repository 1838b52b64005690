"""The fast path (triples without an rdflib graph, kv2rdf's own writers) against rdflib's.

Every golden case: the mapping's `Triples` hold exactly the triples of ``expected.ttl`` and of
`to_graph`; and ``convert`` in every output format gives the bytes the rdflib route gives from
``expected.ttl`` (rdflib parsing, pyoxigraph's N-Triples writer, rdflib's JSON-LD), with the
Turtle byte for byte ``expected.ttl`` itself.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import XSD

from kv2rdf.iris import Iris
from kv2rdf.mapping import to_graph, to_triples
from kv2rdf.namespaces import PREFIXES
from kv2rdf.parsers import parse
from kv2rdf.pipeline import convert_source, metadata_beside
from kv2rdf.serialization import dumps, to_oxigraph
from kv2rdf.triples import Literal, Triples, rdflib_term
from tests.helpers import CASES, source_file

CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


@cache
def converted(case: Path) -> tuple[str, Triples]:
    """The source IRI (the graph name) and the triples, as ``kv2rdf convert`` makes them."""
    source = source_file(case)
    meta = metadata_beside(source)
    doc, triples = convert_source(source.read_bytes(), source=str(source),
                                  metadata=meta.read_bytes() if meta else None)
    return str(Iris().source(doc)), triples


def rdflib_set(triples: Triples) -> set[tuple[Any, ...]]:
    return {tuple(rdflib_term(t) for t in triple) for triple in triples}


def lines(data: bytes | None) -> str:
    """pyoxigraph's output with its lines sorted and unique (how kv2rdf writes N-Triples)."""
    assert data is not None
    return "".join(line + "\n" for line in sorted(set(data.decode().splitlines())) if line)


def reference(expected: Path, fmt: str, name: str) -> str:
    """What the rdflib route writes for the triples of ``expected.ttl``."""
    text = expected.read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    if fmt == "turtle":
        return text
    if fmt == "nt":
        return lines(ox.serialize(to_oxigraph(graph), format=ox.RdfFormat.N_TRIPLES))
    if fmt == "nquads":
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
                 for t in to_oxigraph(graph)]
        return lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    if fmt == "trig":
        head = [line for line in text.splitlines() if line.startswith("@prefix")]
        body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
        return "\n".join(head) + f"\n\n<{name}> {{\n{body.strip(chr(10))}\n}}\n"
    tree = json.loads(graph.serialize(format="json-ld",
                                      context={p: str(ns) for p, ns in PREFIXES.items()}))
    tree["@graph"] = sorted((sort_values(n) for n in tree["@graph"]), key=lambda n: n["@id"])
    return json.dumps(tree, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sort_values(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: sort_values(v) for k, v in node.items()}
    if isinstance(node, list):
        return sorted((sort_values(v) for v in node),
                      key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_fast_triples_are_the_graphs_triples(case: Path) -> None:
    _, triples = converted(case)
    expected = set(Graph().parse(case / "expected.ttl"))
    assert rdflib_set(triples) == expected
    assert len(triples) == len(expected)  # no triple twice
    source = source_file(case)
    if metadata_beside(source) is None:
        doc = parse(source.read_bytes(), source=str(source))
        assert set(to_graph(doc)) == expected == rdflib_set(to_triples(doc))


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "jsonld"])
@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_every_format_is_byte_identical_to_the_rdflib_route(case: Path, fmt: str) -> None:
    name, triples = converted(case)
    written = dumps(triples, fmt, name=name)
    assert written == reference(case / "expected.ttl", fmt, name)
    # an rdflib graph given to dumps (the API edge) is written the same
    assert dumps(triples.graph(), fmt, name=URIRef(name)) == written


def test_literals_are_escaped_as_pyoxigraph_escapes_them() -> None:
    text = "".join(chr(c) for c in (*range(0x80), 0xA0, 0xE9, 0x2028, 0xFFFE, 0xFFFF, 0x1F600))
    triples = Triples()
    for value in (text, "tab\there", "ĳs"):
        triples.add(("https://example.org/s", "https://example.org/p", Literal(value, lang="NL")))
        triples.add(("https://example.org/s", "https://example.org/p", Literal(value)))
    triples.add(("https://example.org/s", "https://example.org/n", Literal(-3)))
    graph = triples.graph()
    assert dumps(triples, "nt") == dumps(graph, "nt") == lines(
        ox.serialize(to_oxigraph(graph), format=ox.RdfFormat.N_TRIPLES))


def test_literals_are_made_as_rdflib_makes_them() -> None:
    for value, datatype in ((3, None), (True, None), (date(2024, 2, 15), XSD.date),
                            ("kv-tk-1", URIRef("https://w3id.org/kv2rdf/def#oepIdentifier")),
                            (2.5, None)):
        ours = rdflib_term(Literal(value, datatype=datatype))
        assert ours == RdfLiteral(value, datatype=datatype)
        assert ours.datatype == RdfLiteral(value, datatype=datatype).datatype


def test_triples_take_rdflib_terms_and_keep_one_of_each() -> None:
    triples = Triples()
    triples.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), RdfLiteral(2)))
    triples.add(("https://example.org/s", "https://example.org/p", Literal(2)))
    assert len(triples) == 1
    assert list(triples) == [("https://example.org/s", "https://example.org/p",
                              Literal("2", datatype=str(XSD.integer)))]
