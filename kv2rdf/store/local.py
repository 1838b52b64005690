"""Storage stage: named graphs in an RDF store, SPARQL over their union.

Each source document is one named graph (`NamedGraph`), named after the IRI of the
document's main work (see `kv2rdf.store.inputs`), so that loading it again replaces it.

`LocalStore` is an embedded Oxigraph store on disk (pyoxigraph). A load replaces its graphs
with SPARQL 1.1 Update requests (``DROP SILENT GRAPH …; INSERT DATA {GRAPH …}``) of up to
`BATCH_TRIPLES` triples each, which Oxigraph applies as one transaction each: a graph is
either replaced whole, and then reported, or left as it was. Queries run
with the default graph as the union of all named graphs (pyoxigraph's
``use_default_graph_as_union``). The remote store, over HTTP, is in `kv2rdf.store.remote`.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from kv2rdf.entities import PRUNE_CHUNK, named_by, prune_unnamed
from kv2rdf.errors import StoreError
from kv2rdf.namespaces import PREFIXES
from kv2rdf.store.results import QueryResult, Term

if TYPE_CHECKING:
    from kv2rdf.store.spool import Spool

DEFAULT_STORE = "kv2rdf-store"
try:  # glibc keeps the memory a query freed unless asked to give it back (not elsewhere)
    _TRIM: Callable[[int], int] | None = ctypes.CDLL(None).malloc_trim
except (OSError, AttributeError):
    _TRIM = None

#: Triples per update transaction: bounds the memory a load takes (about 200 bytes a triple).
BATCH_TRIPLES = 200_000

#: N-Quads bytes per call of Oxigraph's bulk loader: bounds the memory of a load (~5x this).
BULK_BYTES = 32_000_000
XSD_STRING = str(PREFIXES["xsd"]) + "string"
#: An update request at least this long is flushed to disk at once (`LocalStore.update`).
FLUSH_BYTES = 1_000_000

COUNT_QUERY = ("SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?triples) "
               "WHERE { GRAPH ?g { ?s ?p ?o } %s}")


@dataclass(frozen=True, slots=True)
class NamedGraph:
    """The triples of one document, ready to replace the graph called ``name``."""

    name: str
    triples: tuple[ox.Triple, ...]
    origin: str

    def ntriples(self) -> str:
        """The triples as N-Triples (also valid Turtle and SPARQL data)."""
        return _bytes(ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES)).decode("utf-8")


class GraphStore(Protocol):
    """A place to put named graphs and to query them."""

    location: str

    def replace(self, graphs: Sequence[NamedGraph],
                loaded: Callable[[NamedGraph], None]) -> None:
        """Replace each graph; call ``loaded`` for a graph only once it is stored."""

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of the named graphs."""

    def size(self, besides: str | None = None) -> tuple[int, int]:
        """The number of named graphs (but ``besides``) and of triples in them."""

    def bulk_replace(self, spool: Spool, loaded: Callable[[list[str]], None]) -> None:
        """Replace the spool's graphs and add its shared graph; report names once stored."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request (one transaction where the store has them)."""

    def close(self) -> None:
        """Release the store."""


def batches(graphs: Sequence[NamedGraph],
            limit: int | None = None) -> Iterator[list[NamedGraph]]:
    """``graphs`` in runs of at most ``limit`` triples (`BATCH_TRIPLES`); big graphs alone."""
    limit = BATCH_TRIPLES if limit is None else limit
    batch: list[NamedGraph] = []
    size = 0
    for graph in graphs:
        if batch and size + len(graph.triples) > limit:
            yield batch
            batch, size = [], 0
        batch.append(graph)
        size += len(graph.triples)
    if batch:
        yield batch


def replacement_update(graphs: Sequence[NamedGraph]) -> str:
    """One SPARQL 1.1 Update request that replaces every graph in ``graphs``."""
    drops = "".join(f"DROP SILENT GRAPH <{g.name}> ;\n" for g in graphs)
    blocks = "".join(f"GRAPH <{g.name}> {{\n{g.ntriples()}}}\n" for g in graphs)
    return f"{drops}INSERT DATA {{\n{blocks}}}\n"


def count_graphs(store: GraphStore, *, besides: str | None = None) -> tuple[int, int]:
    """The number of named graphs in ``store`` and of the triples in them (`COUNT_QUERY`).

    ``besides`` names a graph left out of the graph count (its triples count): the shared one.
    """
    row = store.query(COUNT_QUERY % "").rows[0]
    if besides is not None:
        shared = store.query(COUNT_QUERY % f"FILTER(?g = <{besides}>) ").rows[0]
        return ((int(row[0].value) if row[0] else 0) - (int(shared[0].value) if shared[0] else 0),
                int(row[1].value) if row[1] else 0)
    return (int(row[0].value) if row[0] else 0, int(row[1].value) if row[1] else 0)


def with_prefixes(sparql: str) -> str:
    """``sparql`` with the kv2rdf prefixes it uses but does not declare, on its first line.

    The declarations go in front of the first line, not on lines of their own, so that the
    line numbers in a server's syntax error still match the query as written.
    """
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w-]*):", sparql)}
    missing = [p for p in PREFIXES if p.lower() not in declared
               and re.search(rf"(?<![\w<\"'-]){re.escape(p)}:", sparql)]
    head = "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in missing)
    return head + sparql


class LocalStore:
    """An embedded Oxigraph store in a folder on disk."""

    def __init__(self, directory: str | Path = DEFAULT_STORE, *, create: bool = True) -> None:
        path = Path(directory)
        self.location = str(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a folder; --store names the store's folder")
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
            raise StoreError(f"{path}: the folder is not empty and holds no Oxigraph store; "
                             "name a new or an existing store folder")
        if not create and not path.is_dir():
            raise StoreError(f"{path}: no store there yet; load data with 'kv2rdf load' "
                             "or name the store with --store")
        try:
            self._store = ox.Store(str(path))
        except OSError as exc:
            busy = "lock" in str(exc).lower()
            raise StoreError(f"{path}: cannot open the store"
                             + (": another process is using it" if busy else f": {exc}")
                             ) from None

    def replace(self, graphs: Sequence[NamedGraph],
                loaded: Callable[[NamedGraph], None]) -> None:
        """Replace the graphs, a batch per transaction; report each graph once committed."""
        done = 0
        for batch in batches(graphs):
            try:
                self._store.update(replacement_update(batch))
                self._store.flush()
            except (OSError, SyntaxError) as exc:
                before = f"the {done} graphs reported above were loaded; " if done else ""
                raise StoreError(f"{self.location}: load failed: {exc}; {before}the other "
                                 f"{len(graphs) - done} graphs are unchanged") from None
            for graph in batch:
                loaded(graph)
            done += len(batch)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request as one transaction.

        A large one (`FLUSH_BYTES`: the parts of linking's derived facts) is flushed to disk
        at once. Otherwise its writes stay in the store's in-memory write buffers, which
        linking 100,000 documents grew by 0.7 GB, under the hash tables of its next queries.
        """
        try:
            self._store.update(sparql, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
            if len(sparql) >= FLUSH_BYTES:
                self._store.flush()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.location}: update failed: {exc}") from None

    def query(self, sparql: str) -> QueryResult:
        """Run ``sparql`` with the default graph as the union of all named graphs."""
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True,
                                       prefixes={p: str(ns) for p, ns in PREFIXES.items()})
            if isinstance(result, ox.QuerySolutions):
                solutions = _solutions(result)
                if _TRIM is not None:  # a whole-store query's hash tables: hundreds of MB
                    _TRIM(0)
                return solutions
            if isinstance(result, ox.QueryBoolean):
                return QueryResult(boolean=bool(result))
            return QueryResult(graph=_bytes(result.serialize(
                format=ox.RdfFormat.N_TRIPLES)).decode("utf-8"))
        except SyntaxError as exc:
            raise StoreError(f"bad SPARQL query: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed: {exc}") from None

    def optimize(self) -> None:
        """Compact the store's files (RocksDB): after a first bulk load, or a link of all.

        At 100,000 documents: about two minutes; the store a fifth smaller on disk, and after
        the derived facts were replaced several times, queries 10–40 % faster.
        """
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"{self.location}: optimize failed: {exc}") from None

    def size(self, besides: str | None = None) -> tuple[int, int]:
        """Named graphs (but ``besides``) and the triples in them, as `count_graphs` counts.

        Counted with the store's own indexes, not with SPARQL: at 100,000 documents (48
        million triples) the ``COUNT(DISTINCT ?g)`` query took over a minute.
        """
        store = self._store
        graphs = sum(1 for graph in store.named_graphs() if graph.value != besides and next(
            iter(store.quads_for_pattern(None, None, None, graph)), None) is not None)
        default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return graphs, len(store) - default

    def bulk_replace(self, spool: Spool, loaded: Callable[[list[str]], None]) -> None:
        """Replace the spool's graphs with Oxigraph's bulk loader; add the shared graph.

        The graphs about to be replaced are dropped first, then both files are read by the
        bulk loader in pieces of `BULK_BYTES` (not a transaction: a failure half-way is mended
        by loading again). Shared entities that only the dropped graphs named leave the
        shared graph (`kv2rdf.entities.prune_unnamed`).
        """
        try:
            existing = [name for name in spool.names
                        if self._store.contains_named_graph(ox.NamedNode(name))]
            unnamed = self._shared_named_by(existing, spool.shared_name)
            for name in existing:
                self._store.remove_graph(ox.NamedNode(name))
            for path in (spool.path, spool.shared_path):
                with path.open("rb") as fh:  # in pieces: the bulk loader holds what it gets
                    while lines := fh.readlines(BULK_BYTES):
                        self._store.bulk_load(b"".join(lines), format=ox.RdfFormat.N_QUADS,
                                              lenient=True)  # written by pyoxigraph: valid
            for name in dict.fromkeys(spool.replaced):  # named twice: keep the later one
                self._store.remove_graph(ox.NamedNode(name))
                self._store.load(spool.read(name), format=ox.RdfFormat.N_QUADS)
            for update in prune_unnamed(unnamed, spool.shared_name):
                self._store.update(update)
            self._store.flush()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.location}: load failed: {exc}; load again to "
                             "complete it") from None
        loaded(spool.names)

    def _shared_named_by(self, graphs: Sequence[str], shared: str) -> set[str]:
        """The shared entities ``graphs`` name (see `kv2rdf.entities.named_by`)."""
        found: set[str] = set()
        for start in range(0, len(graphs), PRUNE_CHUNK):
            result = self._store.query(named_by(graphs[start:start + PRUNE_CHUNK], shared))
            assert isinstance(result, ox.QuerySolutions)
            found |= {row[0].value for row in result if isinstance(row[0], ox.NamedNode)}
        return found

    def close(self) -> None:
        """Flush and let go of the store (and its lock)."""
        self._store.flush()
        del self._store


def _solutions(result: ox.QuerySolutions) -> QueryResult:
    """A SELECT result read straight from the store's solutions, as `QueryResult.from_json` would.

    No JSON between them: for a table of a million rows that text alone would be gigabytes.
    A term met again (a case, a document, a date) is made once.
    """
    made: dict[object, Term] = {}

    def term(value: object) -> Term | None:
        if value is None:
            return None
        found = made.get(value)
        if found is None:
            found = made[value] = _term(value)
        return found

    variables = tuple(v.value for v in result.variables)
    rows = tuple(tuple(term(solution[i]) for i in range(len(variables))) for solution in result)
    return QueryResult(variables=variables, rows=rows)


def _term(value: object) -> Term:
    """One term of a solution as a result `Term` (kinds and datatypes as in SPARQL JSON)."""
    if isinstance(value, ox.NamedNode):
        return Term("uri", value.value)
    if isinstance(value, ox.BlankNode):
        return Term("bnode", value.value)
    if isinstance(value, ox.Literal):
        datatype = None if value.language else value.datatype.value
        return Term("literal", value.value, None if datatype == XSD_STRING else datatype,
                    value.language)
    return Term("triple", f"<< {value} >>")


def _bytes(data: bytes | None) -> bytes:
    """The bytes a pyoxigraph serializer returns when it is given no output file."""
    assert data is not None
    return data
