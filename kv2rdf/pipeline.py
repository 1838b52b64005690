"""The whole pipeline in one place: bytes → `Document` → `Graph`.

This is the only library module besides `resources` that touches the file system
(`convert` reads a path and the metadata record beside it; `read_input` reads the inputs
of ``kv2rdf convert`` and ``kv2rdf load``); every stage it calls is a pure function.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kv2rdf.errors import DataError
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


def warning_lines(doc: Document) -> list[str]:
    """The document's issues as diagnostics: ``source:line: warning: message``."""
    return [f"{i.source}:{i.line or 1}: warning: {i.message}" for i in doc.issues]


def located(path: Path, error: Exception) -> str:
    """The message of ``error`` about the input at ``path``, led by the path unless it is."""
    text = str(error)
    return text if text.startswith(str(path)) else f"{path}: {text}"


def read_input(path: Path) -> bytes:
    """The bytes of an input file; `DataError` ("path: cannot read: reason") when unreadable."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


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
