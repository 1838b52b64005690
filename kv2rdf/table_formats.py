r"""Table writers: rows of `kv2rdf.export` tables as CSV, TSV, JSON or Parquet bytes.

* ``csv``: RFC 4180 with a header line, CRLF line ends, ISO dates (a spreadsheet reads them as
  dates), ``yes``/``no`` for booleans, an empty cell for none;
* ``tsv``: the same cells with tabs, and tab, line break and backslash written ``\t``,
  ``\n``, ``\\``;
* ``json``: an array of records (``null`` for none, dates as ISO strings);
* ``parquet``: typed columns (date32, int64, bool, string); needs pyarrow (``[tables]``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from kv2rdf.api import Row, Value, require
from kv2rdf.errors import DataError

EXPORT_FORMATS = ("csv", "tsv", "json", "parquet")


def _cell(value: Value) -> str:
    """A value as CSV/TSV text: ISO dates, yes/no, numbers as written, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value: Value) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def write_table(rows: list[Row], columns: tuple[str, ...], fmt: str) -> bytes:
    """``rows`` in ``fmt`` (csv, tsv, json or parquet), as bytes."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_cell(r[c]) for c in columns] for r in rows)
        return out.getvalue().encode("utf-8")
    if fmt == "tsv":
        def escape(text: str) -> str:
            return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                    .replace("\r", "\\r"))
        lines = ["\t".join(columns)]
        lines += ["\t".join(escape(_cell(r[c])) for c in columns) for r in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "json":
        records = [{c: _json_value(r[c]) for c in columns} for r in rows]
        return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "parquet":
        return _parquet(rows, columns)
    raise DataError(f"unknown table format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")


def _parquet(rows: list[Row], columns: tuple[str, ...]) -> bytes:
    pyarrow = require("pyarrow")
    parquet = require("pyarrow.parquet")
    arrays = {}
    for column in columns:
        values = [r[column] for r in rows]
        present = [v for v in values if v is not None]
        kind = pyarrow.string()
        if present and all(isinstance(v, bool) for v in present):
            kind = pyarrow.bool_()
        elif present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            kind = pyarrow.int64()
        elif present and all(isinstance(v, dt.date) for v in present):
            kind = pyarrow.date32()
        arrays[column] = pyarrow.array(values, type=kind)
    sink = io.BytesIO()
    parquet.write_table(pyarrow.table(arrays), sink)
    return sink.getvalue()
