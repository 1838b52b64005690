"""Shared by the store and query tests: the corpus, case selection, and the test server."""

from __future__ import annotations

import functools
import os
from decimal import Decimal
from pathlib import Path

import pytest

from kv2rdf.store.inputs import Prepared, prepare
from kv2rdf.store.linking import link
from kv2rdf.store.local import GraphStore, LocalStore, NamedGraph
from kv2rdf.store.results import QueryResult
from tests.helpers import CASES, ROOT

QUERIES = ROOT / "examples" / "queries"
ENDPOINT_VARIABLE = "KV2RDF_TEST_ENDPOINT"
REQUIRE_VARIABLE = "KV2RDF_REQUIRE_SERVER_TESTS"


def case_sources(*names: str) -> list[Path]:
    """The source files of the named golden cases, or of every case when none is named."""
    if not names:
        return sorted(CASES.glob("*/source.*"))
    found = [next((CASES / n).glob("source.*")) for n in names]
    assert len(found) == len(names)
    return found


@functools.cache
def corpus() -> Prepared:
    """Every golden case source, converted once per test session."""
    prepared = prepare(case_sources())
    assert prepared.errors == [], prepared.errors
    return prepared


def load(store: GraphStore, graphs: list[NamedGraph]) -> list[NamedGraph]:
    """Load ``graphs``; return the ones the store reported as loaded."""
    loaded: list[NamedGraph] = []
    store.replace(graphs, loaded.append)
    return loaded


def load_linked(store: GraphStore, graphs: list[NamedGraph]) -> list[NamedGraph]:
    """Load ``graphs`` and link them, as ``kv2rdf load`` does; return the ones loaded.

    Linking derives the facts the example queries start from (graph ``id/afgeleid``).
    """
    loaded = load(store, graphs)
    link(store, [graph.name for graph in loaded])
    return loaded


def store_of(directory: Path, *names: str, linked: bool = True) -> LocalStore:
    """A new embedded store holding the named cases (all cases when none is named).

    Linked as ``kv2rdf load`` links, unless not ``linked``: then it holds the documents only.
    """
    store = LocalStore(directory)
    prepared = corpus() if not names else prepare(case_sources(*names))
    assert prepared.errors == []
    (load_linked if linked else load)(store, prepared.graphs)
    return store


def run(store: GraphStore, name: str) -> QueryResult:
    """Run ``examples/queries/{name}.rq``."""
    return store.query((QUERIES / f"{name}.rq").read_text(encoding="utf-8"))


def plain(result: QueryResult) -> list[tuple[object, ...]]:
    """Rows as tuples of comparable values: numbers as `Decimal`, other terms as strings."""
    numeric = ("integer", "decimal", "double", "float")
    return [tuple(None if t is None else Decimal(t.value)
                  if t.datatype and t.datatype.endswith(numeric) else t.value for t in row)
            for row in result.rows]


def server_kind() -> str:
    """The URL conventions of the test server: $KV2RDF_TEST_SERVER, by default "oxigraph"."""
    return os.environ.get("KV2RDF_TEST_SERVER", "oxigraph")


def server_url() -> str:
    """The test server's URL; skips the test (with the reason) when none is configured."""
    url = os.environ.get(ENDPOINT_VARIABLE)
    if url:
        return url
    message = (f"{ENDPOINT_VARIABLE} is not set: these tests need an empty scratch Oxigraph "
               f"server (.ci/run starts one; locally: oxigraph serve --location DIR --bind "
               f"127.0.0.1:PORT, then export {ENDPOINT_VARIABLE}=http://127.0.0.1:PORT)")
    if os.environ.get(REQUIRE_VARIABLE):
        pytest.fail(f"{REQUIRE_VARIABLE} is set but {message}")
    pytest.skip(message)
