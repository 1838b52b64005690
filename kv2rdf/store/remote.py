"""Storage stage, remote: named graphs into a SPARQL server over HTTP (standard library only).

Protocols relied on:

* SPARQL 1.1 Graph Store HTTP Protocol: ``PUT {graph-store}?graph={IRI}`` (indirect graph
  identification) replaces one named graph with the request body; 200, 201 and 204 mean done.
  The body is N-Triples sent as ``text/turtle`` (N-Triples is Turtle), the one RDF media type
  every server here accepts. ``DELETE`` with the same URL drops a graph.
* SPARQL 1.1 Protocol, query: ``POST {query}`` with ``Content-Type: application/sparql-query``
  and ``Accept: application/sparql-results+json`` (N-Triples or Turtle for CONSTRUCT); to
  Virtuoso, which waits for a form on such a POST, as the form field ``query=`` instead.
* SPARQL 1.1 Protocol, update: ``POST {update}`` with ``application/sparql-update``; used by
  ``--protocol update``, which replaces the graphs of a load with few requests (``DROP SILENT
  GRAPH``, ``INSERT DATA``; up to `kv2rdf.store.BATCH_TRIPLES` triples each), each atomic on
  servers that run an update request as one transaction (Oxigraph, Fuseki, GraphDB). Not for
  Virtuoso, which refuses an update that compiles to more than 10,000 lines of SQL.
* Bulk (``--protocol bulk``, `RemoteStore.bulk_replace`): per batch of graphs, one update
  that drops them and one ``POST {graph-store}`` of their N-Quads (``application/n-quads``,
  no ``graph`` parameter: the quads name their graphs), which Oxigraph server adds to its
  dataset. A failed request is retried (`RETRIES` times, waiting longer each time); the
  batch is idempotent, so retrying it is safe.

The service URLs and the credentials come from an `Endpoint` (`kv2rdf.store.endpoint`). The
default graph of a query is the union of the named graphs: Oxigraph gets the
``union-default-graph`` parameter, Fuseki ``default-graph-uri=urn:x-arq:UnionGraph`` (TDB's
union graph); GraphDB and Virtuoso already query all graphs when a query names none.

A user and password go as HTTP Basic with every request, or in answer to the server's Basic or
Digest challenge (Virtuoso's ``-auth`` services want Digest). They never appear in messages:
every URL shown is scheme, host, port and path only.
"""

from __future__ import annotations

import functools
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from http.client import HTTPException
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from kv2rdf.entities import PRUNE_CHUNK, named_by, prune_unnamed
from kv2rdf.errors import StoreError
from kv2rdf.store.endpoint import Endpoint, public_url
from kv2rdf.store.local import NamedGraph, batches, count_graphs, replacement_update, with_prefixes
from kv2rdf.store.query_check import query_form, syntax_problem
from kv2rdf.store.results import QueryResult

if TYPE_CHECKING:
    from kv2rdf.store.spool import Spool

#: How a load reaches the server: a Graph Store Protocol PUT per graph, SPARQL Update, or
#: batches of graphs as N-Quads.
PROTOCOLS = ("gsp", "update", "bulk")
#: Retries of a failed bulk request, and the first wait in seconds (doubled each time).
RETRIES = 4
BACKOFF = 0.5
#: N-Quads bytes per bulk request, about.
BULK_BYTES = 8_000_000


class TransientStoreError(StoreError):
    """A request that may succeed when tried again: no connection, a timeout, HTTP 5xx/429."""

_UNION_PARAMS: dict[str, dict[str, str]] = {
    "oxigraph": {"union-default-graph": "true"},
    "fuseki": {"default-graph-uri": "urn:x-arq:UnionGraph"},
}
#: Servers that want queries and updates as HTML form fields (``query=``, ``update=``)
#: rather than as the request body: Virtuoso 7 waits for a form on a direct POST.
_FORM_POST = {"virtuoso"}
_RESULTS_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
                   "text/turtle;q=0.8")


def _with_params(url: str, params: dict[str, str]) -> str:
    if not params:
        return url
    parts = urllib.parse.urlsplit(url)
    query = "&".join(p for p in (parts.query, urllib.parse.urlencode(params)) if p)
    return urllib.parse.urlunsplit(parts._replace(query=query))


class RemoteStore:
    """A SPARQL server reached over HTTP."""

    def __init__(self, target: Endpoint, *, timeout: float = 60.0,
                 protocol: str = "gsp") -> None:
        if protocol not in PROTOCOLS:
            raise StoreError(f"unknown load protocol {protocol!r}; known: {', '.join(PROTOCOLS)}")
        if protocol == "update" and target.server == "virtuoso":
            # Virtuoso refuses an update that compiles to more than 10,000 lines of SQL, which
            # the INSERT DATA of one answer document can already do
            raise StoreError("Virtuoso cannot take a document's graph in one SPARQL Update "
                             "request; load with the Graph Store Protocol (--protocol gsp)")
        self.endpoint = target
        self.timeout = timeout
        self.protocol = protocol
        self.location = public_url(target.graph_store_url if protocol != "update"
                                   else target.update_url)
        handlers: list[urllib.request.BaseHandler] = []
        creds = target.credentials
        # Basic credentials go with every request, except to Virtuoso, whose "-auth" services
        # answer a Basic header with a bare 401 instead of their Digest challenge.
        self._authorization = creds.header() if creds else None
        if creds is not None and creds.user is not None:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (target.query_url, target.update_url, target.graph_store_url):
                manager.add_password(None, url, creds.user, creds.password or "")
            handlers += [urllib.request.HTTPBasicAuthHandler(manager),
                         urllib.request.HTTPDigestAuthHandler(manager)]
            if target.server == "virtuoso":
                self._authorization = None
        self._opener = urllib.request.build_opener(*handlers)

    def replace(self, graphs: Sequence[NamedGraph],
                loaded: Callable[[NamedGraph], None]) -> None:
        """Replace each graph (PUT per graph, or one update); report each once stored."""
        if self.protocol == "update":
            done = 0
            for batch in batches(graphs):
                try:
                    self._post(self.endpoint.update_url, "update", replacement_update(batch))
                except StoreError as exc:
                    raise StoreError(f"{exc} ({done} of {len(graphs)} graphs were replaced "
                                     "before this request)") from None
                for graph in batch:
                    loaded(graph)
                done += len(batch)
            return
        for done, graph in enumerate(graphs):
            try:
                self._send("PUT", self.endpoint.graph_store_url, params={"graph": graph.name},
                           body=graph.ntriples().encode("utf-8"), content_type="text/turtle")
            except StoreError as exc:
                raise StoreError(f"{exc} (graph <{graph.name}> from {graph.origin}; "
                                 f"{done} of {len(graphs)} graphs were replaced before it)"
                                 ) from None
            loaded(graph)

    def bulk_replace(self, spool: Spool, loaded: Callable[[list[str]], None]) -> None:
        """Replace the spool's graphs in batches (see the module notes); report each batch.

        Shared entities that only the replaced graphs named leave the shared graph
        (`kv2rdf.entities.prune_unnamed`).
        """
        shared = spool.shared_name
        unnamed: set[str] = set()
        for start in range(0, len(spool.names), PRUNE_CHUNK):
            rows = self.query(named_by(spool.names[start:start + PRUNE_CHUNK], shared)).rows
            unnamed |= {row[0].value for row in rows if row and row[0] is not None}
        for names, data in spool.batches(BULK_BYTES):
            if self.protocol != "bulk":
                self._replace_batch(spool, names, shared, data)
            else:
                drops = "".join(f"DROP SILENT GRAPH <{n}> ;\n" for n in names)
                def send(drops: str = drops, data: bytes = data) -> None:
                    if drops:
                        self._post(self.endpoint.update_url, "update", drops.rstrip(" ;\n"))
                    self._send("POST", self.endpoint.graph_store_url, body=data,
                               content_type="application/n-quads")
                self._retrying(send)
            if names:
                loaded(names)
        for update in prune_unnamed(unnamed, shared):
            self._retrying(functools.partial(self.update, update))

    def _replace_batch(self, spool: Spool, names: list[str], shared: str, data: bytes) -> None:
        """A bulk batch by the graph-per-request protocols (``gsp``, ``update``)."""
        if not names:  # the shared graph: add to it, never replace it
            lines = data.decode("utf-8").replace(f" <{shared}> .\n", " .\n")
            if self.protocol == "update":
                self._post(self.endpoint.update_url, "update",
                           f"INSERT DATA {{ GRAPH <{shared}> {{\n{lines}}} }}")
            else:
                self._send("POST", self.endpoint.graph_store_url, params={"graph": shared},
                           body=lines.encode("utf-8"), content_type="text/turtle")
            return
        graphs = []
        for name in names:
            triples = tuple(q.triple for q in ox.parse(spool.read(name),
                                                       format=ox.RdfFormat.N_QUADS))
            graphs.append(NamedGraph(name, triples, spool.origins[name]))
        self.replace(graphs, lambda graph: None)

    def _retrying(self, request: Callable[[], None]) -> None:
        """Run ``request``; on a transient failure wait and try again, `RETRIES` times."""
        for attempt in range(RETRIES + 1):
            try:
                request()
                return
            except TransientStoreError:
                if attempt == RETRIES:
                    raise
                time.sleep(BACKOFF * 2 ** attempt)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request at the server's update service."""
        self._post(self.endpoint.update_url, "update", with_prefixes(sparql))

    def drop(self, name: str) -> None:
        """Remove the graph called ``name`` (Graph Store Protocol DELETE; 404 is fine)."""
        try:
            self._send("DELETE", self.endpoint.graph_store_url, params={"graph": name})
        except StoreError as exc:
            if "HTTP 404" not in str(exc):
                raise

    def query(self, sparql: str) -> QueryResult:
        """Run ``sparql`` with the default graph as the union of the named graphs.

        An answer that is not SPARQL results (an HTML page, an empty body, an RDF graph for a
        SELECT, JSON of another kind) or a refusal that means "no query service here" (404,
        405, 415) is a `StoreError` naming the URL and the options to check
        (`check_answer`), never an empty result.
        """
        # a FROM clause names the graphs itself; "from kv:…" in a comment line does not
        uncommented = re.sub(r"(?m)^\s*#.*$", "", sparql)
        params = {} if re.search(r"(?i)\bFROM\s+(NAMED\s+)?(<|[\w-]*:)", uncommented) \
            else _UNION_PARAMS.get(self.endpoint.server, {})
        try:
            media, data = self._post(self.endpoint.query_url, "query", with_prefixes(sparql),
                                     params=params, accept=_RESULTS_ACCEPT)
        except StoreError as exc:
            if _NOT_A_QUERY_SERVICE.search(str(exc)):
                raise type(exc)(f"{exc}; {self._hint()}") from None
            if ": HTTP 400" in str(exc) and syntax_problem(sparql, "") is None:
                raise type(exc)(f"{exc}; the query is valid SPARQL 1.1: {self._hint()}"
                                ) from None
            raise
        form = query_form(sparql)
        check_answer(f"POST {public_url(self.endpoint.query_url)}", media, data, form,
                     self._hint())
        if media in _GRAPH_MEDIA:
            try:
                graph = Graph().parse(data=data, format="nt" if media != "text/turtle"
                                      else "turtle")
            except Exception as exc:  # rdflib's parsers raise many kinds  # noqa: BLE001
                raise StoreError(f"POST {public_url(self.endpoint.query_url)}: the server "
                                 f"answered with {media} kv2rdf cannot read ({exc}); "
                                 f"{self._hint()}") from None
            return QueryResult(graph=graph.serialize(format="nt"))
        return QueryResult.from_json(data)

    def _hint(self) -> str:
        """What to check when the query URL is not a SPARQL query service."""
        return (f"is it a SPARQL query service? check --endpoint and --server (with --server "
                f"{self.endpoint.server} queries go to {public_url(self.endpoint.query_url)}; "
                "--query-url names another)")

    def size(self, besides: str | None = None) -> tuple[int, int]:
        """Named graphs (but ``besides``) and the triples in them."""
        return count_graphs(self, besides=besides)

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def _post(self, url: str, kind: str, text: str, *, params: dict[str, str] | None = None,
              accept: str | None = None) -> tuple[str, bytes]:
        """POST a query or update: as the body (``application/sparql-{kind}``) or a form."""
        if self.endpoint.server in _FORM_POST:
            body = urllib.parse.urlencode({kind: text}).encode("ascii")
            media = "application/x-www-form-urlencoded"
        else:
            body, media = text.encode("utf-8"), f"application/sparql-{kind}"
        return self._send("POST", url, params=params, body=body, content_type=media,
                          accept=accept)

    def _send(self, method: str, url: str, *, params: dict[str, str] | None = None,
              body: bytes | None = None, content_type: str | None = None,
              accept: str | None = None) -> tuple[str, bytes]:
        request = urllib.request.Request(_with_params(url, params or {}), data=body,
                                         method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        if self._authorization:
            request.add_unredirected_header("Authorization", self._authorization)
        shown = f"{method} {public_url(url)}"
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                media = response.headers.get_content_type()
                return media, response.read()
        except urllib.error.HTTPError as exc:
            detail = _error_text(exc)
            kind = TransientStoreError if exc.code >= 500 or exc.code == 429 else StoreError
            raise kind(f"{shown}: HTTP {exc.code} {exc.reason}"
                       + (f": {detail}" if detail else "")) from None
        except urllib.error.URLError as exc:
            raise TransientStoreError(f"{shown}: cannot reach the server: {exc.reason}"
                                      ) from None
        except TimeoutError:
            raise TransientStoreError(f"{shown}: no answer within {self.timeout:g} s") from None
        except (HTTPException, OSError, ValueError) as exc:
            raise StoreError(f"{shown}: {type(exc).__name__}: {exc}") from None


#: Refusals that mean the URL is no query service: not found, method or media type refused.
_NOT_A_QUERY_SERVICE = re.compile(r": HTTP (404|405|415|501)\b")
_GRAPH_MEDIA = ("application/n-triples", "text/turtle", "text/plain")
_RESULT_MEDIA = ("application/sparql-results+json", "application/json")


def check_answer(shown: str, media: str, data: bytes, form: str, hint: str) -> None:
    """Refuse an answer to a query that is not SPARQL results of the kind the query asks for.

    ``form`` is SELECT, ASK, CONSTRUCT or DESCRIBE. What servers and proxies that are not
    query services answer with: an HTML page (a login page, a web site, a query editor), an
    empty body (a Graph Store Protocol or update service taking the POST as data), RDF (a
    graph store), or JSON of another kind (a REST API).
    """
    head = data[:512].lstrip().lower()
    if media in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html",
                                                                          b"<html")):
        raise StoreError(f"{shown}: the server answered with an HTML page, not SPARQL "
                         f"results; {hint}")
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    if not data.strip() and not (graph_form and media in _GRAPH_MEDIA):  # no triples is fine
        kind = media or "no media type"
        raise StoreError(f"{shown}: the server answered with nothing ({kind}), not SPARQL "
                         f"results; {hint}")
    if media in _GRAPH_MEDIA[:2] and not graph_form:
        raise StoreError(f"{shown}: the server answered a {form or 'SELECT'} query with "
                         f"an RDF graph ({media}), not SPARQL results (a Graph Store "
                         f"Protocol URL?); {hint}")
    if media not in (_GRAPH_MEDIA if graph_form else _RESULT_MEDIA):
        raise StoreError(f"{shown}: the server answered with {media or 'no media type'}, "
                         f"not SPARQL results; {hint}")
    if media in _RESULT_MEDIA:
        try:
            tree = json.loads(data)
        except ValueError:
            raise StoreError(f"{shown}: the server answered with {media} that is not JSON; "
                             f"{hint}") from None
        if not isinstance(tree, dict) or not ("boolean" in tree or (
                isinstance(tree.get("head"), dict) and isinstance(tree.get("results"), dict))):
            raise StoreError(f"{shown}: the server answered with JSON that is not SPARQL "
                             f"results (no head and results, nor boolean); {hint}")


def _error_text(exc: urllib.error.HTTPError) -> str:
    """The server's explanation (a SPARQL parser message, say), as one short line."""
    try:
        raw = exc.read()[:4000].decode("utf-8", "replace")
    except (OSError, HTTPException):
        return ""
    if "<" in raw and re.search(r"(?i)<(html|body|p|pre|h1)\b", raw):
        raw = re.sub(r"(?s)<(script|style)\b.*?</\1>|<[^>]+>", " ", raw)
    text = " ".join(raw.split())
    return text if len(text) <= 500 else text[:499] + "…"
