"""The conventions every command keeps, as rdfpipe, riot, pyshacl and jq do.

-q prints errors only and -v adds a line per document; a progress bar only on a terminal; one
message form (``source:line: message`` for a problem in an input, ``kv2rdf: message`` for
the rest); SPARQL errors in one line; a server that is no SPARQL query service is named;
TriG and N-Quads name each document's graph as ``load`` does; ``-`` and ``@-`` read stdin.
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset

from kv2rdf import batch, cli, messages
from kv2rdf.store.bulk import shared_graph
from tests.helpers import CASES, ROOT

SEED = ROOT / "examples" / "aanhangsel-1064.md"
NOTICE = ROOT / "examples" / "mededeling-2024Z02569.txt"
#: A source whose parse gives warnings (footnote markers it cannot place).
WARNS = CASES / "text-pdfminer-ah-tk-20232024-1178" / "source.txt"
PDF = CASES / "pdf-ah-tk-20232024-1178" / "source.pdf"
QUERY = ROOT / "examples" / "queries" / "late-answers.rq"

#: A problem in an input, ``source:line[:column]: …`` or ``source: …``; or ``kv2rdf: …``.
LINE_FORM = re.compile(r"^(kv2rdf: \S|\S[^:\n]*(:\d+){0,2}: \S)")


def run(*args: object, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args], input=stdin)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store with the two examples and a PDF answer (for the read commands)."""
    folder = tmp_path_factory.mktemp("conventions") / "store"
    result = run("load", SEED, NOTICE, PDF, "--store", folder)
    assert result.exit_code == 0, result.output
    return folder


# ---- -q and -v -----------------------------------------------------------------------------

def test_quiet_silences_warnings_but_not_the_rdf() -> None:
    normal = run("convert", WARNS)
    quiet = run("convert", WARNS, "-q")
    assert normal.exit_code == quiet.exit_code == 0
    assert ": warning: " in normal.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == normal.stdout


def test_quiet_keeps_errors_and_the_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("Notulen van de vergadering.\n", encoding="utf-8")
    result = run("convert", "-q", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:1: not a Kamervragen document")


def test_quiet_before_the_command_too(tmp_path: Path) -> None:
    result = run("-q", "convert", WARNS, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 0 and result.stderr == ""


def test_verbose_adds_a_line_per_document(tmp_path: Path) -> None:
    normal = run("convert", SEED, NOTICE, "-o", tmp_path / "a")
    verbose = run("convert", SEED, NOTICE, "-o", tmp_path / "b", "-v")
    assert normal.exit_code == verbose.exit_code == 0
    added = [line for line in verbose.stderr.splitlines()
             if line not in normal.stderr.splitlines() and not line.startswith("kv2rdf: ")]
    assert added == [f"{SEED}: converted: 9 questions, 7 answers",
                     f"{NOTICE}: converted: 13 questions, 0 answers"]


def test_verbose_single_source_names_its_output(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = run("convert", "-v", NOTICE, "-o", out)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{NOTICE}: converted: 13 questions, 0 answers, ")
    assert line.endswith(f" triples → {out}")


def test_load_quiet_and_verbose(tmp_path: Path) -> None:
    normal = run("load", SEED, "--store", tmp_path / "a")
    quiet = run("load", SEED, "--store", tmp_path / "b", "-q")
    assert normal.exit_code == quiet.exit_code == 0
    assert "loaded 1 graph" in normal.stderr and quiet.stderr == ""
    assert "read: " not in normal.stderr
    verbose = run("load", SEED, "--store", tmp_path / "c", "-v")
    assert f"{SEED}: read: 9 questions, 7 answers" in verbose.stderr.splitlines()
    again = run("load", SEED, "--store", tmp_path / "a", "--manifest", tmp_path / "m.json")
    assert again.exit_code == 0
    skipped = run("load", SEED, "--store", tmp_path / "a", "--manifest", tmp_path / "m.json",
                  "-v")
    assert f"{SEED}: unchanged since the last load" in skipped.stderr


def test_validate_quiet_drops_the_summary_verbose_adds_per_file(tmp_path: Path) -> None:
    run("convert", SEED, NOTICE, "-o", tmp_path)
    files = sorted(tmp_path.glob("*.ttl"))
    normal = run("validate", *files)
    quiet = run("validate", "-q", *files)
    verbose = run("validate", "-v", *files)
    assert normal.exit_code == quiet.exit_code == verbose.exit_code == 0
    assert normal.stderr.startswith("kv2rdf: 2 documents (2 validated)")
    assert quiet.stderr == ""
    assert quiet.stdout == normal.stdout  # the report is the result: it stays
    assert f"{files[0]}: validated: 0 violations" in verbose.stderr


def test_query_and_export_verbose_say_what_they_read(store: Path) -> None:
    query = run("query", "-v", "SELECT ?q WHERE { ?q a kv:Question }", "--store", store)
    assert query.exit_code == 0
    rows = len(query.stdout.splitlines()) - 3  # header, rule, "(n rows)"
    assert f"kv2rdf: {rows} rows from {store} in " in query.stderr
    assert run("query", "SELECT ?q WHERE { ?q a kv:Question }", "--store", store).stderr == ""
    export = run("export", "--table", "cases", "--store", store, "-v")
    assert export.exit_code == 0, export.output
    assert f"kv2rdf: the cases table of {store} (" in export.stderr


@pytest.mark.parametrize("command", [["convert"], ["validate"], ["load"], ["query"], ["link"],
                                     ["optimize"], ["export"], ["report"], ["formats"],
                                     ["reference", "check"], ["reference", "show"],
                                     ["reference", "update"]])
def test_every_command_takes_quiet_and_verbose(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "-q, --quiet" in result.stdout and "-v, --verbose" in result.stdout


# ---- progress bar ------------------------------------------------------------------------

def test_progress_bar_only_on_a_terminal_and_not_when_quiet(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert batch.Progress(10, "convert")._bar is None  # pytest's stderr is no terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    bar = batch.Progress(10, "convert")
    assert bar._bar is not None
    bar.close()
    messages.set_level(messages.QUIET)
    try:
        assert batch.Progress(10, "convert")._bar is None
    finally:
        messages.set_level(messages.NORMAL)


def test_no_bar_when_piped(tmp_path: Path) -> None:
    # CliRunner's stderr is a pipe: a run over many inputs prints no bar characters
    result = run("convert", SEED, NOTICE, WARNS, PDF, "-o", tmp_path, "-j", "1")
    assert result.exit_code == 0
    assert "\r" not in result.stderr and "█" not in result.stderr


# ---- one message form --------------------------------------------------------------------

@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.txt"
    text.write_text("Notulen van de vergadering van 3 mei.\n", encoding="utf-8")
    data = tmp_path / "broken.ttl"
    data.write_text("<a> <b> .\n", encoding="utf-8")
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?s\nWHERE { ?s ?p }\n", encoding="utf-8")
    return {"text": text, "data": data, "query": query, "none": tmp_path / "no-store"}


#: A command with a bad input or option, and what leads its last error line: the input's
#: name (a problem in it) or kv2rdf (a problem of the store, the server or the options).
BAD_RUNS: dict[str, tuple[list[str], str]] = {
    "convert": (["convert", "{text}"], "{text}:1: "),
    "convert a missing file": (["convert", "{none}.txt"], "{none}.txt: "),
    "validate": (["validate", "{data}"], "{data}:1: "),
    "load": (["load", "{text}", "--store", "{none}"], "kv2rdf: nothing loaded"),
    "load keep going": (["load", "-q", "{text}", str(SEED), "--keep-going", "--store",
                         "{none}"], "{text}:1: "),
    "query file": (["query", "@{query}"], "{query}:2:9: SPARQL syntax error: unexpected '?'"),
    "query missing file": (["query", "@{none}.rq"], "{none}.rq: "),
    "query text": (["query", "SELECT * WHERE { ?s ?p ?o"], "<query>:1:26: "),
    "query no store": (["query", "ASK {}", "--store", "{none}"], "kv2rdf: "),
    "query bad endpoint": (["query", "ASK {}", "--endpoint", "ftp://example.org/"], "kv2rdf: "),
    "link": (["link", "--store", "{none}"], "kv2rdf: "),
    "optimize": (["optimize", "--store", "{none}"], "kv2rdf: "),
    "export": (["export", "--table", "cases", "--store", "{none}"], "kv2rdf: "),
    "report": (["report", "--store", "{none}"], "kv2rdf: "),
    "reference check": (["reference", "check", "{text}"], "{text}:1: "),
    "unknown option": (["convert", "--bogus", "{text}"], "kv2rdf: "),
    "both stores": (["query", "ASK {}", "--store", "{none}", "--endpoint", "http://h/"],
                    "kv2rdf: "),
}


@pytest.mark.parametrize("name", list(BAD_RUNS))
def test_every_error_line_has_the_one_form(name: str, bad_inputs: dict[str, Path]) -> None:
    args, lead = BAD_RUNS[name]

    def fill(text: str) -> str:
        for key, path in bad_inputs.items():
            text = text.replace("{" + key + "}", str(path))
        return text

    result = run(*(fill(a) for a in args))
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines()
             if line and not line.startswith(("Usage:", "Try '"))]
    assert lines, result.output
    for line in lines:
        assert LINE_FORM.match(line), line
        assert not line.startswith("Error:") and "Traceback" not in line
    assert lines[-1].startswith(fill(lead)), lines
    if name.startswith("load"):  # the input that failed is named in the input's own form
        assert lines[0].startswith(f"{bad_inputs['text']}:1: not a Kamervragen document")


def test_messages_formats() -> None:
    assert messages.located("a.txt", "bad", 3) == "a.txt:3: bad"
    assert messages.located("a.rq", "bad", 3, 7) == "a.rq:3:7: bad"
    assert messages.located("a.txt", "odd", 3, warning=True) == "a.txt:3: warning: odd"
    assert messages.general("no store") == "kv2rdf: no store"
    assert messages.general("odd", warning=True) == "kv2rdf: warning: odd"
    assert messages.is_warning("a.txt:3: warning: odd")
    assert not messages.is_warning("a.txt:3: not a warning: odd")


# ---- friendly SPARQL errors --------------------------------------------------------------

def test_a_query_file_without_at_gets_a_hint(store: Path) -> None:
    result = run("query", QUERY, "--store", store)
    assert result.exit_code == 2
    assert result.stderr == f"{QUERY}: a file name, not a query; did you mean @{QUERY}?\n"
    result = run("query", "examples/queries/nothing-like-it.rq", "--store", store)
    assert "did you mean @examples/queries/nothing-like-it.rq?" in result.stderr


def test_an_unknown_prefix_is_named_in_one_line(store: Path) -> None:
    result = run("query", "SELECT ?q WHERE { ?q a kv:Question ; foo:bar ?x }", "--store", store)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("<query>:1:38: unknown prefix 'foo:'; declare it with PREFIX foo:")
    assert "kv:" in line and "eli:" in line and "dct:" in line  # what is known


def test_a_syntax_error_gives_line_and_column(store: Path, tmp_path: Path) -> None:
    query = tmp_path / "late.rq"
    query.write_text("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}\n", encoding="utf-8")
    result = run("query", f"@{query}", "--store", store)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line == f"{query}:4:3: SPARQL syntax error: unexpected 'FILTER'"
    result = run("query", "SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s", "--store", store)
    [line] = result.stderr.splitlines()
    assert line.startswith("<query>:1:")  # Oxigraph's own words, in one line
    assert "\\u{" not in line  # no character classes from the parser's grammar
    result = run("query", "@-", "--store", store, stdin="SELECT * WHERE { ?s ?p ?o")
    assert result.exit_code == 2
    assert result.stderr == "<stdin>:1:26: SPARQL syntax error: unexpected end of text\n"


def test_a_valid_query_still_answers(store: Path) -> None:
    result = run("query", f"@{QUERY}", "--store", store)
    assert result.exit_code == 0, result.output
    assert "ah-tk-20232024-1178" in result.stdout or "rows" in result.stdout


# ---- a server that is no SPARQL query service --------------------------------------------

_ANSWERS: dict[str, tuple[int, str, bytes]] = {
    "/html": (200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body><h1>Welcome"
                                               b"</h1></body></html>"),
    "/login": (200, "text/plain", b"<html><body>Please log in</body></html>"),
    "/plain": (200, "text/plain", b"OK\n"),
    "/empty": (204, "", b""),
    "/json": (200, "application/json", b'{"status": "ok", "items": []}'),
    "/graph": (200, "text/turtle", b"<http://e/a> <http://e/b> <http://e/c> .\n"),
    "/store": (415, "text/plain", b"No supported content Content-Type given"),
    "/missing": (404, "text/plain", b"Not Found"),
    "/no-triples": (200, "application/n-triples", b""),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, media, body = _ANSWERS.get(self.path.split("?")[0], _ANSWERS["/missing"])
        self.send_response(status)
        if media:
            self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 204:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def wrong_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("path", "said"), [
    ("/html", "answered with an HTML page"),
    ("/login", "answered with an HTML page"),
    ("/plain", "answered with text/plain, not SPARQL results"),
    ("/empty", "answered with nothing"),
    ("/json", "JSON that is not SPARQL results"),
    ("/graph", "answered a SELECT query with an RDF graph"),
    ("/store", "HTTP 415"),
    ("/missing", "HTTP 404"),
])
def test_the_wrong_kind_of_server_is_named_not_an_empty_result(
        wrong_server: str, path: str, said: str) -> None:
    result = run("query", "SELECT ?q WHERE { ?q a kv:Question }", "--endpoint",
                 wrong_server + path, "--server", "generic")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # never "(0 rows)"
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kv2rdf: POST {wrong_server}{path}: ")
    assert said in line
    assert "check --endpoint and --server" in line


def test_a_construct_without_triples_is_an_answer(wrong_server: str) -> None:
    result = run("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--endpoint",
                 wrong_server + "/no-triples", "--server", "generic", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    result = run("query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint",
                 wrong_server + "/no-triples", "--server", "generic")
    assert result.exit_code == 2 and "answered with nothing" in result.stderr


def test_the_server_root_for_the_wrong_convention(wrong_server: str) -> None:
    # --server oxigraph at a server without /query: the message says where queries went
    result = run("query", "ASK { ?s ?p ?o }", "--endpoint", wrong_server + "/html/")
    assert result.exit_code == 2
    assert f"queries go to {wrong_server}/html/query" in result.stderr


def test_an_export_from_the_wrong_server_is_refused_too(wrong_server: str) -> None:
    result = run("export", "--table", "cases", "--endpoint", wrong_server + "/html",
                 "--server", "generic")
    assert result.exit_code == 2 and result.stdout == ""
    assert "answered with an HTML page" in result.stderr


# ---- TriG and N-Quads: a graph per document, named as load names it ----------------------

def _load_graph_names(tmp_path: Path, *sources: Path) -> set[str]:
    folder = tmp_path / "names-store"
    tmp_path.mkdir(exist_ok=True)
    result = run("load", *sources, "--store", folder, "--no-link")
    assert result.exit_code == 0, result.output
    store = ox.Store(str(folder))
    names = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    del store
    return names - {shared_graph()}


def test_nquads_graph_names_are_the_ones_load_gives(tmp_path: Path) -> None:
    sources = (SEED, NOTICE, WARNS)
    result = run("convert", *sources, "-t", "nquads", "-q")
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_QUADS))
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert len(names) == 3 and all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    assert names == _load_graph_names(tmp_path, *sources)
    assert "https://w3id.org/kv2rdf/id/antwoord/ah-tk-20232024-1064" in names


def test_trig_graph_names_are_the_ones_load_gives(tmp_path: Path) -> None:
    sources = (SEED, NOTICE)
    result = run("convert", *sources, "-t", "trig")
    assert result.exit_code == 0, result.output
    dataset = Dataset()
    dataset.parse(data=result.stdout, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == _load_graph_names(tmp_path, *sources)
    one = run("convert", NOTICE, "-t", "trig", "-o", tmp_path / "one.trig")
    assert one.exit_code == 0
    single = Dataset()
    single.parse(tmp_path / "one.trig", format="trig")
    assert {str(g.identifier) for g in single.graphs() if len(g)} == _load_graph_names(
        tmp_path / "again", NOTICE)


def test_trig_files_of_a_folder_load_under_the_same_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", SEED, NOTICE, "-t", "nquads", "-o", out).exit_code == 0
    names = set()
    for path in sorted(out.glob("*.nq")):
        names |= {q.graph_name.value for q in ox.parse(path=str(path),
                                                      format=ox.RdfFormat.N_QUADS)}
    assert names == _load_graph_names(tmp_path, SEED, NOTICE)


# ---- standard input ----------------------------------------------------------------------

def test_stdin_for_convert_validate_and_query(store: Path) -> None:
    converted = run("convert", "-", stdin=NOTICE.read_bytes())
    assert converted.exit_code == 0
    validated = run("validate", "-", stdin=converted.stdout)
    assert validated.exit_code == 0 and validated.stdout.startswith("<stdin>: conforms")
    queried = run("query", "@-", "--store", store, "--format", "csv",
                  stdin="SELECT (COUNT(*) AS ?n) WHERE { ?q a kv:Question }")
    assert queried.exit_code == 0 and queried.stdout.splitlines()[0] == "n"
    broken = run("convert", "-", stdin=b"Notulen.\n")
    assert broken.exit_code == 2 and broken.stderr.startswith("<stdin>:1: ")


# ---- the README and the CI example, as written -------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shown_output(command: str) -> list[str]:
    """The lines the README shows under ``$ command``, up to the next prompt or block end."""
    block = README.split(f"$ {command}\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if line.startswith(("$ ", "```")):
            break
        lines.append(line)
    return lines


@pytest.mark.slow
def test_the_readme_load_and_query_show_what_they_really_give(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the checkout
    folder = tmp_path / "kv2rdf-store"
    loaded = CliRunner().invoke(cli.main, ["load", "examples/", *sorted(
        str(p.relative_to(ROOT)) for p in CASES.glob("pdf-*/source.pdf")), "--store",
        str(folder)])
    assert loaded.exit_code == 0, loaded.output
    shown = _shown_output("kv2rdf load examples/ tests/cases/pdf-*/source.pdf"
                          "       # convert and load into ./kv2rdf-store")
    real = loaded.stderr.splitlines()
    assert real[:5] == shown[:5] and real[-3] == shown[-3]
    assert real[-1] == shown[-1].replace("into kv2rdf-store", f"into {folder}")
    assert re.sub(r"[\d.]+ s \(\d+ documents/s\)", "", real[-2]) == re.sub(
        r"[\d.]+ s \(\d+ documents/s\)", "", shown[-2])
    for command in ("query @examples/queries/answer-time-per-ministry.rq",
                    "query 'SELECT (COUNT(*) AS ?n) WHERE { ?q a kv:Question }' --format csv"):
        args = command.split(" ", 1)
        sparql, _, rest = args[1].partition(" --format ")
        extra = ["--format", rest] if rest else []
        result = CliRunner().invoke(cli.main, [args[0], sparql.strip("'"), *extra, "--store",
                                               str(folder)])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == _shown_output(f"kv2rdf {command}")


def test_the_readme_error_examples_are_what_query_prints(store: Path) -> None:
    for command in ("kv2rdf query examples/queries/late-answers.rq",
                    "kv2rdf query 'SELECT ?q WHERE { ?q a kv:Question ; dc:title ?t }'"):
        argument = command.split(" ", 2)[2].strip("'")
        result = run("query", argument, "--store", store)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == _shown_output(command)


def test_the_ci_workflow_installs_what_it_runs() -> None:
    workflow = (ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    checkout = re.search(r"repository: .*\n\s+path: (\S+)", workflow)
    assert checkout is not None
    where = checkout.group(1)  # kv2rdf's own checkout: the root of this repository
    install = re.search(r"run: python -m pip install (\S+)", workflow)
    assert install is not None and install.group(1) == f"./{where}"
    assert "[project.scripts]" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    script = re.search(rf"run: bash {re.escape(where)}/(\S+) documents (\S+)", workflow)
    assert script is not None and (ROOT / script.group(1)).is_file()
    assert f"report_paths: {script.group(2)}/kv2rdf-junit.xml" in workflow
