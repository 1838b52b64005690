"""Bulk loading: the spool, the shared graph, batches to a server with retries."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kv2rdf import cli, convert, dumps
from kv2rdf.store import remote
from kv2rdf.store.bulk import LoadJob, Spool, shared_graph
from kv2rdf.store.endpoint import endpoint_for
from kv2rdf.store.local import LocalStore
from kv2rdf.store.remote import RemoteStore
from tests.helpers import CASES

NOTICE = CASES / "seed-000-mededeling" / "source.txt"
ANSWER = CASES / "seed-004-aanhangsel-1064" / "source.txt"
SHARED = shared_graph()


def spool_of(*paths: Path) -> Spool:
    spool = Spool(SHARED)
    for outcome in LoadJob()([str(p) for p in paths]):
        assert not outcome.failed, outcome.messages
        for doc in outcome.payload:
            spool.add(doc)
    spool.close()
    return spool


def test_people_parties_and_posts_go_to_the_shared_graph_once(tmp_path: Path) -> None:
    spool = spool_of(NOTICE, ANSWER, NOTICE)
    try:
        assert len(spool.names) == 2 and spool.replaced == [spool.names[0]]
        store = LocalStore(tmp_path / "store")
        store.bulk_replace(spool, lambda names: None)
        rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                           "GROUP BY ?g ORDER BY ?g").rows
        graphs = {r[0].value: int(r[1].value) for r in rows}
        assert set(graphs) == {*spool.names, SHARED}
        # what the documents hold is all there: their own triples plus the shared ones
        whole = len(set(convert(NOTICE)) | set(convert(ANSWER)))
        assert sum(graphs.values()) == whole
        kinds = {r[0].value for r in store.query(
            f"SELECT DISTINCT ?c WHERE {{ GRAPH <{SHARED}> {{ ?s a ?c }} }}").rows}
        assert "http://xmlns.com/foaf/0.1/Person" in kinds
        assert "http://www.w3.org/ns/org#Post" in kinds
        assert not kinds & {"https://w3id.org/kv2rdf/def#Question",
                            "https://w3id.org/kv2rdf/def#AnswerDocument"}
        store.close()
    finally:
        spool.remove()


def test_the_later_of_two_inputs_for_one_document_wins(tmp_path: Path) -> None:
    converted = tmp_path / "answer.ttl"
    edited = dumps(convert(ANSWER)).replace("Zijn er op uw ministerie", "Zijn er op het ministerie")
    converted.write_text(edited, encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli.main, ["load", str(ANSWER), str(converted), "--store",
                                           str(store), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "replaces that one" in result.stderr
    assert "loaded 1 graph" in result.stderr.splitlines()[-1]
    db = LocalStore(store, create=False)
    ask = "ASK { ?q schema:text ?t FILTER(STRSTARTS(?t, 'Zijn er op het ministerie')) }"
    assert db.query(ask).boolean is True
    db.close()


class Server(BaseHTTPRequestHandler):
    """Takes SPARQL updates and N-Quads posts; refuses the first ``failures`` with 503."""

    requests: list[tuple[str, str, bytes]] = []
    failures = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/query"):  # which shared entities the graphs name: none
            answer = b'{"head": {"vars": ["e"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return
        self.requests.append((self.path, self.headers["Content-Type"], body))
        status = 503 if Server.failures > 0 else 204
        Server.failures -= 1
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet."""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(remote, "BACKOFF", 0.01)
    Server.requests, Server.failures = [], 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_bulk_to_a_server_drops_then_posts_quads_and_retries(server: str) -> None:
    spool = spool_of(NOTICE, ANSWER)
    try:
        Server.failures = 2
        store = RemoteStore(endpoint_for(server), protocol="bulk")
        loaded: list[list[str]] = []
        store.bulk_replace(spool, loaded.append)
        assert loaded == [spool.names]
        done = Server.requests[2:]  # two refused tries before
        assert [(path, media) for path, media, _ in done] == [
            ("/update", "application/sparql-update"), ("/store", "application/n-quads"),
            ("/store", "application/n-quads")]
        assert done[0][2].decode().count("DROP SILENT GRAPH") == 2
        quads = list(ox.parse(done[1][2] + done[2][2], format=ox.RdfFormat.N_QUADS))
        assert {q.graph_name.value for q in quads} == {*spool.names, SHARED}
    finally:
        spool.remove()


def test_bulk_gives_up_after_its_retries(server: str) -> None:
    spool = spool_of(NOTICE)
    try:
        Server.failures = 100
        store = RemoteStore(endpoint_for(server), protocol="bulk")
        with pytest.raises(remote.StoreError, match="HTTP 503"):
            store.bulk_replace(spool, lambda names: None)
        assert len(Server.requests) == remote.RETRIES + 1
    finally:
        spool.remove()
