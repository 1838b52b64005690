"""The whole pipeline in one place: bytes → `Document` → `Graph`.

This is the only library module besides `resources` that touches the file system
(`convert` reads a path); every stage it calls is a pure function.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kv2rdf.formats import SourceFormat
from kv2rdf.mapping import to_graph
from kv2rdf.model import Document
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.parsers import parse


def convert_bytes(data: bytes, *, source: str = "<bytes>", fmt: SourceFormat | None = None,
                  strict: bool = False, base: str = DEFAULT_BASE) -> tuple[Document, Graph]:
    """Parse and map one source; return the document (with its issues) and the graph."""
    doc = parse(data, fmt=fmt, source=source, strict=strict)
    return doc, to_graph(doc, base=base)


def convert(path: str | Path, *, fmt: SourceFormat | None = None, strict: bool = False,
            base: str = DEFAULT_BASE) -> Graph:
    """Convert the Kamervragen document at ``path`` into a graph."""
    path = Path(path)
    return convert_bytes(path.read_bytes(), source=str(path), fmt=fmt, strict=strict,
                         base=base)[1]
