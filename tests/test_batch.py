"""Batches of many documents: parallel = serial byte for byte, incremental re-runs, failures
that stop nothing, bulk validation = one-by-one validation, bulk loads, shards."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kv2rdf import cli, manifest
from kv2rdf.batch import in_shard, parse_shard
from kv2rdf.bulk_validation import plan_runs, validate_many
from kv2rdf.errors import Kv2RdfError
from kv2rdf.store.local import LocalStore
from kv2rdf.validation import validate
from tests.helpers import CASES, ROOT, TESTS

_spec = importlib.util.spec_from_file_location("generate_corpus",
                                               ROOT / "benchmarks" / "generate_corpus.py")
assert _spec and _spec.loader
generator: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)


def invoke(*args: object) -> Any:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def make_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` documents: the text, markdown and XML cases with varied identifiers."""
    found = generator.templates()
    paths = []
    for index in range(start, start + count):
        source, number, year, names = found[index % len(found)]
        path = folder / f"doc-{index:04d}{source.suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generator.variant(source.read_text(encoding="utf-8"), number, year,
                                          index, names), encoding="utf-8")
        paths.append(path)
    return paths


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("[!.]*"))}


def messages(result: Any) -> list[str]:
    """stderr without the summary line (it holds the time)."""
    return [line for line in result.stderr.splitlines() if not line.startswith("kv2rdf: ")]


def summary(result: Any) -> str:
    return next(line for line in result.stderr.splitlines() if line.startswith("kv2rdf: "))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, N)
    return folder


N = 16  # documents in the shared test corpus


def test_the_generated_documents_are_distinct_documents(corpus: Path, tmp_path: Path) -> None:
    result = invoke("convert", corpus, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 0, result.output
    works = set()
    for path in (tmp_path / "out").glob("*.ttl"):
        graph = Graph().parse(path)
        works |= {str(s) for s in graph.subjects() if "/id/antwoord/" in str(s)
                  and str(s).count("/") == 6}
    assert len(works) == N


def test_parallel_output_is_byte_identical_to_serial(corpus: Path, tmp_path: Path) -> None:
    serial = invoke("convert", corpus, "-o", tmp_path / "serial", "-j", "1", "--validate")
    parallel = invoke("convert", corpus, "-o", tmp_path / "parallel", "-j", "2", "--validate")
    assert serial.exit_code == parallel.exit_code == 0, parallel.output
    assert files(tmp_path / "serial") == files(tmp_path / "parallel")
    assert len(files(tmp_path / "serial")) == N
    assert messages(serial) == messages(parallel)
    assert any("warning" in line for line in messages(serial))
    assert f"{N} documents ({N} converted)" in summary(parallel)


def test_a_rerun_over_an_unchanged_corpus_converts_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = invoke("convert", corpus, "-o", out, "-j", "1")
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.ttl")}
    again = invoke("convert", corpus, "-o", out, "-j", "1")
    assert again.exit_code == 0
    assert f"{N} documents (0 converted, {N} unchanged)" in summary(again)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.ttl")} == stamps
    assert messages(again) == messages(first)  # the warnings are told again
    forced = invoke("convert", corpus, "-o", out, "-j", "1", "--force")
    assert f"({N} converted)" in summary(forced)


def test_only_new_changed_or_lost_documents_are_converted(tmp_path: Path) -> None:
    corpus, out = tmp_path / "in", tmp_path / "out"
    paths = make_corpus(corpus, 20)
    invoke("convert", corpus, "-o", out, "-j", "1")
    make_corpus(corpus, 1, start=20)  # 5 % new
    paths[0].write_bytes(paths[0].read_bytes().replace(b"Vraag 1", b"Vraag 1 "))
    (out / f"{paths[1].stem}.ttl").unlink()
    (out / f"{paths[2].stem}.ttl").write_text("changed by hand\n", encoding="utf-8")
    result = invoke("convert", corpus, "-o", out, "-j", "1")
    assert "21 documents (4 converted, 17 unchanged)" in summary(result)
    whole = invoke("convert", corpus, "-o", tmp_path / "whole", "-j", "1")
    assert whole.exit_code == 0
    assert files(out) == files(tmp_path / "whole")


def test_a_new_kv2rdf_redoes_everything(corpus: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    invoke("convert", corpus, "-o", out, "-j", "1")
    monkeypatch.setattr(manifest, "engine_digest", lambda: "another version")
    assert f"({N} converted)" in summary(invoke("convert", corpus, "-o", out, "-j", "1"))
    # options that change the output count too
    assert f"({N} converted)" in summary(invoke("convert", corpus, "-o", out, "-j", "1",
                                              "--base", "https://example.org/"))


def test_one_failing_document_in_many_is_reported_and_the_rest_land(corpus: Path,
                                                                    tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in corpus.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "doc-0007b.txt").write_text("Notulen van de vergadering van 3 mei.\n",
                                          encoding="utf-8")
    result = invoke("convert", folder, "-o", tmp_path / "out", "-j", "2")
    assert result.exit_code == 2
    assert any(line.startswith(f"{folder / 'doc-0007b.txt'}:1: ") for line in messages(result))
    assert len(files(tmp_path / "out")) == N
    assert "1 failures" in summary(result)
    again = invoke("convert", folder, "-o", tmp_path / "out", "-j", "2")
    assert again.exit_code == 2  # a failure is never recorded as done
    assert f"(0 converted, {N} unchanged, 1 failed)" in summary(again)


def test_validate_many_files_in_bulk(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke("convert", corpus, "-o", out, "-j", "1")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    data = sorted(out.glob("*.ttl"))
    bulk = invoke("validate", *data, bad, "--format", "json", "-j", "2")
    assert bulk.exit_code == 2
    assert any(line.startswith(f"{bad}:1: not valid Turtle") for line in messages(bulk))
    tree = json.loads(bulk.stdout)
    assert [entry["file"] for entry in tree] == [str(p) for p in data] + [str(bad)]
    assert "error" in tree[-1] or "errors" in tree[-1] or tree[-1].get("conforms") is False
    for path in data[:4]:
        single = invoke("validate", path, "--format", "json")
        assert single.exit_code == 0
        assert json.loads(single.stdout) == [e for e in tree if e["file"] == str(path)]


def _graphs(paths: list[Path]) -> list[Graph]:
    return [Graph().parse(p) for p in paths]


NEGATIVE = sorted(p for p in (TESTS / "shapes" / "invalid").glob("*.ttl")
                  if not p.name.endswith(".expected.ttl"))
GOLDEN = sorted(CASES.glob("*/expected.ttl"))


def test_bulk_validation_equals_one_by_one_on_every_negative_case_and_golden() -> None:
    graphs = _graphs(NEGATIVE + GOLDEN)
    bulk = validate_many(graphs)
    single = [validate(g) for g in graphs]
    for path, one, many in zip(NEGATIVE + GOLDEN, single, bulk, strict=True):
        # pySHACL's order of results with equal focus, shape and message is its own
        assert sorted(many.results, key=repr) == sorted(one.results, key=repr), path.name
        assert [r.focus for r in many.results] == [r.focus for r in one.results]
    assert sum(not r.conforms for r in single) >= len(NEGATIVE) // 2  # the cases do fail


def test_documents_that_could_see_each_other_are_never_validated_together(
        corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke("convert", corpus, "-o", out, "-j", "1")
    generated = _graphs(sorted(out.glob("*.ttl")))
    runs = plan_runs(generated)
    assert len(runs) < len(generated) / 3  # independent documents do share runs
    golden = _graphs(GOLDEN)
    # the same answer as text, PDF, markdown and XML: one question set, never in one run
    same = [i for i, p in enumerate(GOLDEN) if p.parent.name.endswith("20232024-1949")]
    assert len(same) >= 3
    for run in plan_runs(golden):
        assert len(set(run) & set(same)) <= 1


@pytest.mark.parametrize("count", [2, 3, 7])
def test_shards_split_the_inputs_and_their_union_is_the_whole(count: int) -> None:
    paths = [Path(f"corpus/{i // 100}/doc-{i:05d}.xml") for i in range(500)]
    shards = [{p for p in paths if in_shard(p, (i, count))} for i in range(1, count + 1)]
    assert set().union(*shards) == set(paths)
    assert sum(len(s) for s in shards) == len(paths)
    assert min(len(s) for s in shards) > len(paths) / count / 2


def test_shard_runs_together_make_the_whole_run(corpus: Path, tmp_path: Path) -> None:
    for shard in ("1/3", "2/3", "3/3"):
        result = invoke("convert", corpus, "-o", tmp_path / "sharded", "-j", "1",
                        "--shard", shard)
        assert result.exit_code == 0, result.output
    invoke("convert", corpus, "-o", tmp_path / "whole", "-j", "1")
    assert files(tmp_path / "sharded") == files(tmp_path / "whole")
    with pytest.raises(Kv2RdfError):
        parse_shard("4/3")


def test_bulk_load_is_idempotent_and_shares_entities(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = invoke("load", corpus, "--store", store, "-j", "2")
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines()[-1].startswith(f"loaded {N} graphs")
    again = invoke("load", corpus, "--store", store, "-j", "1")
    assert again.stderr.splitlines()[-1] == first.stderr.splitlines()[-1]
    db = LocalStore(store, create=False)
    try:
        rows = db.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p a foaf:Person } } "
                        "GROUP BY ?g").rows
        assert [r[0].value for r in rows] == ["https://w3id.org/kv2rdf/graaf/gedeeld"]
        people = db.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }").rows[0][0]
        distinct = db.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }")
        assert people.value == distinct.rows[0][0].value  # each person once
        asked = db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kv:WrittenQuestions }").rows[0][0]
        assert int(asked.value) >= N
    finally:
        db.close()


def test_load_resumes_from_its_manifest(corpus: Path, tmp_path: Path) -> None:
    store, record = tmp_path / "store", tmp_path / "loaded.json"
    first = invoke("load", corpus, "--store", store, "-j", "1", "--manifest", record)
    assert first.exit_code == 0, first.output
    again = invoke("load", corpus, "--store", store, "-j", "1", "--manifest", record)
    assert f"(0 loaded, {N} unchanged)" in summary(again)
    assert again.stderr.splitlines()[-1].endswith(first.stderr.splitlines()[-1].split(";")[1])
