"""The command line: outputs, and every exit code (0 ok, 1 violations, 2 bad input, 3 bug)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kv2rdf import cli
from kv2rdf.namespaces import SCHEMA
from tests.helpers import ROOT

SEED = ROOT / "examples" / "aanhangsel-1064.md"
NOTICE = ROOT / "examples" / "mededeling-2024Z02569.txt"


def run(*args: str) -> object:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def test_convert_to_file_then_validate(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = run("convert", SEED, "-o", out)
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(out)) > 100
    result = run("validate", out)
    assert result.exit_code == 0
    assert "conforms" in result.stdout


def test_convert_to_stdout(tmp_path: Path) -> None:
    result = run("convert", NOTICE)
    assert result.exit_code == 0
    assert "kv:PostponementNotice" in result.stdout


@pytest.mark.parametrize(("fmt", "suffix"), [("nt", ".nt"), ("jsonld", ".jsonld"),
                                             ("trig", ".trig"), ("turtle", ".ttl")])
def test_several_sources_into_a_folder(tmp_path: Path, fmt: str, suffix: str) -> None:
    result = run("convert", SEED, NOTICE, "-o", tmp_path / "out", "-t", fmt)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("[!.]*")) == [
        f"aanhangsel-1064{suffix}", f"mededeling-2024Z02569{suffix}"]


def test_same_input_same_bytes(tmp_path: Path) -> None:
    run("convert", SEED, "-o", tmp_path / "a.ttl")
    run("convert", SEED, "-o", tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_dropping_a_question_text_fails_validation(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    run("convert", SEED, "-o", out)
    graph = Graph().parse(out)
    question = URIRef("https://w3id.org/kv2rdf/id/kamervraag/ah-tk-20232024-1064/vraag/3")
    graph.remove((question, SCHEMA.text, None))
    graph.serialize(out, format="turtle")
    result = run("validate", out)
    assert result.exit_code == 1
    assert "vraag/3" in result.stdout
    result = run("validate", out, "--format", "json")
    assert result.exit_code == 1
    assert '"conforms": false' in result.stdout


def test_convert_validate_reports_violations(tmp_path: Path) -> None:
    source = tmp_path / "bad-date.txt"
    source.write_text(NOTICE.read_text(encoding="utf-8").replace("15 februari 2024",
                                                                 "31 februari 2024"))
    result = run("convert", source, "--validate", "-o", tmp_path / "out.ttl")
    assert result.exit_code == 1
    assert "dateSubmitted" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    (b"Notulen van de vergadering van 3 mei.\nAanwezig: iedereen.\n",
     "not a Kamervragen document"),
    (b"", "empty file"),
    (b"Vragen van\n\xff\xfe\xfa\n", "not UTF-8 text"),
])
def test_bad_input_exits_2_without_output(tmp_path: Path, content: bytes,
                                          message: str) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    out = tmp_path / "out.ttl"
    result = run("convert", source, "-o", out)
    assert result.exit_code == 2
    assert f"{source}:" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_missing_file_and_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run("convert", tmp_path / "nope.txt", "-o", tmp_path / "out.ttl")
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
    assert run("convert", SEED, "-t", "rdfxml").exit_code == 2
    assert run("convert", SEED, "--base", "not an iri").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_unreadable_rdf_exits_2(tmp_path: Path) -> None:
    data = tmp_path / "broken.ttl"
    data.write_text("<a> <b> .\n")
    result = run("validate", data)
    assert result.exit_code == 2
    assert "broken.ttl" in result.stderr


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    source = tmp_path / "q.txt"
    source.write_text("Vragen van het lid Jansen (VVD) aan de Minister van Financiën over iets "
                      "(ingezonden 1 maart 2024).\nAntwoord van Minister Dam (Financiën) "
                      "(ontvangen 2 april 2024).\nVraag 1\nA?\nAntwoord 1\nJa.\nAntwoord 2\n"
                      "Nee.\n")
    lenient = run("convert", source, "-o", tmp_path / "a.ttl")
    assert lenient.exit_code == 0
    assert "warning: Antwoord 2 answers question 2" in lenient.stderr
    strict = run("convert", source, "--strict", "-o", tmp_path / "b.ttl")
    assert strict.exit_code == 2
    assert not (tmp_path / "b.ttl").exists()


def test_internal_error_exits_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "convert_source", broken)
    result = run("convert", SEED, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 3
    assert "internal error" in result.stderr
    assert "please report" in result.stderr


def test_formats_lists_input_and_output_formats() -> None:
    result = run("formats")
    assert result.exit_code == 0
    for name in ("text", "markdown", "turtle", "nt", "jsonld", "trig"):
        assert name in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert "kv2rdf" in result.stdout


def test_sources_with_the_same_name_get_their_own_outputs(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "source.txt").write_bytes(NOTICE.read_bytes())
    (tmp_path / "a" / "NOTES.md").write_text("Where these came from.\n")
    result = run("convert", tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("[!.]*")) == ["a-source.ttl",
                                                                    "b-source.ttl"]


@pytest.mark.parametrize("fmt", ["trig", "nt", "jsonld", "turtle"])
def test_validate_reads_every_output_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{'ttl' if fmt == 'turtle' else fmt}"
    run("convert", SEED, "-t", fmt, "-o", out)
    result = run("validate", out, "--format", "json")
    assert result.exit_code == 0
    # the two people (Erdmans, Helder) are not matched to TK ids: proof the data was read
    assert '"warnings": 2' in result.stdout


def test_an_unreadable_file_wins_over_violations_and_the_rest_is_validated(
        tmp_path: Path) -> None:
    violating = tmp_path / "violating.ttl"
    run("convert", SEED, "-o", violating)
    graph = Graph().parse(violating)
    question = URIRef("https://w3id.org/kv2rdf/id/kamervraag/ah-tk-20232024-1064/vraag/3")
    graph.remove((question, SCHEMA.text, None))
    graph.serialize(violating, format="turtle")
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    result = run("validate", empty, violating)
    assert result.exit_code == 2
    assert f"{violating}: does not conform" in result.stdout
    assert f"{empty}: holds no triples" in result.stderr


def test_convert_goes_on_after_a_failing_source_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Notulen.\n", encoding="utf-8")
    result = run("convert", bad, SEED, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{bad}:1: not a Kamervragen document" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == [
        "aanhangsel-1064.ttl"]  # beside the batch manifest


def test_ctrl_c_exits_130_and_leaves_no_output(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    fifo = tmp_path / "waiting.md"
    os.mkfifo(fifo)  # nobody writes: the command waits until it is interrupted
    # a suite started in the background inherits an ignored SIGINT (as nohup and `&` leave
    # it); the child is given the default, as a terminal gives it, so Ctrl-C reaches it
    child = subprocess.Popen([sys.executable, "-m", "kv2rdf", "convert", str(fifo), "-o",
                              str(tmp_path / "out.ttl")], stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while True:  # a FIFO opens for writing once its reader has it open: kv2rdf is reading
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)
    try:
        _, stderr = child.communicate(timeout=30)
    finally:
        os.close(writer)
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 130
    assert stderr.decode().strip().endswith("kv2rdf: interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["waiting.md"]


def test_the_readme_exit_code_table_names_every_code_the_cli_uses() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    codes = {int(line.split("|")[1]) for line in table.splitlines() if line[:3].strip("| ")
             .isdigit()}
    assert codes == {0, 1, 2, 3, 130}
    assert {cli.InputError.exit_code, cli.InternalError.exit_code,
            cli.Interrupted.exit_code} <= codes


@pytest.mark.parametrize("report_format", ["json", "junit"])
def test_ci_reports_name_an_unreadable_file(tmp_path: Path, report_format: str) -> None:
    import json
    from xml.etree import ElementTree

    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    good = tmp_path / "good.ttl"
    run("convert", SEED, "-o", good)
    result = run("validate", good, broken, "--format", report_format)
    assert result.exit_code == 2
    if report_format == "json":
        entries = json.loads(result.stdout)
        assert [e["file"] for e in entries] == [str(good), str(broken)]
        assert entries[0]["report"]["conforms"] is True
        assert entries[1]["error"].startswith(f"{broken}:1: not valid Turtle")
    else:
        suite = ElementTree.fromstring(result.stdout).find("testsuite")
        assert suite is not None
        assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("2", "1", "0")
        [error] = suite.iter("error")
        assert "not valid Turtle" in (error.get("message") or "")


def test_an_ill_typed_literal_is_a_violation_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "bad-date.ttl"
    text = (ROOT / "examples" / "aanhangsel-1064.ttl").read_text(encoding="utf-8")
    data.write_text(text.replace('"2024-02-16"^^xsd:date', '"2024-02-31"^^xsd:date'),
                    encoding="utf-8")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kv2rdf", "validate", str(data)],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1
    assert "dateSubmitted" in done.stdout
    assert "Traceback" not in done.stderr and done.stderr == ""


def test_an_internal_error_never_shows_a_password(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("cannot reach http://alice:Pa55w0rd@store.example:7878/query")

    monkeypatch.setattr(cli, "convert_source", broken)
    result = run("convert", SEED, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 3
    assert "http://…@store.example:7878/query" in result.stderr
    assert "Pa55w0rd" not in result.output and "alice" not in result.output


def test_validate_takes_a_folder_of_rdf_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", SEED, NOTICE, "-o", out).exit_code == 0
    (out / "NOTES.md").write_text("not RDF\n", encoding="utf-8")
    result = run("validate", out, "--format", "json", "-j", "1")
    assert result.exit_code == 0, result.output
    files = [entry["file"] for entry in json.loads(result.stdout)]
    assert files == [str(out / "aanhangsel-1064.ttl"), str(out / "mededeling-2024Z02569.ttl")]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("validate", empty)
    assert result.exit_code == 2 and "no RDF files found" in result.stderr


def test_dash_reads_standard_input_for_convert_and_validate(tmp_path: Path) -> None:
    from_file = run("convert", SEED)
    from_stdin = CliRunner().invoke(cli.main, ["convert", "-"], input=SEED.read_bytes())
    assert from_stdin.exit_code == 0, from_stdin.output
    # the same bytes, but for the source's title: IRIs come from the content, not the name
    assert from_stdin.stdout.replace('"<stdin>"', '"aanhangsel-1064.md"') == from_file.stdout
    checked = CliRunner().invoke(cli.main, ["validate", "-"], input=from_stdin.stdout)
    assert checked.exit_code == 0 and checked.stdout.startswith("<stdin>: conforms")
    bad = CliRunner().invoke(cli.main, ["convert", "-"], input=b"Notulen van de vergadering.\n")
    assert bad.exit_code == 2 and bad.stderr.startswith("<stdin>:1: not a Kamervragen document")
    both = run("convert", "-", SEED)
    assert both.exit_code == 2 and "standard input" in both.stderr
