"""Command line, tables side: ``kv2rdf export`` and ``kv2rdf report``.

Both read a store through the Python API (`kv2rdf.api.Store`): an embedded store in a folder
(``--store DIR``, default ``./kv2rdf-store``) or a SPARQL server (``--endpoint URL``), named by
the store options every store command shares (`kv2rdf.store.options`). Library
errors, a missing optional dependency among them, reach the group in `kv2rdf.cli`, which
turns them into exit code 2.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kv2rdf import messages
from kv2rdf.export import TABLES
from kv2rdf.export import export as export_table
from kv2rdf.store.options import StoreChoice, store_options
from kv2rdf.table_formats import EXPORT_FORMATS


@click.command(short_help="Export cases, questions, answers or people as a table.")
@store_options
@click.option("--table", "table", type=click.Choice(list(TABLES)), required=True,
              help="Which table: one row per case, question, answer or person.")
@click.option("-t", "--to", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv",
              show_default=True, help="Table format (parquet needs pyarrow).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Output file [default: stdout].")
@messages.verbosity_options
def export(store: StoreChoice, table: str, fmt: str, output: str | None) -> None:
    r"""Export a table of the loaded documents (columns: README, section "Tables").

    CSV has ISO dates (a spreadsheet reads them as dates) and yes/no for true/false; TSV
    escapes tabs and line breaks as \\t and \\n; JSON is an array of records; Parquet keeps
    the column types.
    """
    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: name an output file with -o")
    started = time.perf_counter()
    with store.open(create=False) as opened:
        data = export_table(opened, table, fmt)
        location = opened.location
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(data)
    messages.detail(messages.general(f"the {table} table of {location} ({len(data)} bytes of "
                                     f"{fmt}) to {output or 'standard output'} in "
                                     f"{time.perf_counter() - started:.1f} s"))


@click.command(short_help="Write a static HTML report with charts and tables.")
@store_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="report.html",
              show_default=True, help="The HTML file to write.")
@messages.verbosity_options
def report(store: StoreChoice, output: str) -> None:
    """Write a self-contained HTML report: answer times, postponements, questions per party.

    Charts are inline SVG (matplotlib, the [tables] extra), each with the table behind it; the
    page needs no server and no network.
    """
    from kv2rdf.report import write_report

    with store.open(create=False) as opened:
        summary = write_report(opened, Path(output))
    messages.note(messages.general(f"wrote {output}: {summary}"))
