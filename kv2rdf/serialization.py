"""Serialization: graph → text in a fixed, byte-stable form.

``FORMATS`` maps the names the CLI accepts to rdflib serializers and file suffixes. Output
never depends on hash seeds or insertion order: N-Triples lines are sorted, Turtle (written
by `_turtle`) lists subjects, predicates and objects in sorted order, JSON-LD nodes and
values are sorted, and TriG puts the Turtle under the IRI of the source as graph name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef

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
}


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
        lines = graph.serialize(format="nt").splitlines()
        return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
    if fmt == "trig":
        # TriG is Turtle with the triples inside a named graph block
        turtle = _turtle(graph)
        head = [line for line in turtle.splitlines() if line.startswith("@prefix")]
        body = [line for line in turtle.splitlines() if not line.startswith("@prefix")]
        inner = "\n".join(body).strip("\n")  # no indenting: it would alter long literals
        graph_name = name or URIRef("urn:x-kv2rdf:default")
        return "\n".join(head) + f"\n\n<{graph_name}> {{\n{inner}\n}}\n"
    if fmt == "jsonld":
        context = {p: str(ns) for p, ns in PREFIXES.items()}
        tree = json.loads(graph.serialize(format="json-ld", context=context))
        nodes = tree.get("@graph", [])
        tree["@graph"] = sorted((_sort_values(n) for n in nodes), key=lambda n: n.get("@id", ""))
        return json.dumps(tree, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return _turtle(graph) if fmt == "turtle" else sorted_copy(graph).serialize(
        format=spec.rdflib_name)


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
