"""The store at corpus scale: re-loading, replacing documents, incremental linking, query plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kv2rdf import cli
from kv2rdf.store.bulk import shared_graph
from kv2rdf.store.linking import link
from kv2rdf.store.local import FLUSH_BYTES, LocalStore
from tests.helpers import CASES, ROOT

SHARED = shared_graph()
BOOK = "https://w3id.org/kv2rdf/id/koppelingen"
ID = "https://w3id.org/kv2rdf/id/"
LINKING = ROOT / "tests" / "linking"
QUESTIONS = LINKING / "vragen-sneller-quantum.txt"
NOTICES = [LINKING / "mededeling-sneller-quantum-1.txt", LINKING / "mededeling-sneller-quantum-2.txt"]
OTHER = LINKING / "vragen-sneller-ander-onderwerp.txt"
FOLLOW_UP = LINKING / "vragen-sneller-quantum-vervolg.txt"
ANSWER = CASES / "pdf-ah-tk-20232024-1178" / "source.pdf"
NOTICE = CASES / "seed-000-mededeling" / "source.txt"
TEXT_ANSWER = CASES / "seed-004-aanhangsel-1064" / "source.txt"


def load(store: Path, *paths: Path, link_after: bool = True) -> str:
    args = ["load", *map(str, paths), "--store", str(store), "-j", "1"]
    result = CliRunner().invoke(cli.main, args + ([] if link_after else ["--no-link"]))
    assert result.exit_code == 0, result.output
    return result.stderr


def quads(store: Path, *, links: bool = True) -> list[str]:
    """Every quad, sorted; without the graph of links' records unless ``links``."""
    db = LocalStore(store, create=False)
    narrow = "" if links else f"FILTER(?g != <{BOOK}>)"
    try:
        rows = db.query(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {narrow} }}").rows
        return sorted(" ".join(t.n3() if t else "" for t in row) for row in rows)
    finally:
        db.close()


def shared_subjects(store: Path) -> set[str]:
    db = LocalStore(store, create=False)
    try:
        query = f"SELECT DISTINCT ?s WHERE {{ GRAPH <{SHARED}> {{ ?s ?p ?o }} }}"
        return {row[0].value for row in db.query(query).rows if row[0]}
    finally:
        db.close()


def test_loading_the_same_documents_again_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    load(store, NOTICE, TEXT_ANSWER, QUESTIONS, ANSWER)
    first = quads(store)
    load(store, NOTICE, TEXT_ANSWER, QUESTIONS, ANSWER)
    assert quads(store) == first
    load(store, ANSWER, NOTICE)  # some of them again, in another order
    assert quads(store) == first


def test_replacing_a_document_takes_the_people_only_it_named_out_of_the_shared_graph(
        tmp_path: Path) -> None:
    store = tmp_path / "store"
    source = tmp_path / "aanhangsel-1064.txt"
    text = TEXT_ANSWER.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    load(store, source, NOTICE)
    before = shared_subjects(store)
    assert any("/persoon/naam/erdmans-" in s for s in before)
    # the questions were asked by another member after all: the same document, corrected
    source.write_text(text.replace("Erdmans", "Zwanenburgh"), encoding="utf-8")
    load(store, source)
    after = shared_subjects(store)
    assert not any("erdmans" in s for s in after)
    assert any("/persoon/naam/zwanenburgh-" in s for s in after)
    # what the other document names stays: its minister, its post, its ministry
    assert {s for s in before if "erdmans" not in s} <= after
    # and the store equals one loaded from the corrected document in the first place
    fresh = tmp_path / "fresh"
    load(fresh, source, NOTICE)
    assert quads(store) == quads(fresh)


ORDERS = [
    [[QUESTIONS], [NOTICES[0]], [ANSWER, OTHER], [NOTICES[1]], [FOLLOW_UP]],
    [[FOLLOW_UP, ANSWER], [NOTICES[1], OTHER], [QUESTIONS, NOTICES[0]]],
    [[NOTICES[1]], [NOTICES[0]], [FOLLOW_UP], [OTHER], [QUESTIONS], [ANSWER]],
]


@pytest.mark.parametrize("order", ORDERS, ids=["one-by-one", "in-pairs", "backwards"])
def test_linking_after_each_load_equals_one_full_link(tmp_path: Path,
                                                      order: list[list[Path]]) -> None:
    everything = [path for step in ORDERS[0] for path in step]
    full = tmp_path / "full"
    load(full, *everything, link_after=False)
    db = LocalStore(full, create=False)
    report = link(db)  # every question set at once
    db.close()
    assert len(report.links) == 3  # the questions and both notices join the answer
    steps = tmp_path / "steps"
    for paths in order:
        load(steps, *paths)  # each load links only the cases its documents touch
    # the documents, the derived facts and the follow-ups are the same; so is every alias's
    # way to the canonical set (the records of links made before the canonical set was
    # known name the set they were linked to then)
    assert quads(steps, links=False) == quads(full, links=False)
    assert aliases(steps) == aliases(full)
    db = LocalStore(steps, create=False)
    assert link(db).links == ()  # nothing left to link
    db.close()
    assert quads(steps, links=False) == quads(full, links=False)


def aliases(store: Path) -> dict[str, str]:
    """Each alias IRI and the canonical set it leads to over ``owl:sameAs``."""
    db = LocalStore(store, create=False)
    try:
        rows = db.query("SELECT ?a ?c WHERE { ?a owl:sameAs ?c }").rows
    finally:
        db.close()
    same = {row[0].value: row[1].value for row in rows if row[0] and row[1]}
    final = {}
    for alias, target in same.items():
        while target in same:
            target = same[target]
        final[alias] = target
    return final


def test_optimize_compacts_an_embedded_store_and_keeps_every_quad(tmp_path: Path) -> None:
    store = tmp_path / "store"
    load(store, QUESTIONS, *NOTICES, ANSWER)
    relinked = CliRunner().invoke(cli.main, ["-q", "link", "--store", str(store)])
    assert relinked.exit_code == 0, relinked.output  # the derived facts replaced once more
    before = quads(store)
    result = CliRunner().invoke(cli.main, ["optimize", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"optimized {store}" in result.stderr
    assert quads(store) == before


def test_optimize_leaves_a_server_alone() -> None:
    """A server keeps its own storage: refused before any request (the port is closed)."""
    result = CliRunner().invoke(cli.main, ["optimize", "--endpoint", "http://127.0.0.1:9/"])
    assert result.exit_code == 2
    assert "a server compacts its own storage" in result.stderr


class _FlushCounter:
    """The embedded store's Oxigraph store, counting the calls of ``flush``."""

    def __init__(self, inner: object) -> None:
        self.inner, self.flushes = inner, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def flush(self) -> None:
        self.flushes += 1
        self.inner.flush()  # type: ignore[attr-defined]


def test_a_large_update_is_flushed_to_disk_and_a_small_one_left_to_the_store(
        tmp_path: Path) -> None:
    """Linking writes its derived facts in large updates; held in the store's write buffers
    they would sit in memory under its next queries."""
    store = LocalStore(tmp_path / "store")
    counter = _FlushCounter(store._store)
    store._store = counter  # type: ignore[assignment]
    store.update('INSERT DATA { GRAPH <urn:x-test:g> { <urn:x-test:a> <urn:x-test:p> "x" } }')
    assert counter.flushes == 0
    triples = [f'<urn:x-test:s{n}> <urn:x-test:p> "{"text " * 10}{n}" .'
               for n in range(FLUSH_BYTES // 60)]
    update = "INSERT DATA { GRAPH <urn:x-test:g> {\n" + "\n".join(triples) + "\n} }"
    assert len(update) >= FLUSH_BYTES
    store.update(update)
    assert counter.flushes == 1
    store._store = counter.inner  # type: ignore[assignment]
    assert store.size() == (1, len(triples) + 1)
    store.close()
