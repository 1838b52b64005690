"""Serialization: graph → text in a fixed, byte-stable form.

``FORMATS`` maps the names the CLI accepts to rdflib serializers and file suffixes. Output
never depends on hash seeds or insertion order: N-Triples and N-Quads lines are sorted,
Turtle (written by `_turtle`) lists subjects, predicates and objects in sorted order, JSON-LD
nodes and values are sorted, and TriG and N-Quads put the triples under the IRI of the source
as graph name. N-Triples and N-Quads are written by pyoxigraph from the graph's terms
(`to_oxigraph`), about ten times faster than rdflib's writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kv2rdf._turtle import write_turtle
from kv2rdf.errors import UnknownFormatError
from kv2rdf.namespaces import PREFIXES


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


def dumps(graph: Graph, fmt: str = "turtle", *, name: URIRef | None = None) -> str:
    """Serialize ``graph``; ``name`` is the graph name used by TriG."""
    spec = output_format(fmt)
    if fmt == "nt":
        return _sorted_lines(ox.serialize(to_oxigraph(graph), format=ox.RdfFormat.N_TRIPLES))
    if fmt == "nquads":
        named = ox.NamedNode(str(name or DEFAULT_GRAPH_NAME))
        quads = (ox.Quad(t.subject, t.predicate, t.object, named) for t in to_oxigraph(graph))
        return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    if fmt == "trig":
        # TriG is Turtle with the triples inside a named graph block
        turtle = _turtle(graph)
        head = [line for line in turtle.splitlines() if line.startswith("@prefix")]
        body = [line for line in turtle.splitlines() if not line.startswith("@prefix")]
        inner = "\n".join(body).strip("\n")  # no indenting: it would alter long literals
        graph_name = name or URIRef(DEFAULT_GRAPH_NAME)
        return "\n".join(head) + f"\n\n<{graph_name}> {{\n{inner}\n}}\n"
    if fmt == "jsonld":
        context = {p: str(ns) for p, ns in PREFIXES.items()}
        tree = json.loads(graph.serialize(format="json-ld", context=context))
        nodes = tree.get("@graph", [])
        tree["@graph"] = sorted((_sort_values(n) for n in nodes), key=lambda n: n.get("@id", ""))
        return json.dumps(tree, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return _turtle(graph) if fmt == "turtle" else sorted_copy(graph).serialize(
        format=spec.rdflib_name)


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


def _turtle(graph: Graph) -> str:
    """Turtle from the fast writer, or from rdflib for graphs with blank nodes."""
    return write_turtle(graph) or sorted_copy(graph).serialize(format="turtle")


def _sort_values(node: Any) -> Any:
    """Sort every multi-valued property of a JSON-LD node (set semantics, stable order)."""
    if isinstance(node, dict):
        return {k: _sort_values(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sort_values(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
