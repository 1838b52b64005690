"""Reading RDF data files: bytes → quads, safely. The one place kv2rdf parses RDF it is given.

``kv2rdf validate`` and ``kv2rdf load`` read Turtle, N-Triples, TriG, N-Quads, JSON-LD and
RDF/XML files through `read_quads` (pyoxigraph's parsers), so every RDF input gets the same
rules:

* no entity expansion and no DTD: RDF/XML with a ``<!DOCTYPE`` is refused before parsing
  (a few hundred bytes of nested ``<!ENTITY …>`` declarations expand to gigabytes);
* no network and no file access: a JSON-LD ``@context`` must be given inline; a remote one
  (``http://…``, ``file:///…``) is refused, never fetched. Relative IRIs resolve against the
  file's own ``file://`` IRI and are never dereferenced;
* a file without any triple (empty, only comments or prefixes) is an error, not an empty graph;
* the size limit of `kv2rdf.pipeline.read_input` holds, and parsing stops past
  `kv2rdf.limits.MAX_TRIPLES` triples;
* every failure is a `DataError` reading ``path:line: not valid Turtle: reason``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kv2rdf import limits
from kv2rdf.errors import DataError
from kv2rdf.pipeline import display_path, is_stdin, read_input
from kv2rdf.shacl_data import TermCache, TripleIndex

#: RDF formats by file suffix; ``validate`` reads any other suffix as Turtle.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
}
_Target = TypeVar("_Target", Graph, TripleIndex)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a data file, from its suffix (Turtle when the suffix says nothing)."""
    return RDF_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)


def _as_text(data: bytes) -> str:
    """The bytes as text for the DOCTYPE scan, whatever their encoding."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(codec, errors="replace")
    if data[:2] in (b"<\x00", b"\x00<"):
        return data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", errors="replace")
    return data.decode("latin-1")  # every byte maps; ASCII markup stays as it is


def refuse_doctype(data: bytes, origin: str) -> None:
    """Raise `DataError` when XML bytes carry a DOCTYPE (a DTD, where entities live)."""
    text = _as_text(data)
    found = _DOCTYPE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise DataError(f"{origin}:{line}: RDF/XML with a <!DOCTYPE …> is refused: kv2rdf "
                        "never reads DTDs or expands entities (write the IRIs out in full)")


def read_quads(data: bytes, fmt: ox.RdfFormat, origin: str,
               base: str | None = None) -> list[ox.Quad]:
    """The quads of an RDF file's bytes; `DataError` when they cannot be read or hold none."""
    if fmt == ox.RdfFormat.RDF_XML:
        refuse_doctype(data, origin)
    try:  # parsing stops one quad past the limit
        quads = list(islice(ox.parse(data, format=fmt, base_iri=base), limits.MAX_TRIPLES + 1))
        if len(quads) > limits.MAX_TRIPLES:
            raise limits.LimitError(
                f"{origin}: holds more than {limits.MAX_TRIPLES:,} triples, more than "
                "kv2rdf reads from one file; split it (one file per document)")
    except SyntaxError as exc:
        reason = str(exc.msg or exc)
        if "LoadDocumentCallback" in reason:
            reason = ("the JSON-LD @context is a link (a remote or file context); kv2rdf "
                      "never fetches one: put the context in the file itself")
        raise DataError(f"{origin}:{exc.lineno or 1}: not valid {fmt.name}: {reason}") from None
    except ValueError as exc:  # a base IRI pyoxigraph does not accept, say
        raise DataError(f"{origin}: not valid {fmt.name}: {exc}") from None
    if not quads:
        raise DataError(f"{origin}: holds no triples (an empty file, or only prefixes and "
                        "comments)")
    return quads


def read_rdf_file(path: Path) -> tuple[list[ox.Quad], str]:
    """The quads of the RDF file at ``path`` (format from its suffix) and its display name."""
    origin = display_path(path)
    return read_quads(read_input(path), rdf_format(path), origin, base_of(path)), origin


def base_of(path: Path) -> str:
    """The ``file://`` IRI of ``path``: the base of its relative IRIs (never dereferenced).

    Standard input (``-``) gets the current folder's IRI.
    """
    if is_stdin(path):
        return Path.cwd().as_uri() + "/"
    return path.resolve().as_uri()  # bytes that are not UTF-8 are percent-encoded


def read_graph(path: Path) -> Graph:
    """The RDF file at ``path`` as one rdflib graph: all its triples, named graphs included."""
    quads, origin = read_rdf_file(path)
    return _fill(Graph(), quads, origin)


def read_index(path: Path) -> TripleIndex:
    """The RDF file at ``path`` indexed for the native engine, without an rdflib graph.

    The same triples and terms as `read_graph`, read with the same limits.
    """
    quads, origin = read_rdf_file(path)
    return _fill(TripleIndex(), quads, origin)


_TERMS = TermCache(lambda term: _term(term))


def _fill(graph: _Target, quads: Sequence[ox.Quad | ox.Triple], origin: str) -> _Target:
    """``graph`` (a `Graph` or a `TripleIndex`) with the triples of ``quads``."""
    get, make = _TERMS.get, _TERMS.make
    found: list[tuple[Node, Node, Node]] = []
    # rdflib logs a traceback for every ill-typed literal ("abc"^^xsd:integer); the shapes
    # report those as violations, so the traceback is noise
    term_log = logging.getLogger("rdflib.term")
    was_disabled, term_log.disabled = term_log.disabled, True
    try:
        for quad in quads:
            s, p, o = quad.subject, quad.predicate, quad.object
            subject, predicate, obj = get(s), get(p), get(o)
            if subject is None or obj is None:
                if type(s) is ox.Triple or type(o) is ox.Triple:
                    raise DataError(f"{origin}: holds a quoted triple (RDF 1.2), which kv2rdf "
                                    "does not read")
                subject = make(s) if subject is None else subject
                obj = make(o) if obj is None else obj
            found.append((subject, make(p) if predicate is None else predicate, obj))
    finally:
        term_log.disabled = was_disabled
    if isinstance(graph, TripleIndex):
        return TripleIndex(found)  # type: ignore[return-value]
    graph.addN((s, p, o, graph) for s, p, o in found)
    return graph


def index_of(triples: Sequence[ox.Triple | ox.Quad], origin: str) -> TripleIndex:
    """Triples (or quads) of pyoxigraph indexed for the native engine, as `read_index` does."""
    return _fill(TripleIndex(), triples, origin)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term for a pyoxigraph term, as rdflib's own parsers would build it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise DataError(f"unsupported RDF term {term!r}")
