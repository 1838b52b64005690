"""Triples without an rdflib graph: the fast container the mapping fills.

An rdflib `Graph` costs about 10 µs per triple to fill (term validation, three indexes) and an
rdflib `Literal` 5 µs to make; a document has 400–600 triples. `Triples` keeps them in an
insertion-ordered dict instead: an IRI is a plain `str`, a literal a `Literal` tuple (lexical
form, language, datatype IRI). It takes rdflib terms too (``.add((s, p, o))``, the calling
convention of `Graph`), so code written against rdflib keeps working; `Triples.graph` builds
the rdflib graph at the API edge. `Namespace` wraps an rdflib namespace so that ``ELI.number``
is a plain string looked up once (a closed namespace still refuses a misspelt term).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from rdflib import Graph
from rdflib import Literal as RdfLiteral
from rdflib import URIRef as RdfIri
from rdflib.namespace import XSD

from kv2rdf.errors import MappingError
from kv2rdf.namespaces import DEFAULT_BASE, new_graph

XSD_STRING, XSD_INTEGER, XSD_DATE = str(XSD.string), str(XSD.integer), str(XSD.date)
_TYPED: tuple[tuple[type, str], ...] = (
    (bool, str(XSD.boolean)), (int, XSD_INTEGER), (datetime, str(XSD.dateTime)), (date, XSD_DATE))


class Literal(tuple[str, str | None, str | None]):
    """A literal: ``(lexical form, language or None, datatype IRI or None)``.

    Made like rdflib's: ``Literal("tekst", lang="nl")``, ``Literal(3)`` (``xsd:integer``),
    ``Literal(date(…), datatype=XSD.date)``; equal literals are equal tuples.
    """

    __slots__ = ()

    def __new__(cls, value: object, lang: str | None = None,
                datatype: str | None = None) -> Literal:
        """The literal of ``value`` (a string, number, date or boolean)."""
        if type(value) is str:
            lexical = value
        else:
            lexical, found = _lexical(value)
            datatype = datatype or found
        if datatype is not None and type(datatype) is not str:
            datatype = str(datatype)
        return tuple.__new__(cls, (lexical, lang, datatype))

    @property
    def value(self) -> str:
        """The lexical form."""
        return self[0]

    @property
    def language(self) -> str | None:
        """The language tag, or None."""
        return self[1]

    @property
    def datatype(self) -> str | None:
        """The datatype IRI, or None for a plain string."""
        return self[2]


def _lexical(value: object) -> tuple[str, str | None]:
    """The lexical form and datatype rdflib gives a Python value."""
    for kind, datatype in _TYPED:
        if isinstance(value, kind):
            if kind is bool:
                return ("true" if value else "false"), datatype
            return (value.isoformat() if isinstance(value, date) else str(value)), datatype
    made = RdfLiteral(value)
    return str(made), str(made.datatype) if made.datatype else None


#: A term: an IRI (a plain string) or a literal.
Term = str | Literal
Triple = tuple[str, str, Term]


def _term(node: Any) -> Term:
    """A term from an rdflib node (or one of ours)."""
    if type(node) is RdfIri:  # the usual case (kv2rdf.iris): skip the ABC checks below
        return str(node)
    if isinstance(node, RdfLiteral):
        return tuple.__new__(Literal, (str(node), node.language,
                                       str(node.datatype) if node.datatype else None))
    if isinstance(node, Literal):
        return node
    if isinstance(node, RdfIri):
        return str(node)
    raise MappingError(f"kv2rdf writes no blank nodes or other terms: {node!r}")


class Triples:
    """An ordered set of triples with the instance base they were minted under."""

    __slots__ = ("_triples", "base")

    def __init__(self, base: str = DEFAULT_BASE, triples: Iterable[Triple] = ()) -> None:
        self.base = base
        self._triples: dict[Triple, None] = dict.fromkeys(triples)

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        """Add ``(s, p, o)``; IRIs as strings or rdflib terms, literals ours or rdflib's."""
        s, p, o = triple
        if type(s) is not str:
            s = _term(s)
        if type(p) is not str:
            p = _term(p)
        if type(o) is not str and type(o) is not Literal:
            o = _term(o)
        self._triples[(s, p, o)] = None

    def update(self, triples: Iterable[Triple]) -> None:
        """Add every triple of ``triples`` (already ours)."""
        self._triples.update(dict.fromkeys(triples))

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def graph(self) -> Graph:
        """The triples as an rdflib graph with kv2rdf's prefixes bound."""
        graph = new_graph(self.base)
        made: dict[Term, Any] = {}
        for triple in self._triples:
            nodes = []
            for term in triple:
                node = made.get(term)
                if node is None:
                    node = made[term] = rdflib_term(term)
                nodes.append(node)
            graph.add((nodes[0], nodes[1], nodes[2]))
        return graph


def rdflib_term(term: Term) -> RdfIri | RdfLiteral:
    """The rdflib term for one of ours."""
    if isinstance(term, str):
        return RdfIri(term)
    value, lang, datatype = term
    return RdfLiteral(value, lang=lang, datatype=RdfIri(datatype) if datatype else None)


def from_graph(graph: Graph, base: str = DEFAULT_BASE) -> Triples:
    """The triples of an rdflib graph; `MappingError` when it holds blank nodes."""
    triples = Triples(base)
    for triple in graph:
        triples.add(triple)
    return triples


class Namespace:
    """An rdflib namespace whose terms are plain strings, each looked up once."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._items: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = str(getattr(self._namespace, name))  # a closed namespace refuses a typo
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> str:
        found = self._items.get(name)
        if found is None:
            found = self._items[name] = str(self._namespace[name])
        return found
