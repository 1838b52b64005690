"""Tables: cases, questions, answers and people as rows for spreadsheets and pandas.

Each table is a SPARQL query shipped in ``kv2rdf/queries/{table}.rq`` plus light
post-processing in `kv2rdf.table_rows` (lists sorted and joined, days to answer, least values,
a fixed order). The writers (CSV, TSV, JSON, Parquet) are in `kv2rdf.table_formats`. The
columns are documented in the README, section "Tables".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kv2rdf.api import Row, rows_of
from kv2rdf.errors import DataError
from kv2rdf.table_formats import EXPORT_FORMATS, write_table
from kv2rdf.table_rows import build_answers, build_cases, build_people, build_questions

if TYPE_CHECKING:
    from kv2rdf.api import Store

QUERIES = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its query file, its columns, and the function that turns query rows into rows."""

    name: str
    columns: tuple[str, ...]
    build: Callable[[list[Row]], list[Row]]

    def query(self) -> str:
        """The SPARQL text of the table (``kv2rdf/queries/{name}.rq``)."""
        return (QUERIES / f"{self.name}.rq").read_text(encoding="utf-8")


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("cases", ("case", "zaaknummer", "title", "subject", "askers", "parties", "questions",
                    "addressed_to", "addressed_ministries", "answered_by", "answering_posts",
                    "answering_ministries", "ministry", "submitted", "postponed",
                    "postponement_dates", "answered_by_letter", "answered", "days_to_answer",
                    "late", "answer_ids", "source_urls", "iri"), build_cases),
    Table("questions", ("case", "submitted", "number", "position", "text", "answered",
                        "answer_id", "answer_number", "answer_text", "refers_to",
                        "grouped_with", "iri"), build_questions),
    Table("answers", ("answer_id", "answered", "case", "number", "position", "questions",
                      "refers_to", "text", "answered_by", "iri"), build_answers),
    Table("people", ("name", "family_name", "party", "tk_id", "question_sets", "questions",
                     "answer_documents", "answers", "notices", "posts", "iri"), build_people),
)}


def table_of(name: str) -> Table:
    """The table called ``name``, or a `DataError` naming the tables there are."""
    if name not in TABLES:
        raise DataError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return TABLES[name]


def build_table(store: Store, name: str) -> list[Row]:
    """Run the table's query on ``store`` and post-process its rows."""
    table = table_of(name)
    return table.build(rows_of(store.result(table.query())))


def export(store: Store, table: str, fmt: str = "csv",
           output: str | Path | None = None) -> bytes:
    """Export one table (cases, questions, answers, people) from ``store`` as ``fmt``.

    Returns the bytes, and writes them to ``output`` when given.
    """
    spec = table_of(table)
    if fmt not in EXPORT_FORMATS:
        raise DataError(f"unknown table format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
    data = write_table(build_table(store, table), spec.columns, fmt)
    if output is not None:
        Path(output).write_bytes(data)
    return data
