"""Python API: a store of Kamervragen to load, query and turn into tables.

``kv2rdf.Store("kv2rdf-store")`` opens (or creates) an embedded Oxigraph store in a folder;
``kv2rdf.Store(endpoint="http://localhost:7878")`` talks to a SPARQL server. Both wrap the
stores of `kv2rdf.store` (`LocalStore`, `RemoteStore`) and add what a notebook or a script
wants: ``load`` takes paths and returns a `LoadSummary`; ``query`` returns rows as
dictionaries of Python values (`str`, `int`, `Decimal`, `float`, `bool`, `datetime.date`);
``to_dataframe`` returns a pandas DataFrame (pandas is the optional ``[tables]`` extra); and
``table`` returns one of the ready-made tables of `kv2rdf.export` (cases, questions, answers,
people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kv2rdf.errors import DataError, Kv2RdfError, StoreError
from kv2rdf.namespaces import PREFIXES
from kv2rdf.store.endpoint import endpoint_for, public_url
from kv2rdf.store.inputs import expand_inputs, prepare
from kv2rdf.store.linking import LinkReport, scope_of_load
from kv2rdf.store.linking import link as link_cases
from kv2rdf.store.linking import unlink as unlink_case
from kv2rdf.store.local import DEFAULT_STORE, GraphStore, LocalStore, NamedGraph
from kv2rdf.store.remote import RemoteStore
from kv2rdf.store.results import QueryResult, Term

if TYPE_CHECKING:
    from kv2rdf.store.spool import Spool

#: A value in a row: what an RDF term becomes in Python (None for an unbound variable).
Value = str | int | float | bool | Decimal | dt.date | dt.datetime | None
Row = dict[str, Value]

_XSD = str(PREFIXES["xsd"])
_INTEGERS = {_XSD + n for n in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


class MissingExtraError(Kv2RdfError):
    """An optional dependency (pandas, pyarrow, matplotlib) is not installed."""


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load did: the graphs and triples loaded, and what the store holds now."""

    graphs: int
    triples: int
    store_graphs: int
    store_triples: int
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    def __str__(self) -> str:
        return (f"loaded {self.graphs} graph{'s' * (self.graphs != 1)} ({self.triples} "
                f"triples); the store holds {self.store_graphs} graph"
                f"{'s' * (self.store_graphs != 1)} ({self.store_triples} triples)")


def python_value(term: Term | None) -> Value:
    """An RDF term as a Python value: numbers, booleans and dates typed, the rest a string.

    IRIs and language-tagged texts become plain strings; a literal whose lexical form does not
    fit its datatype stays a string.
    """
    if term is None:
        return None
    if term.kind != "literal" or not term.datatype:
        return term.value
    datatype, text = term.datatype, term.value.strip()
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype == _XSD + "decimal":
            return Decimal(text)
        if datatype in (_XSD + "double", _XSD + "float"):
            return float(text)
        if datatype == _XSD + "boolean":
            return text in ("true", "1")
        if datatype == _XSD + "date":
            return dt.date.fromisoformat(text[:10])
        if datatype == _XSD + "dateTime":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, InvalidOperation):
        return term.value
    return term.value


def rows_of(result: QueryResult) -> list[Row]:
    """The rows of a SELECT result as dictionaries of Python values (`python_value`)."""
    if result.boolean is not None or result.graph is not None:
        raise DataError("the query is not a SELECT query; rows need SELECT")
    return [{v: python_value(t) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows]


def dataframe(rows: list[Row], columns: Iterable[str]) -> Any:
    """``rows`` as a pandas DataFrame: dates as ``datetime64``, whole numbers as ``Int64``."""
    pandas = require("pandas")
    names = list(columns)
    frame = pandas.DataFrame.from_records(rows, columns=names)
    for name in names:
        values = [r[name] for r in rows if r.get(name) is not None]
        if not values:
            continue
        if all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in values):
            frame[name] = pandas.to_datetime(frame[name])
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[name] = frame[name].astype("Int64")
        elif all(isinstance(v, bool) for v in values):
            frame[name] = frame[name].astype("boolean")
    return frame


def require(module: str) -> Any:
    """Import an optional dependency, or explain how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(f"{module} is not installed; install it with "
                                f"pip install 'kv2rdf[tables]'") from None


class Store:
    """Kamervragen in a triple store: an embedded store in a folder, or a SPARQL server.

    Args:
        path: the folder of an embedded Oxigraph store (created on the first load); default
            ``./kv2rdf-store``.
        endpoint: the URL of a SPARQL server instead (``--endpoint`` of the command line).
        server: the URL conventions of that server (oxigraph, fuseki, graphdb, virtuoso,
            generic).
        timeout: seconds to wait for the server.
        query_url, update_url, graph_store_url: service URLs that override the convention.
        protocol: how a load reaches the server (gsp, update or bulk; see
            `kv2rdf.store.remote`).
    """

    def __init__(self, path: str | Path | None = None, *, endpoint: str | None = None,
                 server: str = "oxigraph", timeout: float = 60.0,
                 query_url: str | None = None, update_url: str | None = None,
                 graph_store_url: str | None = None, protocol: str = "gsp") -> None:
        if path is not None and endpoint is not None:
            raise DataError("give a store folder or an endpoint, not both")
        if endpoint is None and (query_url or update_url or graph_store_url):
            raise DataError("--query-url, --update-url and --graph-store-url need --endpoint")
        self._path = Path(path) if path is not None else Path(DEFAULT_STORE)
        self._endpoint = endpoint
        self._server = server
        self._timeout = timeout
        self._urls = (query_url, update_url, graph_store_url)
        self._protocol = protocol
        self._store: GraphStore | None = None

    @property
    def location(self) -> str:
        """Where the store is, safe to print: its folder, or the server's URL (no password)."""
        if self._store is not None:
            return self._store.location
        return public_url(self._endpoint) if self._endpoint else str(self._path)

    def _open(self, *, create: bool) -> GraphStore:
        if self._store is None:
            if self._endpoint is not None:
                query, update, graph_store = self._urls
                target = endpoint_for(self._endpoint, self._server, query_url=query,
                                      update_url=update, graph_store_url=graph_store)
                self._store = RemoteStore(target, timeout=self._timeout,
                                          protocol=self._protocol)
            else:
                self._store = LocalStore(self._path, create=create)
        return self._store

    def open(self, *, create: bool = False) -> Store:
        """Open the store now (an embedded one is created when ``create``); errors show here."""
        self._open(create=create)
        return self

    def load(self, paths: str | Path | Iterable[str | Path], *, strict: bool = False,
             keep_going: bool = False, link: bool = True) -> LoadSummary:
        """Load RDF files and source documents (folders stand for their files).

        Each document replaces its own named graph; then the documents of each case are
        linked (`link`) unless ``link`` is false. When an input cannot be read nothing is
        loaded (`DataError`), unless ``keep_going``: then the readable ones are loaded and the
        others listed in the summary's ``errors``.
        """
        names = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
        files = expand_inputs(names)
        if not files:
            raise DataError("no input files found")
        prepared = prepare(files, strict=strict)
        if prepared.errors and not keep_going:
            raise DataError("nothing loaded:\n" + "\n".join(prepared.errors))
        store = self._open(create=True)
        scope = scope_of_load(store, [g.name for g in prepared.graphs]) if link else None
        loaded: list[NamedGraph] = []
        store.replace(prepared.graphs, loaded.append)
        if link:
            link_cases(store, scope)
        graphs, triples = store.size()
        return LoadSummary(len(loaded), sum(len(g.triples) for g in loaded), graphs, triples,
                           tuple(prepared.warnings), tuple(prepared.errors))

    def bulk_load(self, spool: Spool, loaded: Callable[[list[str]], None]) -> None:
        """Put a spool of converted documents into the store (`kv2rdf.store.bulk`).

        Each document replaces its graph, the shared graph gains what it lacked; ``loaded``
        is told the names of the graphs once they are stored.
        """
        self._open(create=True).bulk_replace(spool, loaded)

    def scope_of_load(self, graphs: Collection[str]) -> Collection[str] | None:
        """What to link after loading ``graphs`` (`kv2rdf.store.linking.scope_of_load`)."""
        return scope_of_load(self._open(create=True), graphs)

    def size(self, besides: str | None = None) -> tuple[int, int]:
        """The number of named graphs (but ``besides``) and of the triples in them."""
        return self._open(create=False).size(besides=besides)

    def link(self, graphs: Collection[str] | None = None) -> LinkReport:
        """Give the documents of each case one question set (see `kv2rdf.store.linking`).

        ``graphs`` narrows the work to the cases those (newly loaded) graphs can touch.
        """
        return link_cases(self._open(create=False), graphs)

    def optimize(self) -> None:
        """Compact an embedded store (`LocalStore.optimize`); a server keeps its own storage."""
        store = self._open(create=False)
        if not isinstance(store, LocalStore):
            raise StoreError(f"{self.location}: a server compacts its own storage; optimize "
                             "works on an embedded store (--store)")
        store.optimize()

    def unlink(self, iri: str) -> list[str]:
        """Undo the links of a question set (an alias or a canonical IRI); the aliases undone."""
        return unlink_case(self._open(create=False), iri)

    def result(self, sparql: str) -> QueryResult:
        """The raw result of a SPARQL query (the kv2rdf prefixes need no declaration)."""
        return self._open(create=False).query(sparql)

    def query(self, sparql: str) -> list[Row]:
        """Run a SELECT query; rows as dictionaries of Python values (unbound: None)."""
        return rows_of(self.result(sparql))

    def to_dataframe(self, sparql: str) -> Any:
        """Run a SELECT query into a pandas DataFrame (needs the ``[tables]`` extra)."""
        result = self.result(sparql)
        return dataframe(rows_of(result), result.variables)

    def table(self, name: str) -> list[Row]:
        """One of the tables of `kv2rdf.export` (cases, questions, answers, people)."""
        from kv2rdf.export import build_table

        return build_table(self, name)

    def table_dataframe(self, name: str) -> Any:
        """A table of `kv2rdf.export` as a pandas DataFrame."""
        from kv2rdf.export import TABLES

        return dataframe(self.table(name), TABLES[name].columns)

    def close(self) -> None:
        """Release the store (an embedded store's lock)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        kind = "endpoint" if self._endpoint else "path"
        return f"Store({kind}={self.location!r})"
