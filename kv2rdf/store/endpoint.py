"""Storage stage, remote: where a SPARQL server's services are, and as whom to call them.

Resolves ``--endpoint URL`` (with ``--server`` and the explicit service URLs) into an
`Endpoint`: three service URLs without credentials, plus the `Credentials` found for them.
Nothing here makes a request; `kv2rdf.store.remote` does the talking.

Server conventions, from ``--endpoint URL`` (each URL can also be given on its own):

* ``oxigraph`` (the default): the endpoint is the server root; ``/query``, ``/update``,
  ``/store``.
* ``fuseki``: the endpoint is the dataset (``http://host:3030/ds``); ``/ds/query``,
  ``/ds/update``, ``/ds/data``.
* ``graphdb``: the endpoint is the repository (``http://host:7200/repositories/ID``); queries
  go to it, updates to ``…/statements``, graphs to ``…/rdf-graphs/service``.
* ``virtuoso``: the endpoint is the server root; ``/sparql`` for queries and updates,
  ``/sparql-graph-crud`` for graphs (``/sparql-auth`` and ``/sparql-graph-crud-auth`` when
  credentials are given).
* ``generic``: the endpoint is the one URL for all three services.

A trailing ``/query``, ``/sparql`` … on the endpoint is dropped (except for ``graphdb`` and
``generic``), so the URL of the query service works as well as the root.

Credentials, first found wins: ``KV2RDF_TOKEN`` (``Authorization: Bearer``), ``KV2RDF_USER``
with ``KV2RDF_PASSWORD``, a ``user:password@`` in the URL, then ``~/.netrc`` (or ``$NETRC``)
for the host. The service URLs of an `Endpoint` never hold them; `public_url` gives the form
every message shows (scheme, host, port and path), and `shown_url` a safe form of any text
given as a URL, however malformed (no scheme, an unescaped ``/`` or ``#`` in the password): the
user information, up to the last ``@``, is never printed. A malformed URL is a `StoreError`.
"""

from __future__ import annotations

import base64
import netrc
import os
import re
import urllib.parse
from dataclasses import dataclass, field

from kv2rdf.errors import StoreError

SERVERS: dict[str, tuple[str, str, str]] = {
    "oxigraph": ("/query", "/update", "/store"),
    "fuseki": ("/query", "/update", "/data"),
    "graphdb": ("", "/statements", "/rdf-graphs/service"),
    "virtuoso": ("/sparql", "/sparql", "/sparql-graph-crud"),
    "generic": ("", "", ""),
}
_TRAILING = ("/query", "/sparql", "/update", "/store", "/data")


@dataclass(frozen=True, slots=True)
class Credentials:
    """A user and password, or a bearer token; kept out of ``repr``."""

    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def header(self) -> str | None:
        """The ``Authorization`` header value sent with every request."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The three service URLs of one server, without credentials."""

    server: str
    query_url: str
    update_url: str
    graph_store_url: str
    credentials: Credentials | None = field(default=None, repr=False)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def public_url(url: str) -> str:
    """``url`` as scheme, host, port and path: safe to show (no user, password or query)."""
    try:
        parts = urllib.parse.urlsplit(url)
        if "@" in parts.path or "@" in parts.fragment:  # user information gone astray
            return shown_url(url)
        return urllib.parse.urlunsplit((parts.scheme, _netloc(parts), parts.path, "", ""))
    except (ValueError, StoreError):
        return shown_url(url)


def shown_url(text: str) -> str:
    """Any text given as a URL, safe to print, however malformed.

    Whatever stands before its last ``@`` is shown as ``…``; query and fragment are left out.
    """
    scheme = _SCHEME.match(text)
    head = scheme.group(0) if scheme else ""
    rest = text[len(head):]
    if "@" in rest:
        rest = "…@" + rest.rsplit("@", 1)[1]
    rest = re.split(r"[?#]", rest, maxsplit=1)[0]
    return head + rest


def check_url(url: str, what: str = "URL") -> urllib.parse.SplitResult:
    """The parts of an http(s) URL; `StoreError` (showing no credentials) when malformed."""
    shown = shown_url(url)
    if not url.isascii() and any("\udc80" <= c <= "\udcff" for c in url):
        raise StoreError(f"{shown.encode('utf-8', 'replace').decode()}: the {what} holds "
                         "bytes that are not UTF-8 text")
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise StoreError(f"{shown}: not a valid {what}: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise StoreError(f"{shown}: not an http(s) {what}; write http://host:port/…")
    if "@" in parts.path or "@" in parts.query or "@" in parts.fragment:
        raise StoreError(f"{shown}: the {what} has an '@' after its host: a '/', '?' or '#' "
                         "in a user name or password must be written %2F, %3F or %23 (or "
                         "give them in KV2RDF_USER and KV2RDF_PASSWORD)")
    if not parts.hostname:
        raise StoreError(f"{shown}: the {what} names no host")
    try:
        parts.port  # noqa: B018 - raises ValueError when the port is not a number
    except ValueError:
        raise StoreError(f"{shown}: the port of the {what} is not a number from 0 to "
                         "65535") from None
    return parts


def _netloc(parts: urllib.parse.SplitResult) -> str:
    """Host and port of a URL, without user and password."""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        raise StoreError(f"{parts.scheme}://{host}{parts.path}: the port is not a number"
                         ) from None
    return host + (f":{port}" if port else "")


def _without_user(url: str) -> str:
    """``url`` without a ``user:password@`` part."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=_netloc(parts)))


def find_credentials(url: str) -> Credentials | None:
    """Credentials for ``url`` from the environment, the URL itself, or the netrc file."""
    env = os.environ
    if env.get("KV2RDF_TOKEN"):
        return Credentials(token=env["KV2RDF_TOKEN"])
    if env.get("KV2RDF_USER"):
        return Credentials(user=env["KV2RDF_USER"], password=env.get("KV2RDF_PASSWORD", ""))
    parts = urllib.parse.urlsplit(url)
    if parts.username:
        return Credentials(user=urllib.parse.unquote(parts.username),
                           password=urllib.parse.unquote(parts.password or ""))
    path = env.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if parts.hostname and os.path.isfile(path):
        try:
            found = netrc.netrc(path).authenticators(parts.hostname)
        except (netrc.NetrcParseError, OSError) as exc:
            line = getattr(exc, "lineno", None)
            raise StoreError(f"{path}: cannot be read" + (f" (line {line})" if line else "")
                             ) from None
        if found:
            return Credentials(user=found[0], password=found[2] or "")
    return None


def endpoint_for(url: str, server: str = "oxigraph", *, query_url: str | None = None,
                 update_url: str | None = None,
                 graph_store_url: str | None = None) -> Endpoint:
    """The service URLs of ``server`` at ``url``; explicit URLs win over the convention."""
    if server not in SERVERS:
        raise StoreError(f"unknown server kind {server!r}; known: {', '.join(SERVERS)}")
    parts = check_url(url, "endpoint URL")
    for option, given in (("--query-url", query_url), ("--update-url", update_url),
                          ("--graph-store-url", graph_store_url)):
        if given:
            check_url(given, f"{option} URL")
    credentials = find_credentials(url)
    path = parts.path.rstrip("/")
    if server != "generic" and server != "graphdb" and path.endswith(_TRAILING):
        path = path.rsplit("/", 1)[0]  # the user named one service; the convention wants the root
    root = urllib.parse.urlunsplit((parts.scheme, _netloc(parts), path, parts.query, ""))
    query, update, store = (_join(root, suffix) for suffix in SERVERS[server])
    if server == "virtuoso" and credentials is not None:
        update, store = _join(root, "/sparql-auth"), _join(root, "/sparql-graph-crud-auth")
    return Endpoint(server, _without_user(query_url or query),
                    _without_user(update_url or update),
                    _without_user(graph_store_url or store), credentials)


def _join(root: str, suffix: str) -> str:
    parts = urllib.parse.urlsplit(root)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path + suffix))
