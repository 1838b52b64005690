"""A document's triples indexed for the native engine, without an rdflib graph.

Reading Turtle into an rdflib `Graph` cost more than validating it: rdflib's parser, then its
store's three indexes and context bookkeeping for every triple. `TripleIndex` holds only the
two indexes the engine reads (subject → predicate → objects, predicate → object → subjects),
built straight from pyoxigraph's quads (`kv2rdf.rdf_input.read_index`) or from the conversion's
own triples (`kv2rdf.triples.Triples`), with rdflib terms made once per distinct term and kept
for the next documents (`TermCache`: code lists, people, dates and predicates recur in every
document). `TripleIndex.graph` builds the rdflib graph only when asked (for pySHACL, or for a
message that names a node by its prefixed name).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from kv2rdf.namespaces import new_graph
from kv2rdf.triples import Triples, rdflib_term

Spo = dict[Node, dict[Node, dict[Node, Any]]]

#: Distinct terms kept between documents at most (then the cache starts afresh: memory flat),
#: and the longest kept (texts are one document's own: making them again costs nothing extra).
CACHE_TERMS = 100_000
CACHE_LENGTH = 100


class TermCache:
    """rdflib terms by the key they are made from, made once each."""

    __slots__ = ("_made", "_make", "get")

    def __init__(self, make: Callable[[Any], Node]) -> None:
        self._make = make
        self._made: dict[Hashable, Node] = {}
        self.get = self._made.get  # the term made for a key, or None (a hot loop calls it)

    def __len__(self) -> int:
        return len(self._made)

    def __call__(self, key: Hashable) -> Node:
        """The rdflib term for ``key``."""
        found = self._made.get(key)
        return self.make(key) if found is None else found

    def make(self, key: Hashable) -> Node:
        """Make the term for ``key`` and keep it (unless it is a long text)."""
        found = self._make(key)
        if len(str(found)) <= CACHE_LENGTH:
            if len(self._made) >= CACHE_TERMS:
                self._made.clear()
            self._made[key] = found
        return found


class TripleIndex:
    """The triples of one document as the native engine reads them."""

    __slots__ = ("spo", "pos", "size", "base", "_graph")

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]] = (),
                 base: str | None = None) -> None:
        self.base = base  # a conversion's instance base: its graph gets kv2rdf's prefixes
        self.spo: Spo = {}
        self.pos: Spo = {}
        self.size = 0
        self._graph: Graph | None = None
        spo, pos, size = self.spo, self.pos, 0
        for s, p, o in triples:  # the hot loop of reading: no dict made that is not kept
            pairs = spo.get(s)
            if pairs is None:
                pairs = spo[s] = {}
            objects = pairs.get(p)
            if objects is None:
                objects = pairs[p] = {}
            elif o in objects:
                continue
            objects[o] = 1
            table = pos.get(p)
            if table is None:
                table = pos[p] = {}
            subjects = table.get(o)
            if subjects is None:
                table[o] = {s: 1}
            else:
                subjects[s] = 1
            size += 1
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        for s, pairs in self.spo.items():
            for p, objects in pairs.items():
                for o in objects:
                    yield s, p, o

    def graph(self) -> Graph:
        """The triples as an rdflib graph (made once)."""
        if self._graph is None:
            graph = Graph() if self.base is None else new_graph(self.base)
            graph.addN((s, p, o, graph) for s, p, o in self)
            self._graph = graph
        return self._graph


def as_graph(data: Graph | TripleIndex) -> Graph:
    """An rdflib graph of ``data``: itself, or the index's triples."""
    return data.graph() if isinstance(data, TripleIndex) else data


def from_triples(triples: Triples) -> TripleIndex:
    """The index of the conversion's own triples, as ``triples.graph()`` would hold them."""
    term = _OWN_TERMS
    return TripleIndex(((term(s), term(p), term(o)) for s, p, o in triples), triples.base)


_OWN_TERMS = TermCache(rdflib_term)
