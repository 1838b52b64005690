"""Hostile and careless input: every case exits 0 or 2 (never 3), within 1 GB and in bounded time.

The heavy cases (entity expansion) run the real command in a child process with its address
space capped at 1 GiB and a time-out, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kv2rdf import cli, limits
from kv2rdf.output import remove_stale_temporaries
from tests.helpers import CASES, ROOT

SEED = ROOT / "examples" / "aanhangsel-1064.md"
NOTICE = ROOT / "examples" / "mededeling-2024Z02569.txt"
SEED_TTL = ROOT / "examples" / "aanhangsel-1064.ttl"
PDF = CASES / "pdf-ah-tk-20232024-1076" / "source.pdf"
GIB = 1 << 30


def run(*args: object, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args], **kwargs)


def run_capped(*args: str | bytes | Path, cwd: Path, timeout: float = 60) -> \
        subprocess.CompletedProcess[bytes]:
    """``python -m kv2rdf ARGS`` with at most 1 GiB of address space and ``timeout`` seconds."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))

    return subprocess.run([sys.executable, "-m", "kv2rdf", *args], cwd=cwd, preexec_fn=cap,
                          capture_output=True, timeout=timeout, check=False)


# ---- entity expansion, DTDs, remote contexts --------------------------------------------------

def billion_laughs(depth: int = 9) -> str:
    """RDF/XML whose one literal expands to 3·10^(depth+1) bytes through nested entities."""
    decls = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    decls += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, depth + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(decls) + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
            f"<ex:p>&lol{depth};</ex:p></rdf:Description></rdf:RDF>\n")


@pytest.mark.parametrize("command", [["validate"], ["load", "--store", "store"]])
def test_entity_expansion_is_refused_in_bounded_memory_and_time(tmp_path: Path,
                                                               command: list[str]) -> None:
    (tmp_path / "lol.rdf").write_text(billion_laughs(), encoding="utf-8")
    done = run_capped(command[0], "lol.rdf", *command[1:], cwd=tmp_path)
    assert done.returncode == 2, done.stderr.decode()
    assert b"lol.rdf:2: RDF/XML with a <!DOCTYPE" in done.stderr
    assert b"never reads DTDs" in done.stderr


def test_a_doctype_is_refused_in_utf16_too(tmp_path: Path) -> None:
    data = tmp_path / "lol.rdf"
    data.write_bytes(billion_laughs(3).encode("utf-16"))
    result = run("validate", data)
    assert result.exit_code == 2
    assert "<!DOCTYPE" in result.stderr


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    data = tmp_path / "xxe.rdf"
    data.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">'
                    ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                    'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://e/a">'
                    "<ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n", encoding="utf-8")
    for args in (["validate", data], ["load", data, "--store", tmp_path / "store"]):
        result = run(*args)
        assert result.exit_code == 2
        assert "TOP-SECRET" not in result.output
        assert "<!DOCTYPE" in result.stderr


class Recorder(BaseHTTPRequestHandler):
    """Serves a JSON-LD context and records every request."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet."""


@pytest.fixture
def recorder() -> Iterator[str]:
    Recorder.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("context", ["{server}/context.jsonld", "file:///etc/passwd"])
def test_remote_json_ld_contexts_are_never_fetched(tmp_path: Path, recorder: str,
                                                   context: str) -> None:
    data = tmp_path / "doc.jsonld"
    link = context.format(server=recorder)
    data.write_text(f'{{"@context": "{link}", "@id": "http://example.org/a", "name": "x"}}',
                    encoding="utf-8")
    for args in (["validate", data], ["load", data, "--store", tmp_path / "store"]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "doc.jsonld:1: not valid JSON-LD" in result.stderr
        assert "never fetches" in result.stderr
        assert "root:" not in result.output
    assert Recorder.hits == []


def test_a_turtle_base_pointing_at_a_server_is_not_fetched(tmp_path: Path,
                                                          recorder: str) -> None:
    data = tmp_path / "based.ttl"
    data.write_text(SEED_TTL.read_text(encoding="utf-8").replace(
        "@prefix dct:", f"@base <{recorder}/> .\n<x> <y> <z> .\n@prefix dct:", 1),
        encoding="utf-8")
    assert run("validate", data).exit_code == 0
    assert run("load", data, "--store", tmp_path / "store").exit_code == 0
    assert Recorder.hits == []


def test_service_in_a_query_is_refused_by_the_embedded_store(tmp_path: Path,
                                                             recorder: str) -> None:
    store = tmp_path / "store"
    assert run("load", SEED, "--store", store).exit_code == 0
    result = run("query", f"SELECT * WHERE {{ SERVICE <{recorder}/sparql> {{ ?s ?p ?o }} }}",
                 "--store", store)
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr and "network" in result.stderr
    assert Recorder.hits == []
    # the word in a literal or a comment is no SERVICE clause
    result = run("query", 'ASK { ?s ?p "SERVICE" } # SERVICE', "--store", store)
    assert result.exit_code == 0, result.output


def test_service_in_user_shapes_is_refused(tmp_path: Path, recorder: str) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetClass "
        "<https://w3id.org/kv2rdf/def#Question> ; sh:sparql [ sh:select "
        f'"SELECT $this WHERE {{ SERVICE <{recorder}/sparql> {{ ?a ?b ?c }} }}" ] .\n',
        encoding="utf-8")
    result = run("validate", SEED_TTL, "--shapes", shapes)
    assert result.exit_code == 2
    assert "shapes.ttl: cannot be used" in result.stderr and "SERVICE" in result.stderr
    assert Recorder.hits == []


# ---- size and page limits -----------------------------------------------------------------

def test_an_input_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 40 MB on paper, nothing on disk
        fh.truncate(40 * 1024 * 1024)
    result = run("convert", big)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{big}: is 40 MB; kv2rdf reads inputs of at most 32 MB")
    for args in (["validate", big.rename(tmp_path / "big.ttl")],
                 ["load", tmp_path / "big.ttl", "--store", tmp_path / "store"]):
        result = run(*args)
        assert result.exit_code == 2
        assert "is 40 MB" in result.stderr


def test_the_limit_can_be_set_and_a_device_is_read_only_up_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KV2RDF_MAX_INPUT_MB", "1")
    text = SEED.read_text(encoding="utf-8")
    source = tmp_path / "long.md"
    source.write_text(text + "\n\n" + "Lange bijlage. " * 80_000, encoding="utf-8")
    result = run("convert", source)
    assert result.exit_code == 2
    assert "at most 1 MB" in result.stderr
    result = run("convert", "/dev/zero")
    assert result.exit_code == 2
    assert "/dev/zero: goes on past the limit" in result.stderr
    monkeypatch.setenv("KV2RDF_MAX_INPUT_MB", "lots")
    result = run("convert", SEED)
    assert result.exit_code == 2
    assert "KV2RDF_MAX_INPUT_MB='lots'" in result.stderr


def test_a_pdf_over_the_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 1)
    result = run("convert", PDF)
    assert result.exit_code == 2
    assert f"{PDF}: the PDF has" in result.stderr and "at most 1" in result.stderr
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 50)
    assert run("convert", PDF).exit_code == 0


def test_a_pdf_conversion_stays_under_1_gib(tmp_path: Path) -> None:
    done = run_capped("convert", PDF, "-o", "out.ttl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert len(Graph().parse(tmp_path / "out.ttl")) > 100


def test_a_fifo_is_read_like_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "in.md"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as fh:
            fh.write(SEED.read_bytes())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = run("convert", fifo)
    writer.join(10)
    assert result.exit_code == 0, result.output
    assert "ah-tk-20232024-1064" in result.stdout


def test_a_folder_given_as_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "data.ttl"
    folder.mkdir()
    assert run("validate", folder).exit_code == 2
    result = run("convert", folder)
    assert result.exit_code == 2
    assert "no source documents found" in result.stderr


# ---- malformed RDF and queries -----------------------------------------------------------

def test_malformed_turtle_keeps_the_parsers_reason_and_line(tmp_path: Path) -> None:
    lines = SEED_TTL.read_text(encoding="utf-8").splitlines()
    lines[11] = lines[11].replace(" .", " ;;; <unclosed .")
    data = tmp_path / "broken.ttl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("validate", data)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{data}:12: not valid Turtle: ")
    assert "line 12" in result.stderr  # the parser's own words, with its position


@pytest.mark.parametrize("content", [b"", b"# only a comment\n@prefix ex: <http://e/> .\n",
                                     b"{}"])
def test_an_empty_data_file_is_an_error_not_conforming(tmp_path: Path, content: bytes) -> None:
    data = tmp_path / ("empty.jsonld" if content == b"{}" else "empty.ttl")
    data.write_bytes(content)
    result = run("validate", data)
    assert result.exit_code == 2
    assert "holds no triples" in result.stderr
    assert "conforms" not in result.output
    result = run("load", data, "--store", tmp_path / "store")
    assert result.exit_code == 2
    assert "holds no triples" in result.stderr


def test_binary_garbage_with_an_rdf_suffix(tmp_path: Path) -> None:
    for suffix in (".ttl", ".nt", ".jsonld", ".rdf", ".trig"):
        data = tmp_path / f"garbage{suffix}"
        data.write_bytes(bytes(range(256)) * 40)
        result = run("validate", data)
        assert result.exit_code == 2, (suffix, result.output)
        assert f"{data}:" in result.stderr and "not valid" in result.stderr


def test_validate_goes_on_after_an_unreadable_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = run("validate", broken, SEED_TTL)
    assert result.exit_code == 2
    assert f"{SEED_TTL}: conforms" in result.stdout
    assert "broken.ttl:1: not valid Turtle" in result.stderr


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "PREFIX ex: <http://e/> # a comment\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL", "CLEAR DEFAULT", "LOAD <http://127.0.0.1:9/x.ttl>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * {} ; DROP ALL",
])
def test_query_refuses_updates(tmp_path: Path, update: str) -> None:
    store = tmp_path / "store"
    assert run("load", SEED, "--store", store).exit_code == 0
    result = run("query", update, "--store", store)
    assert result.exit_code == 2
    assert "is a SPARQL update" in result.stderr and "kv2rdf load" in result.stderr
    count = run("query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--store", store,
                "--format", "csv")
    assert count.exit_code == 0 and int(count.stdout.split()[1]) > 100


# ---- outputs -----------------------------------------------------------------------------------

def test_output_equal_to_the_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_bytes(SEED.read_bytes())
    (tmp_path / "link.md").symlink_to(source)
    os.link(source, tmp_path / "hard.md")
    for output in (source, tmp_path / "link.md", tmp_path / "hard.md", tmp_path / "." / "a.md"):
        result = run("convert", source, "-o", output)
        assert result.exit_code == 2
        assert "is the source" in result.stderr and "refusing to write over it" in result.stderr
    assert source.read_bytes() == SEED.read_bytes()
    # the planned file in a folder is the source too
    copy = tmp_path / "x.ttl"
    copy.write_bytes(SEED.read_bytes())
    result = run("convert", copy, "-o", tmp_path)
    assert result.exit_code == 2
    assert copy.read_bytes() == SEED.read_bytes()


def test_output_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.ttl"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "out.ttl"
    link.symlink_to(target)
    assert run("convert", SEED, "-o", link).exit_code == 0
    assert link.is_symlink()
    assert len(Graph().parse(target, format="turtle")) > 100
    dangling = tmp_path / "new.ttl"
    dangling.symlink_to(tmp_path / "real" / "new.ttl")
    assert run("convert", SEED, "-o", dangling).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "real" / "new.ttl").is_file()


@pytest.mark.parametrize("through_link", [False, True])
def test_output_to_a_fifo_writes_into_it(tmp_path: Path, through_link: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    output = fifo
    if through_link:
        output = tmp_path / "out.ttl"
        output.symlink_to(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("convert", SEED, "-o", output)
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(Graph().parse(data=received[0], format="turtle")) > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["pipe"] + (["out.ttl"] if through_link else []))


def test_output_to_dev_null_leaves_the_device_alone(tmp_path: Path) -> None:
    link = tmp_path / "null.ttl"
    link.symlink_to("/dev/null")
    assert run("convert", SEED, "-o", link).exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and link.is_symlink()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_outputs_get_the_users_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        assert run("convert", SEED, NOTICE, "-o", tmp_path / "out").exit_code == 0
    finally:
        os.umask(old)
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()} == {mode}


def test_a_replaced_output_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert run("convert", SEED, "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text() != "old"


def test_several_sources_and_a_file_name_for_output(tmp_path: Path) -> None:
    result = run("convert", SEED, NOTICE, "-o", tmp_path / "x.ttl")
    assert result.exit_code == 2
    assert "looks like a file name" in result.stderr and "x.ttl/" in result.stderr
    assert list(tmp_path.iterdir()) == []
    result = run("convert", SEED, NOTICE, "-o", f"{tmp_path / 'x.ttl'}/")
    assert result.exit_code == 0
    assert len([p for p in (tmp_path / "x.ttl").iterdir() if p.suffix == ".ttl"]) == 2


def test_an_output_whose_parent_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("convert", SEED, "-o", blocker / "sub" / "out.ttl")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{blocker}: is a file")


def test_a_batch_goes_on_past_an_output_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "out" / "aanhangsel-1064.ttl").mkdir(parents=True)
    result = run("convert", SEED, NOTICE, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "aanhangsel-1064.ttl: is a folder" in result.stderr
    assert (tmp_path / "out" / "mededeling-2024Z02569.ttl").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("convert", SEED, NOTICE, "-o", folder)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr


def test_a_refused_write_is_exit_2_with_the_path(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only folder does (simulated: the tests may run as root)."""
    import kv2rdf.output

    def refused(target: Path, replaced: object) -> Path:
        tmp = f".{target.name}.kv2rdf-{os.getpid()}-0a1b2c3d.tmp"
        raise PermissionError(13, "Permission denied", str(target.parent / tmp))

    monkeypatch.setattr(kv2rdf.output, "_create_temporary", refused)
    result = run("convert", SEED, NOTICE, "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    for name in ("aanhangsel-1064.ttl", "mededeling-2024Z02569.ttl"):  # each named, none lost
        assert sum(line.endswith(f"{tmp_path / 'out' / name}: cannot write: Permission denied")
                   for line in lines) == 1, lines
    assert "Traceback" not in result.stderr


def test_a_temporary_file_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f".out.ttl.kv2rdf-{dead.stdout.strip()}-0badc0de.tmp"
    stale.write_text("half a file", encoding="utf-8")
    live = tmp_path / f".other.ttl.kv2rdf-{os.getppid()}-0123abcd.tmp"  # a running process
    live.write_text("being written", encoding="utf-8")
    assert run("convert", SEED, "-o", tmp_path / "out.ttl").exit_code == 0
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "out.ttl"]
    assert remove_stale_temporaries(tmp_path) == []


def test_kill_9_during_a_write_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    """A real kill: the child stops inside the write, the next run cleans its folder."""
    script = ("import os, signal, sys\nfrom pathlib import Path\nimport kv2rdf.output as o\n"
              "real = o._create_temporary\n"
              "def create(target, replaced):\n"
              "    tmp = real(target, replaced)\n"
              "    tmp.write_text('half')\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n"
              "o._create_temporary = create\n"
              "o.write_atomic(Path(sys.argv[1]), 'whole')\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out.ttl")],
                          check=False)
    assert done.returncode == -9
    assert [p.name.endswith(".tmp") for p in tmp_path.iterdir()] == [True]
    assert run("convert", SEED, "-o", tmp_path / "out.ttl").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


# ---- file names that are not UTF-8 ---------------------------------------------------------

def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/vraag-\xff.md"
    with open(odd, "wb") as fh:
        fh.write(SEED.read_bytes())
    broken = tmp_path / "broken.md"
    broken.write_text("niets\n", encoding="utf-8")
    done = run_capped("convert", odd, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "vraag-\ufffd.md".encode() in done.stdout
    done = run_capped("convert", odd, broken, "-o", "out/", cwd=tmp_path)
    assert done.returncode == 2  # broken.md is no document; the other is written
    assert b"broken.md:1: not a Kamervragen document" in done.stderr
    written = sorted(os.listdir(os.fsencode(tmp_path / "out")))
    assert written == [b".kv2rdf-manifest.json", b"vraag-\xff.ttl"]
    done = run_capped("validate", b"out/vraag-\xff.ttl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "out/vraag-\ufffd.ttl: conforms".encode() in done.stdout
    done = run_capped("load", odd, "--store", "store", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "vraag-\ufffd.md".encode() in done.stderr
    missing = os.fsencode(tmp_path) + b"/weg-\xfe.ttl"
    done = run_capped("validate", missing, cwd=tmp_path)
    assert done.returncode == 2 and b"weg-\xef\xbf\xbd.ttl" in done.stderr


# ---- endpoint URLs and passwords ------------------------------------------------------------

SECRET = "Pa55-w0rd"
SHAPES = {  # URL shapes a user may type, each holding SECRET (or parts of it)
    "no scheme": f"alice:{SECRET}@127.0.0.1:9",
    "no scheme, no port": f"alice:{SECRET}@localhost/ds",
    "slash in the password": "http://alice:Pa55/w0rd@127.0.0.1:9/",
    "hash in the password": "http://alice:Pa55#w0rd@127.0.0.1:9/",
    "question mark in the password": "http://alice:Pa55?w0rd@127.0.0.1:9/",
    "at sign in the password": "http://alice:Pa55@w0rd@127.0.0.1:9/",
    "percent-encoded": "http://alice:Pa55%2Fw0rd@127.0.0.1:9/",
    "plain": f"http://alice:{SECRET}@127.0.0.1:9/",
    "bad port": f"http://alice:{SECRET}@127.0.0.1:99999/",
    "port not a number": f"http://alice:{SECRET}@127.0.0.1:port/",
    "broken IPv6": f"http://alice:{SECRET}@[::1/",
    "no host": f"http://alice:{SECRET}@/sparql",
    "another scheme": f"ftp://alice:{SECRET}@127.0.0.1:9/",
    "in the query string": f"http://127.0.0.1:9/sparql?password={SECRET}",
}
PIECES = ("Pa55", "w0rd", "Pa55%2Fw0rd")


@pytest.mark.parametrize("url", SHAPES.values(), ids=SHAPES.keys())
def test_a_password_in_the_endpoint_is_never_printed(tmp_path: Path, url: str) -> None:
    for args in (["load", SEED, "--endpoint", url, "--timeout", "2"],
                 ["query", "ASK {}", "--endpoint", url, "--timeout", "2"],
                 ["query", "ASK {}", "--endpoint", "http://127.0.0.1:9/", "--query-url", url,
                  "--timeout", "2"]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert not any(piece in result.output for piece in PIECES), result.output
        assert "internal error" not in result.output


@pytest.mark.parametrize(("url", "message"), [
    ("alice:pw@127.0.0.1:9", "…@127.0.0.1:9: not an http(s) endpoint URL"),
    ("http://alice:p/w@127.0.0.1:9/", "http://…@127.0.0.1:9/: the endpoint URL has an '@' "
                                      "after its host"),
    ("http://[::1", "http://[::1: not a valid endpoint URL"),
    ("http://127.0.0.1:99999/", "the port of the endpoint URL is not a number"),
    ("http:///sparql", "the endpoint URL names no host"),
])
def test_a_malformed_endpoint_url_says_what_is_wrong(url: str, message: str) -> None:
    result = run("query", "ASK {}", "--endpoint", url)
    assert result.exit_code == 2
    assert message in result.stderr


# ---- more careless input -------------------------------------------------------------------

def test_a_small_file_describing_many_triples_stops_at_the_limit(tmp_path: Path) -> None:
    depth = 250_000  # a 1.3 MB Turtle collection nested 250,000 deep: over 500,000 triples
    (tmp_path / "deep.ttl").write_text("<http://e/a> <http://e/p> " + "( " * depth + "1"
                                       + " )" * depth + " .\n", encoding="utf-8")
    for command in (["validate", "deep.ttl"], ["load", "deep.ttl", "--store", "store"]):
        done = run_capped(*command, cwd=tmp_path)
        assert done.returncode == 2, done.stderr.decode()
        assert b"deep.ttl: holds more than 200,000 triples" in done.stderr


def test_the_triple_limit_applies_to_every_rdf_format(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TRIPLES", 100)
    for fmt, suffix in (("turtle", ".ttl"), ("nt", ".nt"), ("trig", ".trig"),
                        ("jsonld", ".jsonld")):
        out = tmp_path / f"out{suffix}"
        assert run("convert", SEED, "-t", fmt, "-o", out).exit_code == 0
        result = run("validate", out)
        assert result.exit_code == 2
        assert "holds more than 100 triples" in result.stderr


def test_query_and_shapes_files_are_size_limited(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KV2RDF_MAX_INPUT_MB", "1")
    result = run("query", "@/dev/zero", "--store", tmp_path / "store")
    assert result.exit_code == 2 and "/dev/zero: goes on past the limit" in result.stderr
    result = run("query", "@-", "--store", tmp_path / "store", input=b"#" * (2 << 20))
    assert result.exit_code == 2 and "standard input" in result.stderr
    result = run("validate", SEED_TTL, "--shapes", "/dev/zero")
    assert result.exit_code == 2 and "/dev/zero: goes on past the limit" in result.stderr


@pytest.mark.parametrize("args", [
    ["query", "ASK { ?s ?p \"\udcff\" }", "--store", "store"],
    ["load", SEED, "--base", "https://example.org/\udcff/", "--store", "store"],
    ["convert", SEED, "--base", "https://example.org/\udcff/"],
    ["query", "ASK {}", "--endpoint", "http://127.0.0.1:9/\udcff"],
])
def test_arguments_that_are_not_utf8(tmp_path: Path, args: list[object]) -> None:
    assert run("load", SEED, "--store", tmp_path / "store").exit_code == 0
    done = run_capped(*[os.fsencode(str(a)) for a in args], cwd=tmp_path)
    assert done.returncode == 2, done.stderr.decode()
    assert b"not UTF-8" in done.stderr


@pytest.mark.parametrize("timeout", ["inf", "nan", "-1", "0"])
def test_a_timeout_that_is_no_number_of_seconds(timeout: str) -> None:
    result = run("query", "ASK {}", "--endpoint", "http://127.0.0.1:9/", "--timeout", timeout)
    assert result.exit_code == 2
    assert "--timeout" in result.output and "internal error" not in result.output


def test_an_empty_output_name(tmp_path: Path) -> None:
    result = run("convert", SEED, "-o", "")
    assert result.exit_code == 2
    assert "-o needs a file or folder name" in result.stderr


def test_a_source_named_twice_is_converted_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_bytes(NOTICE.read_bytes())
    result = run("convert", folder, folder / "a.md", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.ttl")) == ["a.ttl", "b.ttl"]


@pytest.mark.parametrize("name", ["/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_standard_output_by_name_appends_to_a_redirected_file(tmp_path: Path,
                                                                      name: str) -> None:
    """Like ``kv2rdf convert x -o /dev/stdout >> all.ttl``: the file is not replaced."""
    collected = tmp_path / "all.ttl"
    collected.write_text("# before\n", encoding="utf-8")
    with collected.open("ab") as out:
        done = subprocess.run([sys.executable, "-m", "kv2rdf", "convert", str(SEED), "-o", name],
                              stdout=out, stderr=subprocess.PIPE, check=False, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    text = collected.read_text(encoding="utf-8")
    assert text.startswith("# before\n@prefix")
    assert len(Graph().parse(data=text, format="turtle")) > 100
    piped = subprocess.run([sys.executable, "-m", "kv2rdf", "convert", str(SEED), "-o", name],
                           capture_output=True, check=False, timeout=60)
    assert piped.returncode == 0 and piped.stdout.startswith(b"@prefix")


def test_convert_with_standard_output_closed(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kv2rdf", "convert", str(SEED)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          timeout=60, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr


@pytest.mark.parametrize("forced", [None, "pdf", "xml", "html", "markdown", "text"])
def test_binary_garbage_as_a_source(tmp_path: Path, forced: str | None) -> None:
    garbage = bytes((i * 7919 + 13) % 256 for i in range(100_000))
    for suffix in (".pdf", ".md", ".xml", ".html", ".txt"):
        source = tmp_path / f"garbage{suffix}"
        source.write_bytes(garbage)
        result = run("convert", source, *(["--from", forced] if forced else []))
        assert result.exit_code == 2, (suffix, result.output)
        assert result.stderr.startswith(f"{source}")


def test_a_huge_line_converts_in_bounded_time_and_memory(tmp_path: Path) -> None:
    words = "de minister heeft over het verdwijnen van de vraag een antwoord gegeven " * 60_000
    (tmp_path / "line.txt").write_text(
        "Vragen van het lid Jansen (VVD) aan de Minister van Financiën over iets (ingezonden "
        f"1 maart 2024).\n\nVraag 1\n\n{words}\n", encoding="utf-8")
    done = run_capped("convert", "line.txt", "-o", "out.ttl", cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out.ttl").stat().st_size > len(words)


def test_an_output_name_of_the_longest_length(tmp_path: Path) -> None:
    out = tmp_path / ("é" * 124 + ".ttl")  # 252 bytes: the longest a name may be, nearly
    assert run("convert", SEED, "-o", out).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    result = run("convert", SEED, "-o", tmp_path / ("x" * 300 + ".ttl"))
    assert result.exit_code == 2 and "File name too long" in result.stderr


def test_a_source_name_too_long(tmp_path: Path) -> None:
    name = tmp_path / ("x" * 300 + ".md")
    for args in (["convert", name], ["convert", name, "-o", tmp_path / "out"],
                 ["load", name, "--store", tmp_path / "store"], ["validate", name]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "File name too long" in result.stderr


def test_a_store_name_too_long(tmp_path: Path) -> None:
    store = tmp_path / ("s" * 300)
    for args in (["load", SEED, "--store", store], ["query", "ASK {}", "--store", store]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "cannot open the store: File name too long" in result.stderr
