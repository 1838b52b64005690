"""``kv2rdf load --validate``: documents that violate the shapes are reported and left out."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kv2rdf import cli
from kv2rdf.store.local import LocalStore
from tests.helpers import CASES, ROOT

INVALID = ROOT / "tests" / "shapes" / "invalid" / "AnswerDocumentShape-001.ttl"
BAD_GRAPH = "https://w3id.org/kv2rdf/id/antwoord/ah-tk-20232024-1187.xml"
SOURCES = ("seed-000-mededeling/source.txt", "seed-004-aanhangsel-1064/source.txt",
           "markdown-ah-tk-20232024-302/source.md", "markdown-ah-tk-20232024-387/source.md",
           "xml-ah-tk-20232024-260/source.xml", "xml-ah-tk-20222023-2824/source.xml",
           "text-ah-tk-20232024-1481/source.txt", "text-ah-tk-20232024-1949/source.txt")


def invoke(*args: object) -> Any:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Eight source documents and, among them, one RDF file that violates the shapes."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number, name in enumerate(SOURCES):
        if number == 3:
            shutil.copy(INVALID, folder / "d-invalid.ttl")
        source = CASES / name
        shutil.copy(source, folder / f"d{number}-{source.parent.name}{source.suffix}")
    return folder


def graphs(store: Path) -> set[str]:
    opened = LocalStore(store, create=False)
    try:
        return {row[0].value for row in opened.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
    finally:
        opened.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_violating_document_is_reported_and_the_rest_load(inputs: Path, tmp_path: Path,
                                                            jobs: str) -> None:
    store = tmp_path / f"store-{jobs}"
    result = invoke("load", "--validate", "--no-link", "-j", jobs, inputs, "--store", store)
    assert result.exit_code == 1, result.output
    assert (f"{inputs / 'd-invalid.ttl'}: not loaded: 3 violation(s), 0 warning(s)"
            in result.output)
    assert "Value does not match pattern '/id/antwoord/[0-9A-Za-z-]+$'" in result.output
    assert "(8 loaded, 1 not loaded)" in result.output
    assert "loaded 8 graphs" in result.output
    loaded = graphs(store)
    assert BAD_GRAPH not in loaded
    assert "https://w3id.org/kv2rdf/id/antwoord/ah-tk-20232024-1064" in loaded
    assert len(loaded) == 9  # the eight documents and the shared graph


def test_without_validate_the_same_document_loads(inputs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = invoke("load", "--no-link", "-j", "1", inputs, "--store", store)
    assert result.exit_code == 0, result.output
    assert BAD_GRAPH in graphs(store)


def test_a_rerun_with_the_manifest_tries_only_the_violating_document(inputs: Path,
                                                                     tmp_path: Path) -> None:
    store, manifest = tmp_path / "store", tmp_path / "loaded.json"
    first = invoke("load", "--validate", "--no-link", "-j", "1", inputs, "--store", store,
                   "--manifest", manifest)
    assert first.exit_code == 1, first.output
    again = invoke("load", "--validate", "--no-link", "-j", "1", inputs, "--store", store,
                   "--manifest", manifest)
    assert again.exit_code == 1, again.output
    assert "(0 loaded, 8 unchanged, 1 not loaded)" in again.output
    assert "d-invalid.ttl: not loaded: 3 violation(s)" in again.output


def test_both_engines_report_alike(inputs: Path, tmp_path: Path) -> None:
    runs = [invoke("-q", "load", "--validate", "--no-link", "-j", "1", "--engine", engine,
                   inputs, "--store", tmp_path / engine) for engine in ("fast", "pyshacl")]
    assert [r.exit_code for r in runs] == [1, 1]
    assert runs[0].output == runs[1].output
    assert "not loaded: 3 violation(s)" in runs[0].output


def test_warnings_of_the_shapes_are_warnings_that_quiet_leaves_unsaid(tmp_path: Path) -> None:
    """A document that only draws warnings (a person not reconciled) loads; -q hides them."""
    source = tmp_path / "one.md"  # its minister has a Wikidata id but no TK Persoon id
    shutil.copy(CASES / "markdown-ah-tk-20232024-302" / "source.md", source)
    said = invoke("load", "--validate", "--no-link", source, "--store", tmp_path / "a")
    assert said.exit_code == 0, said.output
    assert f"{source}: warning: 0 violation(s), " in said.output
    assert "Person not reconciled with a Tweede Kamer Persoon id." in said.output
    quiet = invoke("-q", "load", "--validate", "--no-link", source, "--store", tmp_path / "b")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output == ""
    assert "https://w3id.org/kv2rdf/id/antwoord/ah-tk-20232024-302" in graphs(tmp_path / "b")
