"""The whole pipeline in one place: bytes → `Document` → `Triples` (→ `Graph` at the API edge).

This is the only library module besides `resources` that touches the file system
(`convert` reads a path and the metadata record beside it; `read_input` reads the inputs
of ``kv2rdf convert`` and ``kv2rdf load``); every stage it calls is a pure function.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from rdflib import Graph

from kv2rdf.errors import DataError
from kv2rdf.formats import SourceFormat
from kv2rdf.limits import LimitError, check_pdf_pages, max_input_bytes, size_text
from kv2rdf.mapping import to_triples
from kv2rdf.model import Document
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.parsers import parse
from kv2rdf.parsers.metadata import apply_metadata, read_metadata
from kv2rdf.triples import Triples


def convert_bytes(data: bytes, *, source: str = "<bytes>", fmt: SourceFormat | None = None,
                  strict: bool = False, base: str = DEFAULT_BASE, metadata: bytes | None = None,
                  metadata_source: str | None = None) -> tuple[Document, Graph]:
    """Parse and map one source; return the document (with its issues) and the graph.

    ``metadata`` is the publication's OEP ``metadata.xml`` record, when there is one.
    """
    doc, triples = convert_source(data, source=source, fmt=fmt, strict=strict, base=base,
                                  metadata=metadata, metadata_source=metadata_source)
    return doc, triples.graph()


def convert_source(data: bytes, *, source: str = "<bytes>", fmt: SourceFormat | None = None,
                   strict: bool = False, base: str = DEFAULT_BASE, metadata: bytes | None = None,
                   metadata_source: str | None = None) -> tuple[Document, Triples]:
    """`convert_bytes` without an rdflib graph: the document and its `Triples` (fast path)."""
    if fmt in (None, SourceFormat.PDF):
        check_pdf_pages(data, source)
    doc = parse(data, fmt=fmt, source=source, strict=strict)
    if metadata is not None:
        record = read_metadata(metadata, source=metadata_source or f"{source} (metadata)")
        doc = apply_metadata(doc, record, strict=strict)
    return doc, to_triples(doc, base=base)


def warning_lines(doc: Document) -> list[str]:
    """The document's issues as diagnostics: ``source:line: warning: message``."""
    return [f"{i.source}:{i.line or 1}: warning: {i.message}" for i in doc.issues]


def located(path: Path, error: Exception) -> str:
    """The message of ``error`` about the input at ``path``, led by the path unless it is."""
    text, shown = str(error), display_path(path)
    return text if text.startswith((str(path), shown)) else f"{shown}: {text}"


#: The input name that stands for standard input, as in rdfpipe, riot and jq.
STDIN = "-"


def is_stdin(path: Path | str) -> bool:
    """Whether ``path`` is ``-``, standard input."""
    return str(path) == STDIN


def display_path(path: Path | str) -> str:
    """``path`` as printable text: bytes of a file name that are not UTF-8 become U+FFFD."""
    if is_stdin(path):
        return "<stdin>"
    return os.fsencode(path).decode("utf-8", errors="replace")


def require_text(value: str, what: str) -> str:
    """``value`` when it is text; `DataError` when it holds bytes that are not UTF-8.

    Arguments reach Python with such bytes as lone surrogates (a terminal in another encoding,
    a pasted binary string); a file name may hold them, a query or an IRI may not.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DataError(f"{what}: holds bytes that are not UTF-8 text (at character "
                        f"{exc.start + 1})") from None
    return value


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an input file, at most ``limit`` (`kv2rdf.limits.max_input_bytes`).

    A FIFO or device is read up to the limit. `DataError` ("path: cannot read: reason") when
    unreadable, `LimitError` when too big.
    """
    limit = max_input_bytes() if limit is None else limit
    shown = display_path(path)
    if is_stdin(path):
        if sys.stdin is None:
            raise DataError(f"{shown}: cannot read: standard input is closed")
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_big(shown, None, limit)
        return data
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise DataError(f"{shown}: is a folder, not a file")
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise _too_big(shown, info.st_size, limit)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise DataError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _too_big(shown, None, limit)
    return data


def _too_big(shown: str, size: int | None, limit: int) -> LimitError:
    what = f"is {size_text(size)}" if size is not None else "goes on past the limit"
    return LimitError(f"{shown}: {what}; kv2rdf reads inputs of at most {size_text(limit)} "
                      "(set KV2RDF_MAX_INPUT_MB for more)")


def metadata_beside(path: Path) -> Path | None:
    """The metadata record lying beside a source: ``<id>.metadata.xml`` or ``metadata.xml``."""
    if is_stdin(path):  # standard input lies beside nothing (--metadata names a record)
        return None
    stem = path.name.split(".")[0]
    for candidate in (path.with_name(f"{stem}.metadata.xml"), path.with_name("metadata.xml")):
        if candidate != path and os.path.isfile(candidate):  # False for unusable names
            return candidate
    return None


def convert(path: str | Path, *, fmt: SourceFormat | None = None, strict: bool = False,
            base: str = DEFAULT_BASE) -> Graph:
    """Convert the Kamervragen document at ``path`` into a graph."""
    path = Path(path)
    meta = metadata_beside(path)
    return convert_bytes(read_input(path), source=display_path(path), fmt=fmt, strict=strict,
                         base=base, metadata=read_input(meta) if meta else None,
                         metadata_source=display_path(meta) if meta else None)[1]
