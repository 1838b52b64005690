"""The whole pipeline in one place: bytes → `Document` → `Graph`.

This is the only library module besides `resources` that touches the file system
(`convert` reads a path and the metadata record beside it); every stage it calls is a
pure function.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kv2rdf.formats import SourceFormat
from kv2rdf.mapping import to_graph
from kv2rdf.model import Document
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.parsers import parse
from kv2rdf.parsers.metadata import apply_metadata, read_metadata


def convert_bytes(data: bytes, *, source: str = "<bytes>", fmt: SourceFormat | None = None,
                  strict: bool = False, base: str = DEFAULT_BASE, metadata: bytes | None = None,
                  metadata_source: str | None = None) -> tuple[Document, Graph]:
    """Parse and map one source; return the document (with its issues) and the graph.

    ``metadata`` is the publication's OEP ``metadata.xml`` record, when there is one.
    """
    doc = parse(data, fmt=fmt, source=source, strict=strict)
    if metadata is not None:
        record = read_metadata(metadata, source=metadata_source or f"{source} (metadata)")
        doc = apply_metadata(doc, record, strict=strict)
    return doc, to_graph(doc, base=base)


def metadata_beside(path: Path) -> Path | None:
    """The metadata record lying beside a source: ``<id>.metadata.xml`` or ``metadata.xml``."""
    stem = path.name.split(".")[0]
    for candidate in (path.with_name(f"{stem}.metadata.xml"), path.with_name("metadata.xml")):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def convert(path: str | Path, *, fmt: SourceFormat | None = None, strict: bool = False,
            base: str = DEFAULT_BASE) -> Graph:
    """Convert the Kamervragen document at ``path`` into a graph."""
    path = Path(path)
    meta = metadata_beside(path)
    return convert_bytes(path.read_bytes(), source=str(path), fmt=fmt, strict=strict, base=base,
                         metadata=meta.read_bytes() if meta else None,
                         metadata_source=str(meta) if meta else None)[1]
