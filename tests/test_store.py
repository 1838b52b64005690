"""The store: one named graph per document, replaced on reload; load and query from the CLI;
the HTTP client against a stand-in server on 127.0.0.1, and against a real Oxigraph server
(``-m server``, needs $KV2RDF_TEST_ENDPOINT)."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kv2rdf import cli, convert, dumps
from kv2rdf.errors import DataError, StoreError
from kv2rdf.namespaces import KV
from kv2rdf.store.endpoint import Credentials, endpoint_for, public_url
from kv2rdf.store.inputs import graphs_from_rdf, graphs_from_source, main_work, prepare
from kv2rdf.store.local import LocalStore, NamedGraph
from kv2rdf.store.remote import RemoteStore
from kv2rdf.store.results import QueryResult
from tests.helpers import CASES, ROOT
from tests.store_support import case_sources, corpus, load, server_kind, server_url, store_of

ID = "https://w3id.org/kv2rdf/id/"
SEED_NOTICE = CASES / "seed-000-mededeling" / "source.txt"
SEED_ANSWER = CASES / "seed-004-aanhangsel-1064" / "source.txt"


def invoke(*args: object, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli.main, [str(a) for a in args], env=env)


@pytest.fixture(autouse=True)
def no_outside_credentials(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                           tmp_path: Path) -> None:
    """Keep the developer's credentials and ~/.netrc out of the tests (not the server ones)."""
    if request.node.get_closest_marker("server"):
        return
    for name in ("KV2RDF_TOKEN", "KV2RDF_USER", "KV2RDF_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    store = store_of(tmp_path_factory.mktemp("corpus") / "store", linked=False)
    yield store
    store.close()


# ---- graph naming ---------------------------------------------------------------------------

def test_every_document_gets_one_graph_named_after_its_main_work() -> None:
    prepared = corpus()
    names = [g.name for g in prepared.graphs]
    assert len(names) == len(set(names))
    for graph in prepared.graphs:
        assert main_work(graph.triples, graph.origin) == graph.name
        assert graph.name.startswith((ID + "antwoord/", ID + "mededeling/", ID + "kamervraag/"))


@pytest.mark.parametrize(("source", "name"), [
    (SEED_NOTICE, ID + "kamervraag/tk/2024Z02569/uitstel/2024-03-08"),
    (SEED_ANSWER, ID + "antwoord/ah-tk-20232024-1064"),
])
def test_graph_name_comes_from_the_document_identity(source: Path, name: str) -> None:
    graph, _ = graphs_from_source(source.read_bytes(), str(source))
    assert graph.name == name


def test_question_set_names_a_graph_without_answer_or_notice() -> None:
    nt = (f"<{ID}kamervraag/tk/2024Z00001> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
          f"<{KV.WrittenQuestions}> .\n").encode()
    [graph] = graphs_from_rdf(nt, ox.RdfFormat.N_TRIPLES, "q.nt", "file:///q.nt")
    assert graph.name == f"{ID}kamervraag/tk/2024Z00001"


def test_rdf_without_a_work_is_named_after_its_file() -> None:
    vocabulary = ROOT / "ontology" / "kv.ttl"
    [graph] = graphs_from_rdf(vocabulary.read_bytes(), ox.RdfFormat.TURTLE, str(vocabulary),
                              vocabulary.resolve().as_uri())
    assert graph.name == vocabulary.resolve().as_uri()


def test_trig_graphs_are_renamed_after_their_work(tmp_path: Path) -> None:
    graph, _ = graphs_from_source(SEED_ANSWER.read_bytes(), str(SEED_ANSWER))
    trig = tmp_path / "a.trig"
    trig.write_text(f"<urn:x:content-hash> {{\n{graph.ntriples()}}}\n", encoding="utf-8")
    [found] = prepare([trig]).graphs
    assert found.name == graph.name
    assert set(found.triples) == set(graph.triples)


def test_a_file_with_several_documents_is_refused(tmp_path: Path) -> None:
    both = tmp_path / "both.nt"
    both.write_text("".join(graphs_from_source(p.read_bytes(), str(p))[0].ntriples()
                            for p in (SEED_ANSWER, CASES / "text-ah-tk-20232024-1481" /
                                      "source.txt")), encoding="utf-8")
    prepared = prepare([both])
    assert prepared.graphs == []
    assert "holds 2 documents" in prepared.errors[0]


def test_bad_turtle_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:b .\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.ttl:3: not valid Turtle"):
        graphs_from_rdf(bad.read_bytes(), ox.RdfFormat.TURTLE, str(bad), bad.as_uri())


def test_the_same_document_twice_in_one_load_keeps_the_later(tmp_path: Path) -> None:
    converted = tmp_path / "seed.ttl"
    converted.write_text(dumps(convert(SEED_ANSWER)), encoding="utf-8")
    prepared = prepare([converted, SEED_ANSWER])
    assert [g.origin for g in prepared.graphs] == [str(SEED_ANSWER)]
    assert "replaces that one" in prepared.warnings[-1]


# ---- loading into the embedded store --------------------------------------------------------

def test_loading_everything_twice_keeps_the_triple_count(corpus_store: LocalStore) -> None:
    before = corpus_store.size()
    assert before == (len(corpus().graphs), sum(len(g.triples) for g in corpus().graphs))
    load(corpus_store, corpus().graphs)
    assert corpus_store.size() == before


def test_a_corrected_document_replaces_its_graph(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    load(store, prepare([SEED_ANSWER, SEED_NOTICE]).graphs)
    graphs, triples = store.size()
    corrected = tmp_path / "1064.txt"
    text = SEED_ANSWER.read_text(encoding="utf-8")
    assert "(ingezonden 29 januari 2024)" in text
    corrected.write_text(text.replace("(ingezonden 29 januari 2024)", "(ingezonden 30 januari "
                                      "2024)"), encoding="utf-8")
    [graph] = load(store, prepare([corrected]).graphs)
    assert graph.name == ID + "antwoord/ah-tk-20232024-1064"
    assert store.size() == (graphs, triples)
    dates = store.query(f"SELECT ?d WHERE {{ <{ID}kamervraag/ah-tk-20232024-1064> "
                        "dct:dateSubmitted ?d }").records()
    assert dates == [{"d": "2024-01-30"}]
    store.close()


def test_dropping_a_question_shrinks_the_graph(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    [first] = load(store, prepare([SEED_NOTICE]).graphs)
    text = SEED_NOTICE.read_text(encoding="utf-8")
    shorter = tmp_path / "notice.txt"
    shorter.write_text(text[:text.index("Vraag 13")] + text[text.index("Mededeling \n"):],
                       encoding="utf-8")
    [second] = load(store, prepare([shorter]).graphs)
    assert second.name == first.name
    assert len(second.triples) < len(first.triples)
    assert store.size() == (1, len(second.triples))
    count = store.query("SELECT (COUNT(?q) AS ?n) WHERE { ?q a kv:Question }").records()
    assert count == [{"n": "12"}]
    store.close()


def test_a_failed_load_changes_nothing(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    load(store, prepare([SEED_NOTICE]).graphs)
    before = store.size()
    broken = NamedGraph("http://example.org/not an iri", (), "broken")
    reported: list[NamedGraph] = []
    good = prepare([SEED_ANSWER]).graphs
    with pytest.raises(StoreError, match="the other 2 graphs are unchanged"):
        store.replace([*good, broken], reported.append)
    assert reported == []
    assert store.size() == before
    store.close()


def test_large_loads_commit_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graphs = prepare([SEED_NOTICE, SEED_ANSWER]).graphs
    monkeypatch.setattr("kv2rdf.store.local.BATCH_TRIPLES", 1)  # one graph per transaction
    store = LocalStore(tmp_path / "store")
    broken = NamedGraph("http://example.org/not an iri", (), "broken")
    reported: list[NamedGraph] = []
    with pytest.raises(StoreError, match="the 2 graphs reported above were loaded; the other 1"):
        store.replace([*graphs, broken], reported.append)
    assert reported == graphs
    assert store.size() == (2, sum(len(g.triples) for g in graphs))
    store.close()


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="holds no Oxigraph store"):
        LocalStore(tmp_path)


def test_bad_sparql_is_a_store_error(corpus_store: LocalStore) -> None:
    with pytest.raises(StoreError, match="bad SPARQL query"):
        corpus_store.query("SELECT * WHERE { ?s ?p }")


# ---- command line ----------------------------------------------------------------------------

def test_a_quiet_load_does_not_count_the_store(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The closing line's count reads every quad (10 s at 100,000 documents); -q shows none."""
    def refuse(self: LocalStore, besides: str | None = None) -> tuple[int, int]:
        raise AssertionError("counted")

    monkeypatch.setattr(LocalStore, "size", refuse)
    result = invoke("-q", "load", SEED_NOTICE, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert invoke("load", SEED_NOTICE, "--store", tmp_path / "store").exit_code != 0


def test_load_then_query_from_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = invoke("load", SEED_NOTICE, SEED_ANSWER, "--store", store)
    assert result.exit_code == 0, result.output
    assert f"loaded <{ID}antwoord/ah-tk-20232024-1064> (" in result.stderr
    assert "loaded 2 graphs" in result.stderr and "it now holds 3 graphs" in result.stderr  # + id:afgeleid
    again = invoke("load", SEED_NOTICE, SEED_ANSWER, "--store", store)
    assert again.stderr.splitlines()[-1] == result.stderr.splitlines()[-1]

    query = "SELECT ?set ?d WHERE { ?set a kv:WrittenQuestions ; dct:dateSubmitted ?d } ORDER BY ?d"
    table = invoke("query", query, "--store", store)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == ["set", "d"]
    assert "id:kamervraag/ah-tk-20232024-1064  2024-01-29" in table.stdout
    assert table.stdout.rstrip().endswith("(2 rows)")

    csv_out = invoke("query", query, "--store", store, "--format", "csv").stdout_bytes.decode()
    assert csv_out.startswith("set,d\r\n")
    assert f"{ID}kamervraag/ah-tk-20232024-1064,2024-01-29\r\n" in csv_out

    tsv_out = invoke("query", query, "--store", store, "--format", "tsv").stdout
    assert tsv_out.startswith("?set\t?d\n")
    assert (f'<{ID}kamervraag/tk/2024Z02569>\t"2024-02-15"^^'
            "<http://www.w3.org/2001/XMLSchema#date>\n") in tsv_out

    tree = json.loads(invoke("query", query, "--store", store, "--format", "json").stdout)
    assert tree["head"]["vars"] == ["set", "d"]
    assert tree["results"]["bindings"][0]["d"] == {
        "type": "literal", "value": "2024-01-29",
        "datatype": "http://www.w3.org/2001/XMLSchema#date"}


def test_query_from_a_file_ask_and_construct(tmp_path: Path) -> None:
    store = tmp_path / "store"
    invoke("load", SEED_NOTICE, "--store", store)
    rq = tmp_path / "ask.rq"
    rq.write_text("ASK { ?n a kv:PostponementNotice }", encoding="utf-8")
    assert invoke("query", f"@{rq}", "--store", store).stdout == "true\n"
    assert json.loads(invoke("query", f"@{rq}", "--store", store, "--format", "json").stdout
                      ) == {"head": {}, "boolean": True}
    construct = invoke("query", "CONSTRUCT { ?f a kv:Fractie } WHERE { ?f a kv:Fractie }",
                       "--store", store)
    assert "@prefix kv: <https://w3id.org/kv2rdf/def#> ." in construct.stdout
    assert "<https://w3id.org/kv2rdf/id/fractie/gl-pvda> a kv:Fractie" in \
        construct.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["query", "SELECT * WHERE { ?s ?p }"], "<query>:1:18: SPARQL syntax error"),
    (["query", "@/does/not/exist.rq"], "cannot read the query"),
    (["query", "ASK {}", "--store", "{missing}"], "no store there yet"),
    (["query", "ASK {}", "--store", "{store}", "--endpoint", "http://127.0.0.1:9/"],
     "not both"),
    (["load", "{bad}"], "nothing loaded"),
])
def test_bad_input_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    store = tmp_path / "store"
    invoke("load", SEED_NOTICE, "--store", store)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    values = {"{missing}": str(tmp_path / "missing"), "{store}": str(store), "{bad}": str(bad)}
    args = [values.get(a, a) for a in args]
    if "--store" not in args and "--endpoint" not in args:
        args += ["--store", str(store)]
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_one_bad_input_loads_nothing_unless_keep_going(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("Notulen van de vergadering van 3 mei.\n", encoding="utf-8")
    store = tmp_path / "store"
    result = invoke("load", SEED_NOTICE, bad, "--store", store)
    assert result.exit_code == 2
    assert "nothing loaded" in result.stderr and "notes.txt" in result.stderr
    assert not store.exists()
    result = invoke("load", SEED_NOTICE, bad, "--store", store, "--keep-going")
    assert result.exit_code == 2
    assert "loaded 1 graph (" in result.stderr and "(not loaded)" in result.stderr


def test_folders_expand_to_their_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in case_sources("seed-000-mededeling", "seed-004-aanhangsel-1064"):
        (folder / f"{path.parent.name}{path.suffix}").write_bytes(path.read_bytes())
    result = invoke("load", folder, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert "loaded 2 graphs" in result.stderr


# ---- HTTP client against a stand-in server --------------------------------------------------

class Recorder(BaseHTTPRequestHandler):
    """Answers like a Graph Store / SPARQL server and records what it was sent."""

    requests: list[dict[str, Any]] = []
    fail_put_after = 10**6
    answer: bytes = b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}'

    def _record(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        entry = {"method": self.command, "path": self.path, "headers": dict(self.headers),
                 "body": self.rfile.read(length)}
        self.requests.append(entry)
        return entry

    def _reply(self, status: int, body: bytes, media: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        self._record()
        puts = sum(r["method"] == "PUT" for r in self.requests)
        if puts > self.fail_put_after:
            self._reply(500, b"<html><body><h1>disk full</h1></body></html>", "text/html")
        else:
            self._reply(204, b"")

    def do_POST(self) -> None:  # noqa: N802
        entry = self._record()
        if b"syntax error here" in entry["body"]:
            self._reply(400, b"Parser error at line 1: unexpected 'here'")
        else:
            self._reply(200, self.answer, "application/sparql-results+json")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""


@pytest.fixture
def fake_server() -> Iterator[str]:
    Recorder.requests = []
    Recorder.fail_put_after = 10**6
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_gsp_put_per_graph_with_indirect_identification(fake_server: str) -> None:
    graphs = prepare([SEED_NOTICE, SEED_ANSWER]).graphs
    store = RemoteStore(endpoint_for(fake_server))
    reported: list[NamedGraph] = []
    store.replace(graphs, reported.append)
    assert reported == graphs
    puts = [r for r in Recorder.requests if r["method"] == "PUT"]
    assert [r["path"] for r in puts] == [
        "/store?graph=" + g.name.replace(":", "%3A").replace("/", "%2F") for g in graphs]
    assert puts[0]["headers"]["Content-Type"] == "text/turtle"
    assert puts[0]["body"].decode("utf-8") == graphs[0].ntriples()


def test_a_failing_put_reports_status_url_and_what_was_loaded(
        fake_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KV2RDF_USER", "alice")
    monkeypatch.setenv("KV2RDF_PASSWORD", "s3cret-pw")
    Recorder.fail_put_after = 1
    graphs = prepare([SEED_NOTICE, SEED_ANSWER]).graphs
    reported: list[NamedGraph] = []
    with pytest.raises(StoreError) as caught:
        RemoteStore(endpoint_for(fake_server)).replace(graphs, reported.append)
    message = str(caught.value)
    assert reported == graphs[:1]
    assert f"PUT {fake_server}/store: HTTP 500" in message
    assert "disk full" in message and "<h1>" not in message
    assert "1 of 2 graphs were replaced before it" in message
    assert "s3cret" not in message and "alice" not in message
    assert Recorder.requests[0]["headers"]["Authorization"].startswith("Basic ")


def test_query_is_posted_with_the_union_default_graph(fake_server: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KV2RDF_TOKEN", "tok-123")
    Recorder.answer = (b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": '
                       b'{"type": "typed-literal", "value": "7", "datatype": '
                       b'"http://www.w3.org/2001/XMLSchema#integer"}}]}}')
    result = invoke("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kv:Question }",
                    "--endpoint", fake_server, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n7\r\n"
    [request] = Recorder.requests
    assert request["path"] == "/query?union-default-graph=true"
    assert request["headers"]["Content-Type"] == "application/sparql-query"
    assert request["headers"]["Accept"].startswith("application/sparql-results+json")
    assert request["headers"]["Authorization"] == "Bearer tok-123"
    assert request["body"].decode().startswith("PREFIX kv: <https://w3id.org/kv2rdf/def#> SELECT")


def test_a_comment_that_says_from_keeps_the_union_default_graph(fake_server: str) -> None:
    Recorder.answer = b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}'
    query = "# counts made from kv:askedFor\nSELECT ?n WHERE { ?s kv:askedFor ?n }"
    assert invoke("query", query, "--endpoint", fake_server).exit_code == 0
    assert invoke("query", "SELECT ?n FROM <urn:g> WHERE { ?s kv:askedFor ?n }", "--endpoint",
                  fake_server).exit_code == 0
    first, second = Recorder.requests
    assert first["path"] == "/query?union-default-graph=true"
    assert second["path"] == "/query"  # a FROM clause picks the graphs itself


def test_bad_sparql_on_a_server_exits_2_with_its_message(fake_server: str) -> None:
    result = invoke("query", "SELECT syntax error here", "--endpoint", fake_server)
    assert result.exit_code == 2
    assert f"POST {fake_server}/query: HTTP 400" in result.stderr
    assert "Parser error at line 1" in result.stderr


def test_an_unreachable_server_exits_2_without_credentials() -> None:
    result = invoke("load", SEED_NOTICE, "--endpoint", "http://bob:hunter2@127.0.0.1:9/ds",
                    "--server", "fuseki")
    assert result.exit_code == 2
    # the first request (which shared entities the graphs name) finds no server
    assert "POST http://127.0.0.1:9/ds/query: cannot reach the server" in result.stderr
    assert "hunter2" not in result.output and "bob" not in result.output


@pytest.mark.parametrize(("server", "url", "expected"), [
    ("oxigraph", "http://h:7878/", ("http://h:7878/query", "http://h:7878/update",
                                    "http://h:7878/store")),
    ("oxigraph", "http://h:7878/query", ("http://h:7878/query", "http://h:7878/update",
                                         "http://h:7878/store")),
    ("fuseki", "http://h:3030/ds", ("http://h:3030/ds/query", "http://h:3030/ds/update",
                                    "http://h:3030/ds/data")),
    ("graphdb", "http://h:7200/repositories/kv", (
        "http://h:7200/repositories/kv", "http://h:7200/repositories/kv/statements",
        "http://h:7200/repositories/kv/rdf-graphs/service")),
    ("virtuoso", "http://h:8890/sparql", ("http://h:8890/sparql", "http://h:8890/sparql",
                                          "http://h:8890/sparql-graph-crud")),
    ("generic", "https://h/sparql", ("https://h/sparql",) * 3),
])
def test_server_url_conventions(server: str, url: str, expected: tuple[str, str, str]) -> None:
    target = endpoint_for(url, server)
    assert (target.query_url, target.update_url, target.graph_store_url) == expected


def test_virtuoso_with_credentials_uses_the_auth_services(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KV2RDF_USER", "dba")
    target = endpoint_for("http://h:8890", "virtuoso", graph_store_url="http://h:8890/crud")
    assert target.update_url == "http://h:8890/sparql-auth"
    assert target.graph_store_url == "http://h:8890/crud"


def test_credentials_come_from_netrc_and_stay_hidden(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login carol password pa55word\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    target = endpoint_for("https://store.example/ds", "fuseki")
    assert target.credentials == Credentials(user="carol", password="pa55word")
    assert "pa55word" not in repr(target) and "pa55word" not in repr(target.credentials)
    assert public_url("https://carol:pa55word@store.example:8443/ds?key=x") == \
        "https://store.example:8443/ds"


# ---- a real Oxigraph server ------------------------------------------------------------------

@pytest.fixture(scope="module")
def server_store() -> Iterator[RemoteStore]:
    store = RemoteStore(endpoint_for(server_url(), server_kind()), timeout=30)
    yield store
    for graph in corpus().graphs:
        store.drop(graph.name)


@pytest.mark.server
def test_server_load_reload_and_count(server_store: RemoteStore) -> None:
    graphs = corpus().graphs
    assert load(server_store, graphs) == graphs
    before = server_store.size()
    assert before[1] >= sum(len(g.triples) for g in graphs)
    assert load(server_store, graphs) == graphs
    assert server_store.size() == before
    if server_store.endpoint.server != "virtuoso":
        update = RemoteStore(server_store.endpoint, protocol="update")
        update.replace(graphs, lambda graph: None)
        assert server_store.size() == before


@pytest.mark.server
def test_server_cli_load_and_query(server_store: RemoteStore) -> None:
    url = server_url()
    result = invoke("load", SEED_NOTICE, SEED_ANSWER, "--endpoint", url, "--server",
                    server_kind())
    assert result.exit_code == 0, result.output
    assert f"loaded <{ID}antwoord/ah-tk-20232024-1064>" in result.stderr
    query = (f"SELECT ?d WHERE {{ <{ID}kamervraag/tk/2024Z02569/uitstel/2024-03-08> "
             "dct:dateSubmitted ?d }")
    result = invoke("query", query, "--endpoint", url, "--server", server_kind(), "--format",
                    "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"d\r\n2024-03-08\r\n"
    bad = invoke("query", "SELECT * WHERE { ?s ?p }", "--endpoint", url, "--server",
                 server_kind())
    assert bad.exit_code == 2
    assert "HTTP 400" in bad.stderr


def test_credentials_in_the_url_are_sent_but_never_shown(fake_server: str) -> None:
    host = fake_server.removeprefix("http://")
    Recorder.answer = json.dumps({"head": {"vars": ["graphs", "triples"]}, "results": {
        "bindings": [{name: {"type": "literal", "value": "2",
                             "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
                      for name in ("graphs", "triples")}]}}).encode()
    result = invoke("load", SEED_NOTICE, SEED_ANSWER, "--no-link", "--endpoint",
                    f"http://alice:Pa55%2Fw0rd@{host}/")
    assert result.exit_code == 0, result.output
    assert f"into {fake_server}/store" in result.stderr
    assert result.stderr.count("loaded <") == 2
    assert "Pa55" not in result.output and "alice" not in result.output
    sent = Recorder.requests[0]["headers"]["Authorization"]
    assert base64.b64decode(sent.removeprefix("Basic ")) == b"alice:Pa55/w0rd"
    Recorder.fail_put_after = 0
    result = invoke("load", SEED_NOTICE, "--endpoint", f"http://alice:Pa55w0rd@{host}/")
    assert result.exit_code == 2
    assert f"PUT {fake_server}/store: HTTP 500" in result.stderr
    assert "Pa55" not in result.output


def test_local_results_are_read_as_the_json_results_would_be(tmp_path: Path) -> None:
    """The embedded store reads its solutions straight into terms; JSON would give the same."""
    store = LocalStore(tmp_path / "store")
    store.update('INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> "plain", "nl"@nl, '
                 '"7"^^<http://www.w3.org/2001/XMLSchema#integer>, '
                 '"x"^^<http://www.w3.org/2001/XMLSchema#string>, _:b, <urn:o> } }')
    sparql = "SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o } ORDER BY STR(?o)"
    direct = store.query(sparql)
    raw = store._store.query(sparql, use_default_graph_as_union=True)
    assert isinstance(raw, ox.QuerySolutions)
    via_json = QueryResult.from_json(raw.serialize(format=ox.QueryResultsFormat.JSON) or b"")
    assert direct.variables == via_json.variables == ("s", "o", "none")
    assert len(direct.rows) == 6
    # blank node labels are the store's own: compare them by kind only
    assert [[(t.kind, t.datatype, t.lang) + ((t.value,) if t.kind != "bnode" else ())
             if t else None for t in row] for row in direct.rows] == \
        [[(t.kind, t.datatype, t.lang) + ((t.value,) if t.kind != "bnode" else ())
          if t else None for t in row] for row in via_json.rows]
    store.close()
