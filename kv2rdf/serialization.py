"""Serialization: triples → text in a fixed, byte-stable form.

``FORMATS`` maps the names the CLI accepts to file suffixes and media types. Output never
depends on hash seeds or insertion order: N-Triples and N-Quads lines are sorted, Turtle
(written by `_turtle`) lists subjects, predicates and objects in sorted order, JSON-LD nodes
and values are sorted, and TriG and N-Quads put the triples under the IRI of the source as
graph name. `dumps` takes the mapping's `Triples` (the fast path: Turtle, TriG, N-Triples and
N-Quads are written from its plain terms by `_turtle` and `_ntriples`) or an rdflib `Graph`
(its triples are taken over first; a graph with blank nodes goes through rdflib and
pyoxigraph). JSON-LD is always rdflib's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from kv2rdf import triples as fast
from kv2rdf._ntriples import statement_lines
from kv2rdf._turtle import turtle_to_trig, write_turtle
from kv2rdf.errors import MappingError, UnknownFormatError
from kv2rdf.namespaces import PREFIXES, new_graph


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """An RDF output format."""

    rdflib_name: str
    suffix: str
    media_type: str


FORMATS: dict[str, OutputFormat] = {
    "turtle": OutputFormat("turtle", ".ttl", "text/turtle"),
    "nt": OutputFormat("nt", ".nt", "application/n-triples"),
    "jsonld": OutputFormat("json-ld", ".jsonld", "application/ld+json"),
    "trig": OutputFormat("trig", ".trig", "application/trig"),
    "nquads": OutputFormat("nquads", ".nq", "application/n-quads"),
}

#: The graph name of TriG and N-Quads output when no source IRI is given.
DEFAULT_GRAPH_NAME = "urn:x-kv2rdf:default"


def output_format(name: str) -> OutputFormat:
    """The output format called ``name``; `UnknownFormatError` when there is none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormatError(f"unknown output format {name!r}; known: "
                                 f"{', '.join(FORMATS)}") from None


def sorted_copy(graph: Graph) -> Graph:
    """A copy whose triples are inserted in sorted order, with the graph's prefixes."""
    copy = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        copy.bind(prefix, ns)
    for triple in sorted(graph):
        copy.add(triple)
    return copy


def dumps(graph: Graph | fast.Triples, fmt: str = "turtle", *, name: str | None = None) -> str:
    """Serialize ``graph``; ``name`` is the graph name used by TriG and N-Quads."""
    output_format(fmt)
    graph_name = str(name or DEFAULT_GRAPH_NAME)
    if isinstance(graph, Graph):
        if fmt == "jsonld":
            return _jsonld(graph)
        try:
            triples = fast.from_graph(graph)
        except MappingError:  # blank nodes: rdflib's writers
            return _dumps_blank(graph, fmt, graph_name)
        prefixes = [(p, str(ns)) for p, ns in graph.namespaces()]
    else:
        triples, prefixes = graph, _prefixes(graph.base)
    if fmt in ("nt", "nquads"):
        return statement_lines(triples, graph_name if fmt == "nquads" else None)
    if fmt == "jsonld":
        return _jsonld(triples.graph())
    turtle = write_turtle(triples, prefixes)
    return turtle_to_trig(turtle, graph_name) if fmt == "trig" else turtle


@lru_cache(maxsize=16)
def _prefixes(base: str) -> list[tuple[str, str]]:
    """The prefixes of a kv2rdf graph minted under ``base``."""
    return [(p, str(ns)) for p, ns in new_graph(base).namespaces()]


def _jsonld(graph: Graph) -> str:
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    tree = json.loads(graph.serialize(format="json-ld", context=context))
    nodes = tree.get("@graph", [])
    tree["@graph"] = sorted((_sort_values(n) for n in nodes), key=lambda n: n.get("@id", ""))
    return json.dumps(tree, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _dumps_blank(graph: Graph, fmt: str, graph_name: str) -> str:
    """A graph with blank nodes, written through rdflib (Turtle) and pyoxigraph (lines)."""
    if fmt == "nt":
        return _sorted_lines(ox.serialize(to_oxigraph(graph), format=ox.RdfFormat.N_TRIPLES))
    if fmt == "nquads":
        named = ox.NamedNode(graph_name)
        quads = (ox.Quad(t.subject, t.predicate, t.object, named) for t in to_oxigraph(graph))
        return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    turtle = sorted_copy(graph).serialize(format="turtle")
    return turtle_to_trig(turtle, graph_name) if fmt == "trig" else turtle


def oxigraph_triples(triples: fast.Triples) -> list[ox.Triple]:
    """Our triples as pyoxigraph triples (each distinct term built once)."""
    made: dict[fast.Term, Any] = {}

    def term(node: fast.Term) -> Any:
        found = made.get(node)
        if found is None:
            if isinstance(node, str):
                found = ox.NamedNode(node)
            else:
                value, language, datatype = node
                found = ox.Literal(value, language=language) if language else ox.Literal(
                    value, datatype=ox.NamedNode(datatype) if datatype else None)
            made[node] = found
        return found

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]


def to_oxigraph(graph: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples (each distinct term built once)."""
    made: dict[Node, Any] = {}

    def term(node: Node) -> Any:
        found = made.get(node)
        if found is None:
            if isinstance(node, Literal):
                if node.language:
                    found = ox.Literal(str(node), language=node.language)
                else:
                    found = ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))
                                       if node.datatype else None)
            elif isinstance(node, BNode):
                found = ox.BlankNode(str(node))
            else:
                found = ox.NamedNode(str(node))
            made[node] = found
        return found

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in graph]


def _sorted_lines(data: bytes | None) -> str:
    """Serializer output as text with its lines sorted and unique (a fixed order)."""
    assert data is not None
    lines = set(data.decode("utf-8").splitlines())
    return "".join(line + "\n" for line in sorted(lines) if line.strip())


def _sort_values(node: Any) -> Any:
    """Sort every multi-valued property of a JSON-LD node (set semantics, stable order)."""
    if isinstance(node, dict):
        return {k: _sort_values(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sort_values(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
