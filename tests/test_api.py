"""The Python API: ``kv2rdf.Store`` loads, queries into Python values and pandas DataFrames."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import kv2rdf
from kv2rdf import Store
from kv2rdf.api import MissingExtraError, python_value
from kv2rdf.errors import DataError, StoreError
from kv2rdf.store.results import Term
from tests.helpers import ROOT
from tests.store_support import case_sources, server_url

XSD = "http://www.w3.org/2001/XMLSchema#"
ANSWER_TIMES = """
SELECT ?answer ?submitted ?received WHERE {
  ?answer a kv:AnswerDocument ; dct:dateSubmitted ?received ; eli-dl:answers_to ?set .
  ?set dct:dateSubmitted ?submitted .
} ORDER BY ?answer"""


def test_load_reports_graphs_and_replaces_on_reload(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        first = store.load(ROOT / "examples")
        # the two documents, and the facts derived over them (id:afgeleid): days to answer
        # and lateness (3), per question set its questions and answer documents counted (2 + 2),
        # the first answer (1), the fracties asked for (1 + 2), the answer's items counted (1),
        # its ministry (1), its grouped answers "Antwoord 1 en 2" and "Antwoord 6 en 7" (2)
        assert (first.graphs, first.store_graphs) == (2, 3)
        assert first.triples + 15 == first.store_triples > 500
        again = store.load([ROOT / "examples" / "aanhangsel-1064.md"])
        assert (again.graphs, again.store_graphs, again.store_triples) == (
            1, 3, first.store_triples)
        assert "3 graphs" in str(again)


def test_query_rows_are_python_values(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        store.load(case_sources("seed-004-aanhangsel-1064", "markdown-ah-tk-20232024-302"))
        rows = store.query(ANSWER_TIMES)
        assert [(r["submitted"], r["received"]) for r in rows] == [
            (date(2024, 1, 29), date(2024, 2, 16)), (date(2023, 10, 3), date(2023, 10, 24))]
        assert rows[0]["answer"] == "https://w3id.org/kv2rdf/id/antwoord/ah-tk-20232024-1064"
        count = store.query("SELECT (COUNT(DISTINCT ?q) AS ?n) (AVG(?p) AS ?avg) WHERE "
                            "{ ?q a kv:Question ; schema:position ?p }")
        assert count[0]["n"] == 17 and isinstance(count[0]["avg"], Decimal)
        expected = Decimal(sum(range(1, 10)) + sum(range(1, 9))) / 17
        assert abs(count[0]["avg"] - expected) < Decimal("1e-9")


def test_to_dataframe_types_dates_and_numbers(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    with Store(tmp_path / "store") as store:
        store.load(case_sources("seed-004-aanhangsel-1064", "markdown-ah-tk-20232024-302"))
        frame = store.to_dataframe(ANSWER_TIMES)
        assert list(frame.columns) == ["answer", "submitted", "received"]
        assert str(frame["received"].dtype).startswith("datetime64")
        assert list((frame["received"] - frame["submitted"]).dt.days) == [18, 21]
        cases = store.table_dataframe("cases")
        assert list(cases["days_to_answer"]) == [21, 18]
        assert str(cases["days_to_answer"].dtype) == "Int64"


def test_missing_pandas_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with Store(tmp_path / "store") as store:
        store.load(case_sources("seed-004-aanhangsel-1064"))
        with pytest.raises(MissingExtraError, match=r"pip install 'kv2rdf\[tables\]'"):
            store.to_dataframe(ANSWER_TIMES)


def test_python_values_of_terms() -> None:
    assert python_value(Term("literal", "42", XSD + "integer")) == 42
    assert python_value(Term("literal", "2.5", XSD + "decimal")) == Decimal("2.5")
    assert python_value(Term("literal", "1.0E1", XSD + "double")) == 10.0
    assert python_value(Term("literal", "true", XSD + "boolean")) is True
    assert python_value(Term("literal", "2024-02-29", XSD + "date")) == date(2024, 2, 29)
    assert python_value(Term("literal", "Vraag", None, "nl")) == "Vraag"
    assert python_value(Term("literal", "not a date", XSD + "date")) == "not a date"
    assert python_value(None) is None


def test_store_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not both"):
        Store(tmp_path, endpoint="http://localhost:1")
    with pytest.raises(StoreError, match="no store there yet"):
        Store(tmp_path / "missing").query("SELECT * WHERE { ?s ?p ?o }")
    with Store(tmp_path / "store") as store:
        store.load(case_sources("seed-004-aanhangsel-1064"))
        with pytest.raises(DataError, match="not a SELECT"):
            store.query("ASK { ?s ?p ?o }")
        with pytest.raises(DataError, match="nothing loaded"):
            store.load([tmp_path / "nothing.ttl"])


def test_exports_from_the_package() -> None:
    assert {"Store", "LoadSummary", "export"} <= set(kv2rdf.__all__)


@pytest.mark.server
def test_a_server_gives_the_same_table_rows(tmp_path: Path) -> None:
    url = server_url()
    cases = ("seed-004-aanhangsel-1064", "text-ah-tk-20232024-1949")
    with Store(endpoint=url) as remote, Store(tmp_path / "store") as local:
        remote.load(case_sources(*cases))
        local.load(case_sources(*cases))
        wanted = {"ah-tk-20232024-1064", "ah-tk-20232024-1949"}
        for table in ("cases", "answers"):
            key = "case" if table == "cases" else "answer_id"
            assert [r for r in remote.table(table) if r[key] in wanted] == \
                [r for r in local.table(table) if r[key] in wanted]
